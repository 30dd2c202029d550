// The local stand-in for the MEGA leads API (docs/api-contract.md, "The local server"): plain
// node:http, in-memory data, and the knobs tests need to make it misbehave the way real networks
// and servers do. One file of some 500 lines: the routing, the request log and the faults all
// act on one request as it passes; the rules themselves live in the modules it imports.
import { randomUUID } from 'node:crypto';
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { authenticate, hasScope, tokenKey, tokenLast4 } from './auth.ts';
import { parseBulkBody, runBulkImport } from './bulk-import.ts';
import { handleControl } from './control.ts';
import { corsHeaders, preflightHeaders } from './cors.ts';
import { createOrMergeLead, validateCreateBody } from './create-lead.ts';
import { errorEnvelope } from './errors.ts';
import { FaultQueue, parseFault, type Fault } from './faults.ts';
import {
  errorReply,
  jsonReply,
  parseJsonBody,
  parseQueryStrict,
  queryRecord,
  MAX_BODY_BYTES,
  readBody,
  send,
  singleHeader,
  splitTarget,
  type BodyResult,
  type Reply,
} from './http-io.ts';
import { fingerprintRequest, IdempotencyStore } from './idempotency.ts';
import { parseLeadsQuery, runLeadsQuery, toPublicLead } from './leads-query.ts';
import { PageStore } from './pages.ts';
import { RateLimiter, type RateDecision, type RateLimitConfig } from './rate-limit.ts';
import { CUSTOM_FIELD_SLUGS, seedLeads, STAGES, TEAMS, withinContract } from './seed.ts';
import type { Lead } from './types.ts';

export type { Fault } from './faults.ts';
export type { RateLimitConfig } from './rate-limit.ts';

export const LEADS_PATH = '/api/agents/crm/leads';
export const BULK_PATH = '/api/agents/crm/leads/bulk';

export interface MegaServerOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: '127.0.0.1';
  /** The moment the seed data is relative to; the server's clock runs on from it. */
  now?: Date;
  /** How many leads the demo customer has (default 200, the hand-shaped set; more are generated). */
  leadCount?: number;
  latencyMs?: number;
  /**
   * Serve custom fields of shapes MEGA's published schema does not allow (lists and objects), as
   * real data drifts. Off by default, so that what the demo and the tests see is the contract;
   * the tolerant-reader tests turn it on (`setDrift`, or `--drift` on the command line).
   */
  drift?: boolean;
  rateLimit?: RateLimitConfig;
  /** The bulk import's own count, apart from `rateLimit` (default 10 a minute, no hour window). */
  bulkRateLimit?: RateLimitConfig;
  /** No request log on stdout. */
  quiet?: boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  customerId: string | null;
  tokenLast4: string | null;
  idempotencyKey: string | null;
  /** Parsed JSON body, or null when there was none or it was not JSON. */
  body: unknown;
  /** 0 while unanswered, and for requests that never get an answer (disconnect, hang). */
  status: number;
  at: number;
}

export interface MegaServer {
  /** "http://127.0.0.1:PORT" */
  url: string;
  port: number;
  /** The live data, both customers' leads; the same array for the server's whole life. */
  leads: Lead[];
  /** The server's clock: the seed's `now`, advancing in real time; it stamps created and updated leads. */
  now(): Date;
  /** Every /api/ request in arrival order (preflights excluded); the same array, cleared by reset(). */
  requests: RecordedRequest[];
  /** Queues a fault for the next `times` (default 1) /api/ requests; queued faults apply in order. */
  injectFault(fault: Fault, times?: number): void;
  /** Fixed delay before every /api/ answer, mimicking a real network. */
  setLatency(ms: number): void;
  /** Reseeds with (or without) custom fields outside the published schema (see `drift`); reset() undoes it. */
  setDrift(on: boolean): void;
  /** Serves `html` at GET /pages/<path>; kept across reset(). */
  addPage(path: string, html: string): void;
  /** Reseeds the data and clears the log, faults, rate-limit windows and idempotency keys; latency
   *  and drift go back to what the server was started with (none by default). */
  reset(): void;
  /** Stops listening and destroys every socket, hanging ones included. */
  close(): Promise<void>;
}

const DEFAULT_RATE_LIMIT: RateLimitConfig = { perMinute: 60, perHour: 1000 };
const DEFAULT_BULK_RATE_LIMIT: RateLimitConfig = { perMinute: 10 };
/** 500 rows with custom fields do not fit in the 100 KB a single create may send. */
const MAX_BULK_BODY_BYTES = 1024 * 1024;

const bodyLimitOf = (path: string): number => (path === BULK_PATH ? MAX_BULK_BODY_BYTES : MAX_BODY_BYTES);

// What a captive portal or a misconfigured proxy answers instead of JSON.
const NON_JSON_BODY =
  '<!doctype html><html><head><title>Sign in to network</title></head>' +
  '<body><h1>Sign in to continue</h1><p>Please accept the terms of use to access the internet.</p></body></html>';

export async function createMegaServer(options: MegaServerOptions = {}): Promise<MegaServer> {
  const host = options.host ?? '127.0.0.1';
  const initialLatency = options.latencyMs ?? 0;
  const quiet = options.quiet ?? false;
  const leads: Lead[] = [];
  const requests: RecordedRequest[] = [];
  const faults = new FaultQueue();
  const limiter = new RateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT);
  const bulkLimiter = new RateLimiter(options.bulkRateLimit ?? DEFAULT_BULK_RATE_LIMIT);
  const idempotency = new IdempotencyStore();
  const pages = new PageStore();
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const stages = Object.values(STAGES);
  let latency = initialLatency;
  let drift = options.drift ?? false;
  let clockBase = 0;
  let clockStart = 0;
  let closed = false;
  let port = 0;

  // Seed data is relative to `now`; the clock then advances in real time so new leads sort last.
  const reseed = (): void => {
    const base = options.now ?? new Date();
    clockBase = base.getTime();
    clockStart = Date.now();
    const seeded = seedLeads(base, options.leadCount);
    if (!drift) for (const lead of seeded) lead.custom_fields = withinContract(lead.custom_fields);
    // Not splice(…, ...seeded): spreading tens of thousands of arguments overflows the stack.
    leads.length = 0;
    for (const lead of seeded) leads.push(lead);
  };
  const clock = (): number => clockBase + (Date.now() - clockStart);

  const sleep = (ms: number): Promise<void> =>
    ms <= 0
      ? Promise.resolve()
      : new Promise((resolve) => {
          const timer = setTimeout(() => {
            timers.delete(timer);
            resolve();
          }, ms);
          timers.add(timer);
        });

  const log = (record: RecordedRequest, rawQuery: string): void => {
    if (quiet) return;
    const query = rawQuery.length > 120 ? `${rawQuery.slice(0, 120)}…` : rawQuery;
    const who = record.tokenLast4 ? ` token …${record.tokenLast4}` : '';
    const status = record.status === 0 ? 'no answer' : String(record.status);
    console.log(
      `[mega] ${record.method} ${record.path}${query ? `?${query}` : ''} → ${status} (${Date.now() - record.at} ms)${who}`,
    );
  };

  const answerGet = (customerId: string, params: URLSearchParams): Reply => {
    const parsed = parseLeadsQuery(params);
    if (!parsed.ok) return errorReply(400, parsed.message);
    const mine = leads.filter((lead) => lead.customer_id === customerId);
    return jsonReply(200, runLeadsQuery(mine, parsed.query));
  };

  /**
   * A POST's answer, once per Idempotency-Key: a repeated key with the same request replays the
   * first answer, with another request it is refused (409). Only successes are remembered.
   */
  const answerOnce = (
    customerId: string,
    idempotencyKey: string | null,
    fingerprint: string,
    answer: () => { ok: true; status: number; body: unknown } | { ok: false; reply: Reply },
  ): Reply => {
    if (idempotencyKey !== null) {
      const seen = idempotency.check(customerId, idempotencyKey, fingerprint);
      if (seen.kind === 'conflict') {
        return errorReply(409, 'This Idempotency-Key was already used with a different request body.');
      }
      if (seen.kind === 'replay') {
        return jsonReply(seen.answer.status, seen.answer.body, { 'idempotent-replayed': 'true' });
      }
    }
    const answered = answer();
    if (!answered.ok) return answered.reply;
    const { status, body } = answered;
    if (idempotencyKey !== null) idempotency.remember(customerId, idempotencyKey, { fingerprint, status, body });
    return jsonReply(status, body);
  };

  const answerPost = (customerId: string, body: Buffer, idempotencyKey: string | null): Reply => {
    const json = parseJsonBody(body);
    if (!json.ok) return errorReply(400, json.message);
    return answerOnce(customerId, idempotencyKey, fingerprintRequest(LEADS_PATH, body), () => {
      const valid = validateCreateBody(json.value, stages);
      if (!valid.ok) return { ok: false, reply: errorReply(400, valid.message) };
      const { lead } = createOrMergeLead(leads, customerId, valid.input, new Date(clock()).toISOString(), randomUUID);
      // The caller may just have sent custom fields, so the answer always shows them.
      return { ok: true, status: 201, body: { lead: toPublicLead(lead, true) } };
    });
  };

  const answerBulk = (customerId: string, body: Buffer, idempotencyKey: string | null): Reply => {
    const json = parseJsonBody(body);
    if (!json.ok) return errorReply(400, json.message);
    const parsed = parseBulkBody(json.value);
    const customer = {
      id: customerId,
      stages,
      team: TEAMS.get(customerId) ?? [],
      customFieldSlugs: CUSTOM_FIELD_SLUGS,
    };
    const run = () => {
      if (!parsed.ok) return { ok: false as const, reply: errorReply(400, parsed.message) };
      const answer = runBulkImport(leads, customer, parsed.request, new Date(clock()).toISOString(), randomUUID);
      return { ok: true as const, status: 200, body: answer };
    };
    // A dry run writes nothing, so it is neither remembered nor checked against a key.
    if (parsed.ok && parsed.request.dryRun) {
      const answered = run();
      return answered.ok ? jsonReply(answered.status, answered.body) : answered.reply;
    }
    return answerOnce(customerId, idempotencyKey, fingerprintRequest(BULK_PATH, body), run);
  };

  /** The contract's answer for a request no fault interfered with. */
  const answerApi = (
    req: IncomingMessage,
    path: string,
    rawQuery: string,
    body: BodyResult,
    rate: RateDecision,
  ): Reply => {
    const auth = authenticate(singleHeader(req, 'authorization'), singleHeader(req, 'x-customer-id'));
    if (!auth.ok) {
      return errorReply(
        auth.status,
        auth.message,
        auth.status === 401 ? { 'www-authenticate': 'Bearer realm="mega"' } : {},
      );
    }
    if (rate.limited) {
      return errorReply(429, `Rate limit exceeded. Retry in ${rate.retryAfter} seconds.`, {
        'retry-after': String(rate.retryAfter),
      });
    }
    if (path !== LEADS_PATH && path !== BULK_PATH) return errorReply(404, 'Unknown API endpoint.');
    const method = req.method ?? '';
    if (path === BULK_PATH && method !== 'POST') {
      return errorReply(405, `${method} is not allowed on this endpoint; use POST.`, { allow: 'POST' });
    }
    if (method !== 'GET' && method !== 'POST') {
      return errorReply(405, `${method} is not allowed on this endpoint; use GET or POST.`, { allow: 'GET, POST' });
    }
    if (!body.ok) return errorReply(413, `The request body is larger than ${bodyLimitOf(path) / 1024} KB.`);
    const params = parseQueryStrict(rawQuery);
    if (params === null) return errorReply(400, 'The query string contains malformed percent-encoding.');
    const customerId = auth.grant.customerId;
    if (method === 'GET') {
      if (!hasScope(auth.grant, 'public_api:leads:read')) {
        return errorReply(403, 'This token lacks the public_api:leads:read scope.');
      }
      return answerGet(customerId, params);
    }
    if (!hasScope(auth.grant, 'public_api:leads:write')) {
      return errorReply(403, 'This token lacks the public_api:leads:write scope.');
    }
    const idempotencyKey = singleHeader(req, 'idempotency-key');
    if (idempotencyKey !== null && (idempotencyKey.trim() === '' || idempotencyKey.length > 255)) {
      return errorReply(400, 'Idempotency-Key must be 1 to 255 characters.');
    }
    return path === BULK_PATH
      ? answerBulk(customerId, body.bytes, idempotencyKey)
      : answerPost(customerId, body.bytes, idempotencyKey);
  };

  const faultReply = (fault: Fault, method: string, path: string): Reply | null => {
    switch (fault.type) {
      case 'status':
        return errorReply(
          fault.status,
          fault.message,
          fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {},
        );
      case 'non-json':
        return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: NON_JSON_BODY };
      case '429-no-retry-after':
        return errorReply(429, 'Too many requests.');
      case 'wrong-shape':
        // Valid JSON, plausible keys, wrong types: what a schema change on the server looks like.
        return path === BULK_PATH
          ? jsonReply(200, { dry_run: 'no', summary: { total: '3' }, results: { row_ref: 1 } })
          : method === 'POST'
            ? jsonReply(200, { lead: [{ id: 42 }] })
            : jsonReply(200, { leads: { id: 'not-an-array' }, total: '1', limit: 20, offset: 0 });
      default:
        return null;
    }
  };

  const handleApi = async (
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    rawQuery: string,
  ): Promise<void> => {
    const authorization = singleHeader(req, 'authorization');
    const record: RecordedRequest = {
      method: req.method ?? '',
      path,
      query: queryRecord(rawQuery),
      customerId: singleHeader(req, 'x-customer-id'),
      tokenLast4: tokenLast4(authorization),
      idempotencyKey: singleHeader(req, 'idempotency-key'),
      body: null,
      status: 0,
      at: Date.now(),
    };
    requests.push(record);
    // Counted on arrival, so faulted and rejected requests use up the budget like real ones.
    // The bulk import is counted apart from every other request.
    const rate = (path === BULK_PATH ? bulkLimiter : limiter).hit(tokenKey(authorization), record.at);
    const fault = faults.take();
    const body = await readBody(req, bodyLimitOf(path));
    if (body.ok && body.bytes.length > 0) {
      const parsed = parseJsonBody(body.bytes);
      record.body = parsed.ok ? parsed.value : null;
    }
    await sleep(latency + (fault?.type === 'delay' ? fault.ms : 0));
    if (closed) return;

    if (fault?.type === 'hang') {
      log(record, rawQuery);
      return; // the socket stays open until the client gives up or the server closes
    }
    if (fault?.type === 'disconnect') {
      req.socket.destroy();
      log(record, rawQuery);
      return;
    }
    const reply = (fault && faultReply(fault, record.method, path)) ?? answerApi(req, path, rawQuery, body, rate);
    record.status = reply.status;
    // The one fault that stands for an answer from something other than the API leaves out the
    // API's RateLimit-* headers; the request still counted (see above).
    const figures = fault?.type === 'status' || fault?.type === 'rate-figures' ? fault.rateLimit : undefined;
    const rateHeaders =
      fault?.type === '429-no-retry-after'
        ? {}
        : figures
          ? {
              'ratelimit-limit': String(figures.limit),
              'ratelimit-remaining': String(figures.remaining),
              'ratelimit-reset': String(figures.reset),
            }
          : rate.headers;
    send(res, reply, { ...rateHeaders, ...corsHeaders(singleHeader(req, 'origin')) });
    log(record, rawQuery);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const { path, rawQuery } = splitTarget(req.url ?? '');
    if (path === '/api' || path.startsWith('/api/')) {
      if (req.method === 'OPTIONS') {
        // Preflights: not logged, not counted, never faulted; they do see the network latency.
        req.resume();
        await sleep(latency);
        const asksPrivateNetwork = singleHeader(req, 'access-control-request-private-network') === 'true';
        send(res, { status: 204 }, preflightHeaders(singleHeader(req, 'origin'), asksPrivateNetwork));
        return;
      }
      await handleApi(req, res, path, rawQuery);
      return;
    }
    if (path.startsWith('/__control/')) {
      send(res, await handleControl(req, path, port, controls));
      return;
    }
    req.resume();
    if (path.startsWith('/pages/') && (req.method === 'GET' || req.method === 'HEAD')) {
      const page = await pages.get(path.slice('/pages/'.length));
      if (page) {
        send(res, {
          status: 200,
          headers: { 'content-type': page.contentType },
          body: req.method === 'HEAD' ? '' : page.body,
        });
        return;
      }
      send(res, { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'No such page.\n' });
      return;
    }
    if (path === '/' && req.method === 'GET') {
      const text =
        'Local MEGA API server (fake data, for development and tests)\n\n' +
        `API:        ${LEADS_PATH}, ${BULK_PATH}\nDemo page:  /pages/demo.html\nControls:   /__control/{requests,faults,latency,reset}\n`;
      send(res, { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: text });
      return;
    }
    send(res, errorReply(404, 'Not found.'));
  };

  const server = createServer({ maxHeaderSize: 64 * 1024 }, (req, res) => {
    // A client that goes away mid-request must never take the server with it.
    req.on('error', () => {});
    res.on('error', () => {});
    handle(req, res).catch((error: unknown) => {
      if (!quiet) console.error('[mega] internal error:', error);
      send(res, errorReply(500));
    });
  });

  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  // Requests Node cannot even parse (oversized headers, bad bytes) still get the error envelope.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    const message =
      status === 431
        ? 'The request line or headers are too large.'
        : status === 408
          ? 'Request timeout.'
          : 'The request could not be parsed.';
    const body = JSON.stringify(errorEnvelope(status, message));
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json; charset=utf-8\r\n` +
        `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  });

  const controls = {
    requests,
    clearRequests: (): void => {
      requests.length = 0;
    },
    injectFault(fault: Fault, times = 1): void {
      const checked = parseFault(fault);
      if (typeof checked === 'string') throw new TypeError(checked);
      faults.push(checked, times);
    },
    setLatency(ms: number): void {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('latency must be a non-negative number of ms');
      latency = ms;
    },
    setDrift(on: boolean): void {
      drift = on;
      reseed();
    },
    reset(): void {
      drift = options.drift ?? false;
      reseed();
      requests.length = 0;
      faults.clear();
      latency = initialLatency;
      limiter.clear();
      bulkLimiter.clear();
      idempotency.clear();
    },
  };

  reseed();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  port = typeof address === 'object' && address !== null ? address.port : 0;

  return {
    url: `http://${host}:${port}`,
    port,
    leads,
    now: () => new Date(clock()),
    requests,
    injectFault: controls.injectFault,
    setLatency: controls.setLatency,
    setDrift: controls.setDrift,
    addPage: (path, html) => pages.add(path, html),
    reset: controls.reset,
    close(): Promise<void> {
      if (closed) return Promise.resolve();
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        for (const socket of sockets) socket.destroy();
      });
    },
  };
}

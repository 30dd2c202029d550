/**
 * The MEGA leads API client. Only the background worker creates one: it is the one context that
 * holds the token.
 *
 * Retries (ky's own retry, configured here):
 * - at most 2 retries, so at most 3 attempts per call;
 * - 429: waits the `Retry-After` seconds (falling back to `RateLimit-Reset`), up to
 *   `maxRetryAfterSeconds`; a longer wait fails at once as `rate_limited`, with the wait in
 *   `retryAfterSeconds`. A 429 that names no wait at all is not retried on the short 5xx backoff
 *   (that would only spend the shared budget faster): it waits at least 5 s, with jitter;
 * - 500, 502, 503, 504 and network failures: exponential backoff from `backoffMs` (doubling, with
 *   jitter between half and all of each step);
 * - never 400, 401, 403, 404, 409 or any other status, and never a 2xx whose body is malformed;
 * - POST is retried because `createLead` and `importLeads` always send an `Idempotency-Key`, the
 *   same one on every attempt, so a retry can never create a second lead; `previewImport` (a bulk
 *   dry run) writes nothing, so it needs none.
 *
 * Size: a body over `maxBodyBytes` (2 MB by default) is refused as `contract` with its own
 * message, by its Content-Length when it declares one, and otherwise while it is read, so an
 * oversized answer is never held in memory whole.
 *
 * Timeouts: `timeoutMs` bounds each attempt (waiting for the response headers), and bounds reading
 * the body once more. A timed-out first attempt is retried once, since a stalled connection often
 * works on a fresh one; a later timeout is final. Either way it surfaces as kind `timeout`, so a
 * call takes at most about twice `timeoutMs` plus backoff when the server hangs. (ky 1.x applies
 * `timeout` to each attempt, although its readme says "including any retries"; a test pins this.)
 *
 * Cancellation: the caller's `AbortSignal` stops the call at once, including a wait between
 * retries, and the call rejects with the signal's reason (a `DOMException` named "AbortError"),
 * not a `MegaApiError`, so callers can tell a cancelled lookup from a failed one.
 *
 * Everything else rejects with a `MegaApiError` (see ./errors.ts).
 *
 * Rate limits: the RateLimit-* headers and 429s are reported with the count they speak of, since
 * MEGA counts the bulk import apart (`./bulk.ts`).
 *
 * One file near 500 lines: the retry, timeout, abort and redaction policy above is one policy,
 * applied in one ky instance that every request shares, with its rate-limit hooks and the mapping
 * of MEGA's error envelope, which must stay the same for each endpoint; splitting it would hide
 * how the parts interact.
 */
import ky, { isHTTPError, isTimeoutError, type KyInstance, type ShouldRetryState } from 'ky';
import type { z } from 'zod';
import { checkBaseUrl } from '@/utils/base-url';
import { abortableSleep } from '../abortable';
import { BULK_PATH, bulkFailure, checkBulkAnswer, rateLimitNameOf } from './bulk';
import { isAbortError, MegaApiError, type ApiErrorKind } from '@/utils/api/errors';
import { MIN_UNSPECIFIED_WAIT_MS, unspecifiedRateLimitWaitMs, type RateLimitName } from '@/utils/api/rate-budget';
import {
  bulkImportResultSchema,
  bulkImportSchema,
  createdLeadSchema,
  errorEnvelopeSchema,
  issuePath,
  leadPageSchema,
  newLeadSchema,
  PAGE_LIMIT,
  type BulkImport,
  type BulkImportResult,
  type Lead,
  type LeadPage,
  type LeadQuery,
  type NewLead,
} from '@/utils/api/schemas';

export interface RateLimitInfo {
  limit: number;
  remaining: number;
  resetSeconds: number;
}

export interface MegaClientConfig {
  /** e.g. "https://app.gomega.ai"; plain http only for loopback ("http://127.0.0.1:8787"). */
  baseUrl: string;
  token: string;
  customerId: string;
  /** Per attempt; default 10 000. */
  timeoutMs?: number;
  /** Cap for honouring Retry-After; a longer wait fails at once as `rate_limited`. Default 30. */
  maxRetryAfterSeconds?: number;
  /** Base backoff for 5xx and network retries; default 300. */
  backoffMs?: number;
  /** Largest response body read, in bytes; default 2 MB. */
  maxBodyBytes?: number;
  fetch?: typeof fetch;
  /** For jitter; default Math.random. */
  random?: () => number;
  /** Waits `ms` unless `signal` aborts first (then rejects with its reason); default a timer. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Called with the RateLimit-* headers of every response that carries them, and the count they are about. */
  onRateLimit?: (info: RateLimitInfo, limit: RateLimitName) => void;
  /** Called on every 429, with the wait it names (Retry-After, else RateLimit-Reset), if any. */
  onRateLimited?: (retryAfterSeconds: number | undefined, limit: RateLimitName) => void;
  /** Called with false when MEGA refuses the token (401), with true when it accepts it (2xx). */
  onTokenAnswer?: (accepted: boolean) => void;
}

export interface MegaClient {
  /** GET /api/agents/crm/leads: list or search leads, one page at a time. */
  listLeads(query?: LeadQuery, options?: { signal?: AbortSignal }): Promise<LeadPage>;
  /**
   * POST /api/agents/crm/leads: create a lead (MEGA merges it into a lead with the same email or
   * phone). The key must be fresh per user action and reused for retries of that action.
   */
  createLead(input: NewLead, options: { idempotencyKey: string; signal?: AbortSignal }): Promise<Lead>;
  /**
   * POST /api/agents/crm/leads/bulk as a dry run: what each row would become (created, merged
   * into which lead and why, skipped, refused), with nothing written.
   */
  previewImport(request: BulkImport, options?: { signal?: AbortSignal }): Promise<BulkImportResult>;
  /**
   * POST /api/agents/crm/leads/bulk: create or merge up to 500 leads in one request. The key must
   * be fresh per user action and reused for retries of that action, so that nothing is created
   * twice. A row MEGA refuses is a result with status `failed`, not an error.
   */
  importLeads(
    request: BulkImport,
    options: { idempotencyKey: string; signal?: AbortSignal },
  ): Promise<BulkImportResult>;
}

const LEADS_PATH = 'api/agents/crm/leads';
const RETRY_LIMIT = 2;
const RETRY_STATUSES = [429, 500, 502, 503, 504];
/** Header values must be visible ASCII; anything else cannot be a MEGA token or customer id. */
const HEADER_SAFE = /^[\x21-\x7e]+$/;
export const DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024;
/** A unix time in seconds from 2024 on, in a Retry-After header (ky reads it the same way). */
const TIMESTAMP_THRESHOLD_SECONDS = Date.UTC(2024, 0, 1) / 1000;

/**
 * The query string of a lead search. Undefined and empty values are left out, booleans are
 * "true"/"false", `limit` is a whole number in 1..100 and `offset` a whole number >= 0.
 */
export function leadQueryToSearchParams(query: LeadQuery = {}): URLSearchParams {
  const params = new URLSearchParams();
  const text = (name: keyof LeadQuery, value: string | undefined) => {
    if (value !== undefined && value !== '') params.set(name, value);
  };
  text('search', query.search);
  text('status', query.status);
  text('stageId', query.stageId);
  text('created_since', query.created_since);
  text('updated_since', query.updated_since);
  text('sort_by', query.sort_by);
  text('sort_dir', query.sort_dir);
  text('lead_line', query.lead_line);
  if (query.include_custom_fields !== undefined) {
    params.set('include_custom_fields', String(query.include_custom_fields));
  }
  text('cursor', query.cursor);
  if (query.limit !== undefined && Number.isFinite(query.limit)) {
    const limit = Math.min(PAGE_LIMIT.max, Math.max(PAGE_LIMIT.min, Math.trunc(query.limit)));
    params.set('limit', String(limit));
  }
  if (query.offset !== undefined && Number.isFinite(query.offset)) {
    params.set('offset', String(Math.max(0, Math.trunc(query.offset))));
  }
  return params;
}

/** Seconds to wait from Retry-After (delta seconds, HTTP date or unix time), else RateLimit-Reset. */
export function retryAfterSecondsOf(headers: Headers): number | undefined {
  const raw = headers.get('Retry-After') ?? headers.get('RateLimit-Reset');
  if (raw === null || raw.trim() === '') return undefined;
  const seconds = Number(raw);
  const nowSeconds = Date.now() / 1000;
  if (Number.isFinite(seconds)) {
    const wait = seconds >= TIMESTAMP_THRESHOLD_SECONDS ? seconds - nowSeconds : seconds;
    return Math.max(0, Math.ceil(wait));
  }
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil(date / 1000 - nowSeconds));
}

function kindForStatus(status: number): ApiErrorKind {
  switch (status) {
    case 401:
      return 'unauthenticated';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 408:
      return 'timeout';
    case 409:
      return 'conflict';
    case 429:
      return 'rate_limited';
  }
  return status >= 400 && status < 500 ? 'bad_request' : 'server';
}

export function createMegaClient(config: MegaClientConfig): MegaClient {
  const token = config.token.trim();
  const customerId = config.customerId.trim();
  const timeoutMs = config.timeoutMs ?? 10_000;
  const maxRetryAfterSeconds = config.maxRetryAfterSeconds ?? 30;
  const backoffMs = config.backoffMs ?? 300;
  const maxBodyBytes = config.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const random = config.random ?? Math.random;
  const sleep = config.sleep ?? abortableSleep;

  /** A problem found before any request is sent: then no request is sent at all. */
  function setupProblem(): MegaApiError | undefined {
    if (!checkBaseUrl(config.baseUrl).ok) {
      return new MegaApiError('network', { reason: 'base-url-setup' });
    }
    if (!HEADER_SAFE.test(token)) {
      return new MegaApiError('unauthenticated', { reason: 'token-setup' });
    }
    if (!HEADER_SAFE.test(customerId)) {
      return new MegaApiError('unauthenticated', { reason: 'customer-id-setup' });
    }
    return undefined;
  }

  function shouldRetry({ error, retryCount }: ShouldRetryState): boolean | undefined {
    if (isAbortError(error)) return false;
    if (isTimeoutError(error)) return retryCount === 1;
    if (isHTTPError(error)) {
      const { status, headers } = error.response;
      if (!RETRY_STATUSES.includes(status)) return false;
      if (status === 429) {
        // No wait named: the pause in beforeRetry, at least MIN_UNSPECIFIED_WAIT_MS.
        const wait = retryAfterSecondsOf(headers) ?? MIN_UNSPECIFIED_WAIT_MS / 1000;
        if (wait > maxRetryAfterSeconds) return false;
      }
      // This attempt will be retried and its body never read: release it before the wait. Left
      // open, a cancellation during the wait becomes an unhandled rejection inside Node's fetch.
      void error.response.body?.cancel().catch(() => undefined);
      // ky's own rules from here: Retry-After for 429, backoff for 5xx.
      return undefined;
    }
    // fetch rejects with a TypeError when the network fails (refused, reset, DNS...).
    return error instanceof TypeError;
  }

  function reportTokenAnswer(response: Response): void {
    const accepted = response.ok ? true : response.status === 401 ? false : undefined;
    if (accepted === undefined || !config.onTokenAnswer) return;
    try {
      config.onTokenAnswer(accepted);
    } catch {
      // As below: a listener's bug must not change the outcome of the request.
    }
  }

  function reportRateLimit(request: Request, response: Response): void {
    const limitName = rateLimitNameOf(request.url);
    if (response.status === 429 && config.onRateLimited) {
      const wait = retryAfterSecondsOf(response.headers);
      try {
        config.onRateLimited(wait, limitName);
      } catch {
        // As below: a listener's bug must not change the outcome of the request.
      }
    }
    if (!config.onRateLimit) return;
    const limit = Number(response.headers.get('RateLimit-Limit') ?? Number.NaN);
    const remaining = Number(response.headers.get('RateLimit-Remaining') ?? Number.NaN);
    const resetSeconds = Number(response.headers.get('RateLimit-Reset') ?? Number.NaN);
    if (![limit, remaining, resetSeconds].every(Number.isFinite)) return;
    try {
      config.onRateLimit({ limit, remaining, resetSeconds }, limitName);
    } catch {
      // A listener's bug must not turn a good response into a failed (and retried) request.
    }
  }

  const api: KyInstance = ky.create({
    prefixUrl: config.baseUrl,
    headers: {
      Authorization: `Bearer ${token}`,
      'x-customer-id': customerId,
      Accept: 'application/json',
    },
    timeout: timeoutMs,
    // The API needs no cookies, and a redirect could carry the headers to another host.
    credentials: 'omit',
    redirect: 'error',
    retry: {
      limit: RETRY_LIMIT,
      // POST only ever goes out with an Idempotency-Key (see createLead).
      methods: ['get', 'post'],
      statusCodes: RETRY_STATUSES,
      // 503 is left out on purpose: its RateLimit-Reset fallback is about the rate window, not
      // the outage, and could mean a long wait; a 503 backs off like any 5xx.
      afterStatusCodes: [429],
      maxRetryAfter: maxRetryAfterSeconds * 1000,
      delay: (attempt) => backoffMs * 2 ** (attempt - 1),
      jitter: (delay) => delay * (0.5 + random() * 0.5),
      backoffLimit: 10_000,
      shouldRetry,
    },
    ...(config.fetch ? { fetch: config.fetch } : {}),
    hooks: {
      afterResponse: [
        (request, _options, response) => {
          reportRateLimit(request, response);
          reportTokenAnswer(response);
        },
      ],
      beforeRetry: [
        async ({ request, error }) => {
          // ky would retry a 429 without any wait header after the short backoff meant for 5xx.
          if (
            isHTTPError(error) &&
            error.response.status === 429 &&
            retryAfterSecondsOf(error.response.headers) === undefined
          ) {
            await sleep(unspecifiedRateLimitWaitMs(random), request.signal);
          }
        },
      ],
    },
  });

  /** Redacts anything token-shaped from text MEGA sent, before it can reach a UI or a log. */
  function redact(text: string): string {
    let safe = text.replace(/mega_[0-9a-f]{8,}/gi, '[token]');
    if (token) safe = safe.split(token).join('[token]');
    return safe.length > 500 ? `${safe.slice(0, 500)}…` : safe;
  }

  async function errorFromResponse(response: Response): Promise<MegaApiError> {
    const status = response.status;
    let serverMessage: string | undefined;
    try {
      const envelope = errorEnvelopeOf(JSON.parse(await readText(response, timeoutMs, maxBodyBytes)));
      if (envelope) serverMessage = redact(envelope);
    } catch {
      // No readable envelope: the status alone decides.
    }
    return new MegaApiError(kindForStatus(status), {
      status,
      ...(serverMessage === undefined ? {} : { serverMessage }),
      ...(status === 429 ? retryAfterOption(response.headers) : {}),
    });
  }

  async function toFailure(error: unknown, signal: AbortSignal | undefined): Promise<unknown> {
    // Cancellation wins over whatever else went wrong, and is passed on as it is.
    if (signal?.aborted) return signal.reason ?? error;
    if (error instanceof MegaApiError) return error;
    if (isHTTPError(error)) {
      const failure = await errorFromResponse(error.response);
      return signal?.aborted ? (signal.reason ?? failure) : failure;
    }
    if (isTimeoutError(error)) return new MegaApiError('timeout');
    if (error instanceof TypeError) return new MegaApiError('network');
    // Deliberately no `cause`: ky's errors hold the request, and with it the Authorization header.
    return new MegaApiError('unknown');
  }

  async function send<Schema extends z.ZodType>(
    call: () => Promise<Response>,
    schema: Schema,
    signal: AbortSignal | undefined,
  ): Promise<z.output<Schema>> {
    signal?.throwIfAborted();
    const problem = setupProblem();
    if (problem) throw problem;

    let response: Response;
    let text: string;
    try {
      response = await call();
      text = await readText(response, timeoutMs, maxBodyBytes);
    } catch (error) {
      throw await toFailure(error, signal);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new MegaApiError('contract', { status: response.status, reason: 'not-json' });
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new MegaApiError('contract', { status: response.status, field: issuePath(parsed.error) });
    }
    return parsed.data;
  }

  /** Both kinds of bulk request: the same body, `dry_run` aside, and the same checks of the answer. */
  async function bulk(
    request: BulkImport,
    dryRun: boolean,
    options: { idempotencyKey?: string; signal?: AbortSignal },
  ): Promise<BulkImportResult> {
    const { idempotencyKey, signal } = options;
    const body = bulkImportSchema.safeParse(request);
    if (!body.success) {
      throw new MegaApiError('bad_request', { field: issuePath(body.error), reason: 'invalid-request' });
    }
    let answer: BulkImportResult;
    try {
      answer = await send(
        () =>
          api.post(BULK_PATH, {
            json: { ...body.data, dry_run: dryRun },
            headers: idempotencyKey === undefined ? {} : { 'Idempotency-Key': idempotencyKey },
            signal,
          }),
        bulkImportResultSchema,
        signal,
      );
    } catch (error) {
      throw bulkFailure(error);
    }
    checkBulkAnswer(body.data.leads, answer, dryRun);
    // A refused row's reasons are MEGA's own text, shown as they are: redacted like any message.
    const results = answer.results.map((row) => (row.errors ? { ...row, errors: row.errors.map(redact) } : row));
    return { ...answer, results };
  }

  return {
    listLeads(query = {}, options = {}) {
      const { signal } = options;
      return send(
        () => api.get(LEADS_PATH, { searchParams: leadQueryToSearchParams(query), signal }),
        leadPageSchema,
        signal,
      );
    },

    async createLead(input, options) {
      const { idempotencyKey, signal } = options;
      if (!HEADER_SAFE.test(idempotencyKey)) {
        throw new TypeError('createLead needs a non-empty idempotency key per user action.');
      }
      const body = newLeadSchema.safeParse(input);
      if (!body.success) {
        throw new MegaApiError('bad_request', {
          field: issuePath(body.error),
          reason: 'lead-needs-contact',
        });
      }
      const created = await send(
        () =>
          api.post(LEADS_PATH, {
            json: body.data,
            headers: { 'Idempotency-Key': idempotencyKey },
            signal,
          }),
        createdLeadSchema,
        signal,
      );
      return created.lead;
    },

    previewImport(request, options = {}) {
      return bulk(request, true, options);
    },

    async importLeads(request, options) {
      if (!HEADER_SAFE.test(options.idempotencyKey)) {
        throw new TypeError('importLeads needs a non-empty idempotency key per user action.');
      }
      return bulk(request, false, options);
    },
  };
}

function retryAfterOption(headers: Headers): { retryAfterSeconds?: number } {
  const seconds = retryAfterSecondsOf(headers);
  return seconds === undefined ? {} : { retryAfterSeconds: seconds };
}

function errorEnvelopeOf(json: unknown): string | undefined {
  const envelope = errorEnvelopeSchema.safeParse(json);
  return envelope.success ? envelope.data.error.message : undefined;
}

function tooLarge(status: number, maxBytes: number): MegaApiError {
  return new MegaApiError('contract', { status, reason: 'too-large', maxMegabytes: maxBytes / (1024 * 1024) });
}

/**
 * The body as text, with its own `timeoutMs` deadline: ky's timeout ends when the headers arrive,
 * and a body that stalls after them would otherwise hang the call. At most `maxBytes` are read:
 * a larger declared Content-Length is refused before reading, and a body that turns out larger
 * (no length, or a compressed one) is cancelled as soon as it passes the limit.
 */
async function readText(response: Response, timeoutMs: number, maxBytes: number): Promise<string> {
  if (!response.body) return '';
  const declared = Number(response.headers.get('Content-Length') ?? Number.NaN);
  if (declared > maxBytes) {
    void response.body.cancel().catch(() => undefined);
    throw tooLarge(response.status, maxBytes);
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    reader.cancel().catch(() => undefined);
  }, timeoutMs);
  try {
    let text = '';
    let bytes = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (timedOut) throw new MegaApiError('timeout');
      if (done) return text + decoder.decode();
      bytes += value.byteLength;
      if (bytes > maxBytes) {
        void reader.cancel().catch(() => undefined);
        throw tooLarge(response.status, maxBytes);
      }
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    clearTimeout(timer);
  }
}

// The client against the project's local MEGA server, over real HTTP: what the server logs is
// what the client really sent.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMegaServer } from '@/server/mega-server';
import {
  DEMO_CUSTOMER_ID,
  DEMO_TOKEN,
  NO_READ_TOKEN,
  OTHER_CUSTOMER_TOKEN,
  READ_ONLY_TOKEN,
} from '@/server/credentials';
import { DEFAULT_MAX_BODY_BYTES, type MegaClientConfig, type RateLimitInfo } from './client';
import { quickClient } from './client.testing';
import { MegaApiError, toApiFailure, type ApiErrorKind } from '@/utils/api/errors';

type MegaServer = Awaited<ReturnType<typeof createMegaServer>>;

let server: MegaServer;

beforeAll(async () => {
  // Far above what this file sends, so that only the tests that want a 429 get one.
  server = await createMegaServer({ rateLimit: { perMinute: 100_000, perHour: 1_000_000 }, quiet: true });
});

afterAll(async () => {
  await server.close();
});

beforeEach(() => {
  server.reset();
});

function client(overrides: Partial<MegaClientConfig> = {}) {
  return quickClient(server.url, overrides);
}

/** The error a call rejects with, checked to say nothing of the token it was made with. */
async function failureOf(call: Promise<unknown>, kind: ApiErrorKind, token = DEMO_TOKEN): Promise<MegaApiError> {
  const error: unknown = await call.then(
    () => new Error('expected the call to fail'),
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(MegaApiError);
  const apiError = error as MegaApiError;
  expect(apiError.kind).toBe(kind);
  // The server's own message may name the header ("send Authorization: Bearer <token>"); the
  // token itself must appear nowhere, and the user-facing sentence never speaks of headers.
  expect(apiError.message).not.toMatch(/authorization|bearer/i);
  const secret = token.trim().replace(/^mega_/, '');
  if (secret) {
    const everything = [
      apiError.message,
      apiError.stack,
      JSON.stringify(apiError),
      JSON.stringify(toApiFailure(apiError)),
    ];
    for (const text of everything) expect(text).not.toContain(secret);
  }
  expect(apiError.cause).toBeUndefined();
  return apiError;
}

async function abortOf(call: Promise<unknown>): Promise<unknown> {
  return call.then(
    () => new Error('expected the call to be aborted'),
    (reason: unknown) => reason,
  );
}

const apiRequests = () => server.requests.filter((request) => request.path === '/api/agents/crm/leads');
const timeOf = (at: unknown) => new Date(at as string | number).getTime();

/** A fetch that drops one header before sending, to reach the server's missing-header paths. */
function fetchWithout(header: string): typeof fetch {
  return (input, init) => {
    const request = new Request(input, init);
    request.headers.delete(header);
    return fetch(request);
  };
}

describe('listLeads', () => {
  it('finds a lead by email and sends the token and customer id', async () => {
    const page = await client().listLeads({ search: 'jane.cooper@acme.com' });
    expect(page.leads.map((lead) => lead.contact_name)).toContain('Jane Cooper');
    const [request] = apiRequests();
    expect(request?.method).toBe('GET');
    expect(request?.customerId).toBe(DEMO_CUSTOMER_ID);
    expect(request?.tokenLast4).toBe(DEMO_TOKEN.slice(-4));
  });

  it('finds a lead by a differently formatted phone number', async () => {
    const page = await client().listLeads({ search: '415-555-0134' });
    expect(page.leads[0]?.contact_email).toBe('jane.cooper@acme.com');
  });

  it('accepts a lead whose nullable fields are all null', async () => {
    const page = await client().listLeads({ search: '+1 212 555 0199' });
    const lead = page.leads.find((candidate) => candidate.contact_phone === '+1 212 555 0199');
    expect(lead).toBeDefined();
    expect(lead?.contact_name ?? null).toBeNull();
    expect(lead?.contact_email ?? null).toBeNull();
    expect(lead?.current_stage ?? null).toBeNull();
    expect(lead?.owner ?? null).toBeNull();
  });

  it('walks every page of a search with the cursor', async () => {
    const api = client();
    const ids: string[] = [];
    const cursors: (string | null)[] = [];
    let cursor: string | undefined;
    for (let pageCount = 0; pageCount < 10; pageCount++) {
      const page = await api.listLeads({ search: 'garcia', limit: 20, cursor });
      expect(page.total).toBe(27);
      ids.push(...page.leads.map((lead) => lead.id));
      cursors.push(page.next_cursor);
      if (page.next_cursor === null) break;
      cursor = page.next_cursor;
    }
    expect(cursors).toHaveLength(2);
    expect(cursors[1]).toBeNull();
    expect(ids).toHaveLength(27);
    expect(new Set(ids).size).toBe(27);
    expect(apiRequests()[1]?.query.cursor).toBe(cursors[0]);
  });

  it.each([
    [500, '100'],
    [0, '1'],
    [-3, '1'],
    [7.9, '7'],
  ])('sends limit %s as %s', async (limit, sent) => {
    await client().listLeads({ search: 'garcia', limit });
    expect(apiRequests()[0]?.query.limit).toBe(sent);
  });

  it('serialises every documented parameter, booleans as text', async () => {
    const query = {
      search: 'garcia',
      status: 'active',
      stageId: randomUUID(),
      created_since: '2020-01-01T00:00:00Z',
      updated_since: '2020-01-02T00:00:00.000Z',
      sort_by: 'last_interaction_at',
      sort_dir: 'desc',
      lead_line: 'buyer',
      include_custom_fields: true,
      limit: 5,
      offset: 2,
    } as const;
    const page = await client().listLeads(query);
    expect(page.leads).toEqual([]);
    expect(apiRequests()[0]?.query).toEqual({
      ...query,
      include_custom_fields: 'true',
      limit: '5',
      offset: '2',
    });
  });

  it('sends a cursor, false booleans, and leaves out undefined and empty values', async () => {
    const api = client();
    const first = await api.listLeads({ search: 'garcia', sort_by: 'created_at', limit: 3 });
    expect(first.next_cursor).not.toBeNull();
    await api.listLeads({
      search: 'garcia',
      sort_by: 'created_at',
      limit: 3,
      cursor: first.next_cursor ?? undefined,
      include_custom_fields: false,
      status: undefined,
      lead_line: undefined,
      stageId: '',
    });
    expect(apiRequests()[1]?.query).toEqual({
      search: 'garcia',
      sort_by: 'created_at',
      limit: '3',
      cursor: first.next_cursor,
      include_custom_fields: 'false',
    });
  });

  it('includes custom fields only when asked', async () => {
    const api = client();
    const withFields = await api.listLeads({ search: 'jane cooper', include_custom_fields: true });
    expect(withFields.leads[0]?.custom_fields).toBeTypeOf('object');
    const without = await api.listLeads({ search: 'jane cooper' });
    expect(without.leads[0]?.custom_fields).toBeUndefined();
  });

  it('reports the rate limit headers of every response', async () => {
    const seen: RateLimitInfo[] = [];
    await client({ onRateLimit: (info) => seen.push(info) }).listLeads({ search: 'jane' });
    expect(seen).toHaveLength(1);
    const [info] = seen;
    expect(info?.limit).toBeGreaterThan(0);
    expect(info?.remaining).toBeLessThanOrEqual(info?.limit ?? 0);
    expect(info?.resetSeconds).toBeGreaterThanOrEqual(0);
  });
});

describe('errors from the server', () => {
  it('maps a cursor replayed with another sort to bad_request, with the server message, once', async () => {
    const api = client();
    const first = await api.listLeads({ search: 'garcia', limit: 3 });
    const error = await failureOf(
      api.listLeads({
        search: 'garcia',
        limit: 3,
        sort_by: 'created_at',
        sort_dir: 'desc',
        cursor: first.next_cursor ?? 'x',
      }),
      'bad_request',
    );
    expect(error.status).toBe(400);
    expect(error.serverMessage).toBeTruthy();
    expect(apiRequests()).toHaveLength(2);
  });

  it('maps an invalid token to unauthenticated without retrying', async () => {
    const badToken = `mega_${'ab'.repeat(32)}`;
    const error = await failureOf(
      client({ token: badToken }).listLeads({ search: 'jane' }),
      'unauthenticated',
      badToken,
    );
    expect(error.status).toBe(401);
    expect(error.message).toMatch(/token/);
    expect(apiRequests()).toHaveLength(1);
  });

  it('maps a missing Authorization header to unauthenticated', async () => {
    const error = await failureOf(client({ fetch: fetchWithout('authorization') }).listLeads(), 'unauthenticated');
    expect(error.status).toBe(401);
    expect(apiRequests()).toHaveLength(1);
  });

  it('maps a missing x-customer-id to unauthenticated', async () => {
    const error = await failureOf(client({ fetch: fetchWithout('x-customer-id') }).listLeads(), 'unauthenticated');
    expect(error.status).toBe(401);
  });

  it('sends nothing when the token or customer id is blank', async () => {
    await failureOf(client({ token: '  ' }).listLeads(), 'unauthenticated', '  ');
    await failureOf(client({ customerId: '' }).listLeads(), 'unauthenticated');
    expect(apiRequests()).toHaveLength(0);
  });

  it.each([
    ['a token locked to another customer', OTHER_CUSTOMER_TOKEN],
    ['a token without the read scope', NO_READ_TOKEN],
  ])('maps %s to forbidden without retrying', async (_name, token) => {
    const error = await failureOf(client({ token }).listLeads({ search: 'jane' }), 'forbidden', token);
    expect(error.status).toBe(403);
    expect(apiRequests()).toHaveLength(1);
  });

  it('maps a create with a read-only token to forbidden', async () => {
    const call = client({ token: READ_ONLY_TOKEN }).createLead(
      { contact_name: 'Read Only' },
      { idempotencyKey: randomUUID() },
    );
    await failureOf(call, 'forbidden', READ_ONLY_TOKEN);
    expect(apiRequests()).toHaveLength(1);
  });

  it.each([
    [400, 'bad_request'],
    [401, 'unauthenticated'],
    [403, 'forbidden'],
    [404, 'not_found'],
    [409, 'conflict'],
  ] as const)('never retries a %s', async (status, kind) => {
    server.injectFault({ type: 'status', status }, 3);
    const error = await failureOf(client().listLeads({ search: 'jane' }), kind);
    expect(error.status).toBe(status);
    expect(apiRequests()).toHaveLength(1);
  });

  it.each([500, 502, 503])('retries a %s twice, then fails as server', async (status) => {
    server.injectFault({ type: 'status', status }, 3);
    const error = await failureOf(client().listLeads({ search: 'jane' }), 'server');
    expect(error.status).toBe(status);
    expect(apiRequests()).toHaveLength(3);
  });

  it('recovers when a retry after a 500 succeeds', async () => {
    server.injectFault({ type: 'status', status: 500 });
    const page = await client().listLeads({ search: 'jane cooper' });
    expect(page.leads[0]?.contact_name).toBe('Jane Cooper');
    expect(apiRequests()).toHaveLength(2);
  });
});

describe('rate limits', () => {
  it('waits the Retry-After seconds, then succeeds', async () => {
    server.injectFault({ type: 'status', status: 429, retryAfter: 1 });
    const page = await client().listLeads({ search: 'jane cooper' });
    expect(page.leads.length).toBeGreaterThan(0);
    const [first, second] = apiRequests();
    expect(first?.status).toBe(429);
    expect(timeOf(second?.at) - timeOf(first?.at)).toBeGreaterThanOrEqual(950);
  });

  it('fails at once as rate_limited when Retry-After is above the cap', async () => {
    server.injectFault({ type: 'status', status: 429, retryAfter: 120 });
    const started = Date.now();
    const error = await failureOf(client({ maxRetryAfterSeconds: 5 }).listLeads({ search: 'jane' }), 'rate_limited');
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(error.retryAfterSeconds).toBe(120);
    expect(error.message).toContain('2 minutes');
    expect(apiRequests()).toHaveLength(1);
  });

  it('gives up after three 429s', async () => {
    server.injectFault({ type: 'status', status: 429, retryAfter: 0 }, 3);
    const error = await failureOf(client().listLeads({ search: 'jane' }), 'rate_limited');
    expect(error.retryAfterSeconds).toBe(0);
    expect(apiRequests()).toHaveLength(3);
  });

  it("fails as rate_limited when the server's own limit is used up", async () => {
    const limited = await createMegaServer({ rateLimit: { perMinute: 2, perHour: 1_000 }, quiet: true });
    try {
      const seen: RateLimitInfo[] = [];
      const api = client({ baseUrl: limited.url, onRateLimit: (info) => seen.push(info) });
      await api.listLeads({ search: 'jane' });
      await api.listLeads({ search: 'jane' });
      const error = await failureOf(api.listLeads({ search: 'jane' }), 'rate_limited');
      expect(error.retryAfterSeconds).toBeGreaterThan(2);
      expect(limited.requests).toHaveLength(3);
      expect(seen.map((info) => info.remaining)).toEqual([1, 0, 0]);
    } finally {
      await limited.close();
    }
  });
});

describe('a 429 that names no wait', () => {
  it('is retried after at least 5 s with jitter, not after the short backoff', async () => {
    server.injectFault({ type: '429-no-retry-after' });
    const waits: number[] = [];
    const seen: Array<number | undefined> = [];
    const api = client({
      maxRetryAfterSeconds: 30,
      random: () => 0.5,
      sleep: async (ms) => {
        waits.push(ms);
      },
      onRateLimited: (seconds) => seen.push(seconds),
    });
    const page = await api.listLeads({ search: 'jane cooper' });
    expect(page.leads[0]?.contact_name).toBe('Jane Cooper');
    expect(apiRequests().map((request) => request.status)).toEqual([429, 200]);
    expect(waits).toEqual([6_250]);
    expect(seen).toEqual([undefined]);
  });

  it('fails at once as rate_limited when the caller cannot wait 5 s', async () => {
    server.injectFault({ type: '429-no-retry-after' });
    const waits: number[] = [];
    const sleep = async (ms: number) => {
      waits.push(ms);
    };
    const error = await failureOf(
      client({ maxRetryAfterSeconds: 2, sleep }).listLeads({ search: 'jane' }),
      'rate_limited',
    );
    expect(error.retryAfterSeconds).toBeUndefined();
    expect(waits).toEqual([]);
    expect(apiRequests()).toHaveLength(1);
  });

  it('a 429 that names its wait does not take the 5 s pause', async () => {
    server.injectFault({ type: 'status', status: 429, retryAfter: 0 });
    const waits: number[] = [];
    const seen: Array<number | undefined> = [];
    const sleep = async (ms: number) => {
      waits.push(ms);
    };
    await client({ sleep, onRateLimited: (seconds) => seen.push(seconds) }).listLeads({ search: 'jane' });
    expect(waits).toEqual([]);
    expect(seen).toEqual([0]);
  });

  it('can be cancelled during the pause', async () => {
    server.injectFault({ type: '429-no-retry-after' });
    const controller = new AbortController();
    const call = client({ maxRetryAfterSeconds: 30 }).listLeads({ search: 'jane' }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect(((await abortOf(call)) as DOMException).name).toBe('AbortError');
    expect(apiRequests()).toHaveLength(1);
  });
});

describe('network failures and timeouts', () => {
  it('retries a dropped connection, then fails as network', async () => {
    server.injectFault({ type: 'disconnect' }, 3);
    await failureOf(client().listLeads({ search: 'jane' }), 'network');
    expect(apiRequests()).toHaveLength(3);
  });

  it('recovers when a retry after a dropped connection succeeds', async () => {
    server.injectFault({ type: 'disconnect' });
    const page = await client().listLeads({ search: 'jane cooper' });
    expect(page.leads[0]?.contact_name).toBe('Jane Cooper');
    expect(apiRequests()).toHaveLength(2);
  });

  it('fails as network when nothing listens', async () => {
    const closed = await createMegaServer({ quiet: true });
    const url = closed.url;
    await closed.close();
    await failureOf(client({ baseUrl: url }).listLeads(), 'network');
  });

  it('retries a timed-out attempt once, then fails as timeout', async () => {
    server.injectFault({ type: 'hang' }, 3);
    const started = Date.now();
    const error = await failureOf(client({ timeoutMs: 150 }).listLeads({ search: 'jane' }), 'timeout');
    const elapsed = Date.now() - started;
    expect(error.status).toBeUndefined();
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(1_500);
    expect(apiRequests()).toHaveLength(2);
  });

  it('succeeds when the retry after a timeout answers', async () => {
    server.injectFault({ type: 'hang' });
    const page = await client({ timeoutMs: 150 }).listLeads({ search: 'jane cooper' });
    expect(page.leads[0]?.contact_name).toBe('Jane Cooper');
  });

  it('waits for a slow answer within the timeout', async () => {
    server.injectFault({ type: 'delay', ms: 200 });
    const page = await client({ timeoutMs: 1_000 }).listLeads({ search: 'jane cooper' });
    expect(page.leads[0]?.contact_name).toBe('Jane Cooper');
    expect(apiRequests()).toHaveLength(1);
  });

  it('refuses to send the token over plain http to another host', async () => {
    const error = await failureOf(client({ baseUrl: 'http://example.com' }).listLeads(), 'network');
    expect(error.message).toMatch(/https/);
  });
});

describe('responses that break the contract', () => {
  it('fails as contract on a body that is not JSON, without retrying', async () => {
    server.injectFault({ type: 'non-json' });
    const error = await failureOf(client().listLeads({ search: 'jane' }), 'contract');
    expect(error.message).toMatch(/not JSON/);
    expect(apiRequests()).toHaveLength(1);
  });

  it('fails as contract naming the field of a wrongly shaped body', async () => {
    server.injectFault({ type: 'wrong-shape' });
    const error = await failureOf(client().listLeads({ search: 'jane' }), 'contract');
    expect(error.field).toMatch(/\w/);
    expect(error.message).toContain(error.field);
    expect(apiRequests()).toHaveLength(1);
  });
});

describe('the size of an answer', () => {
  const CAP = DEFAULT_MAX_BODY_BYTES;
  const CHUNK = 64 * 1024;

  /** A fetch answering 200 with `chunks` chunks of spaces after `prefix`, counting what was pulled. */
  function streamingFetch(chunks: number, headers: Record<string, string> = {}, prefix = '') {
    const seen = { pulled: 0, cancelled: false };
    const fake: typeof fetch = async () => {
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent === 0 && prefix) {
            controller.enqueue(new TextEncoder().encode(prefix));
          } else if (sent <= chunks) {
            controller.enqueue(new Uint8Array(CHUNK).fill(0x20));
          } else {
            controller.close();
            return;
          }
          sent++;
          seen.pulled = sent;
        },
        cancel() {
          seen.cancelled = true;
        },
      });
      return new Response(body, { status: 200, headers: { 'content-type': 'application/json', ...headers } });
    };
    return { fake, seen };
  }

  it('refuses a body whose Content-Length is over 2 MB, without reading it', async () => {
    const { fake, seen } = streamingFetch(1_000, { 'content-length': String(CAP + 1) });
    const error = await failureOf(client({ fetch: fake }).listLeads(), 'contract');
    expect(error.message).toBe('MEGA sent an answer larger than 2 MB, so it was not read.');
    expect(seen.pulled * CHUNK).toBeLessThan(CAP / 4);
  });

  it('stops reading a body without a length as soon as it passes 2 MB', async () => {
    // Ten times the cap: reading it whole would show in `pulled`.
    const { fake, seen } = streamingFetch((10 * CAP) / CHUNK);
    const error = await failureOf(client({ fetch: fake }).listLeads(), 'contract');
    expect(error.message).toContain('2 MB');
    expect(seen.cancelled).toBe(true);
    expect(seen.pulled * CHUNK).toBeLessThan(CAP + 4 * CHUNK);
  });

  it('reads a body just under the limit', async () => {
    const page = JSON.stringify({ leads: [{ id: 'lead_1' }], total: 1, limit: 20, offset: 0, next_cursor: null });
    // The page, then whitespace JSON allows, to just under the cap.
    const { fake } = streamingFetch(Math.floor((CAP - page.length) / CHUNK) - 1, {}, page);
    expect((await client({ fetch: fake }).listLeads()).leads).toEqual([{ id: 'lead_1' }]);
  });

  it('applies a smaller limit the caller sets', async () => {
    const { fake } = streamingFetch(4);
    const error = await failureOf(client({ fetch: fake, maxBodyBytes: CHUNK }).listLeads(), 'contract');
    expect(error.message).toContain('0.1 MB');
  });
});

describe('createLead', () => {
  const newLead = () => ({ contact_name: 'Nadia Okafor', contact_email: `nadia.${randomUUID()}@example.com` });

  it('creates a lead, sending the Idempotency-Key and the body', async () => {
    const input = newLead();
    const key = randomUUID();
    const lead = await client().createLead(input, { idempotencyKey: key });
    expect(lead.contact_email).toBe(input.contact_email);
    const [request] = apiRequests();
    expect(request?.method).toBe('POST');
    expect(request?.idempotencyKey).toBe(key);
    expect(request?.body).toEqual(input);
  });

  it('reuses the same key when it retries after a 500', async () => {
    server.injectFault({ type: 'status', status: 500 });
    const key = randomUUID();
    const lead = await client().createLead(newLead(), { idempotencyKey: key });
    expect(lead.id).toBeTruthy();
    expect(apiRequests().map((request) => [request.status, request.idempotencyKey])).toEqual([
      [500, key],
      [201, key],
    ]);
  });

  it('gives the same lead back when the same action is sent again', async () => {
    const api = client();
    const input = newLead();
    const key = randomUUID();
    const first = await api.createLead(input, { idempotencyKey: key });
    const again = await api.createLead(input, { idempotencyKey: key });
    expect(again.id).toBe(first.id);
  });

  it('maps a key reused with another body to conflict, once', async () => {
    const api = client();
    const key = randomUUID();
    await api.createLead(newLead(), { idempotencyKey: key });
    const error = await failureOf(api.createLead(newLead(), { idempotencyKey: key }), 'conflict');
    expect(error.status).toBe(409);
    expect(error.serverMessage).toBeTruthy();
    expect(apiRequests()).toHaveLength(2);
  });

  it('sends nothing for a lead without a name, phone or email', async () => {
    await failureOf(client().createLead({ contact_name: ' ' }, { idempotencyKey: randomUUID() }), 'bad_request');
    expect(apiRequests()).toHaveLength(0);
  });
});

describe('cancellation', () => {
  it('aborts a hanging request at once with an AbortError', async () => {
    server.injectFault({ type: 'hang' });
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 50);
    const error = await abortOf(
      client({ timeoutMs: 5_000 }).listLeads({ search: 'jane' }, { signal: controller.signal }),
    );
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe('AbortError');
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(apiRequests()).toHaveLength(1);
  });

  it('aborts while waiting to retry after a 429', async () => {
    server.injectFault({ type: 'status', status: 429, retryAfter: 2 });
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 100);
    const error = await abortOf(
      client({ maxRetryAfterSeconds: 5 }).listLeads({ search: 'jane' }, { signal: controller.signal }),
    );
    expect((error as DOMException).name).toBe('AbortError');
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(apiRequests()).toHaveLength(1);
  });

  it('sends nothing when the signal is already aborted', async () => {
    const error = await abortOf(client().listLeads({ search: 'jane' }, { signal: AbortSignal.abort() }));
    expect((error as DOMException).name).toBe('AbortError');
    expect(apiRequests()).toHaveLength(0);
  });

  it('aborts a create too', async () => {
    server.injectFault({ type: 'hang' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await abortOf(
      client().createLead(newLeadInput(), { idempotencyKey: randomUUID(), signal: controller.signal }),
    );
    expect((error as DOMException).name).toBe('AbortError');
  });
});

function newLeadInput() {
  return { contact_phone: '+1 303 555 0188' };
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_CUSTOMER_ID,
  DEMO_TOKEN,
  NO_READ_TOKEN,
  OTHER_CUSTOMER_ID,
  OTHER_CUSTOMER_TOKEN,
  READ_ONLY_TOKEN,
} from './credentials.ts';
import { LEADS_PATH, type MegaServer } from './mega-server.ts';
import { authHeaders, expectEnvelope, getLeads, postLead, startServer } from './test-support.ts';

describe('authentication and authorization', () => {
  let server: MegaServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  it('accepts the demo token for the demo customer', async () => {
    expect((await getLeads(server)).status).toBe(200);
  });

  it('answers 401 without a bearer token', async () => {
    const answer = await getLeads(server, {}, { 'x-customer-id': DEMO_CUSTOMER_ID });
    expectEnvelope(answer, 401, 'authentication_error');
    expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expectEnvelope(
      await getLeads(server, {}, { authorization: DEMO_TOKEN, 'x-customer-id': DEMO_CUSTOMER_ID }),
      401,
      'authentication_error',
    );
  });

  it('answers 401 for an unknown or malformed token', async () => {
    expectEnvelope(await getLeads(server, {}, authHeaders(`mega_${'0'.repeat(64)}`)), 401, 'authentication_error');
    expectEnvelope(await getLeads(server, {}, authHeaders('not-a-token')), 401, 'authentication_error');
  });

  it('answers 401 without x-customer-id', async () => {
    const answer = await getLeads(server, {}, { authorization: `Bearer ${DEMO_TOKEN}` });
    expect(expectEnvelope(answer, 401, 'authentication_error')).toMatch(/x-customer-id/i);
  });

  it('answers 403 when the token is locked to another customer', async () => {
    expectEnvelope(
      await getLeads(server, {}, authHeaders(OTHER_CUSTOMER_TOKEN, DEMO_CUSTOMER_ID)),
      403,
      'authorization_error',
    );
    expectEnvelope(await getLeads(server, {}, authHeaders(DEMO_TOKEN, OTHER_CUSTOMER_ID)), 403, 'authorization_error');
    expect((await getLeads(server, {}, authHeaders(OTHER_CUSTOMER_TOKEN, OTHER_CUSTOMER_ID))).status).toBe(200);
  });

  it('answers 403 when the token lacks the scope', async () => {
    expectEnvelope(await getLeads(server, {}, authHeaders(NO_READ_TOKEN)), 403, 'authorization_error');
    expect((await getLeads(server, {}, authHeaders(READ_ONLY_TOKEN))).status).toBe(200);
    expectEnvelope(
      await postLead(server, { contact_name: 'X' }, authHeaders(READ_ONLY_TOKEN)),
      403,
      'authorization_error',
    );
  });

  it('answers 404 for unknown API paths and 405 for other methods, as envelopes', async () => {
    const unknown = await fetch(`${server.url}/api/agents/crm/nothing`, { headers: authHeaders() });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({
      error: { type: 'invalid_request_error', code: 404, message: expect.any(String) },
    });
    const put = await fetch(`${server.url}${LEADS_PATH}`, { method: 'PUT', headers: authHeaders(), body: '{}' });
    expect(put.status).toBe(405);
    expect((await put.json()).error).toMatchObject({ code: 405 });
    expect(put.headers.get('allow')).toBe('GET, POST');
  });

  it('never records or returns a full token', async () => {
    await getLeads(server);
    await getLeads(server, {}, authHeaders(READ_ONLY_TOKEN));
    const log = JSON.stringify(server.requests);
    for (const token of [DEMO_TOKEN, READ_ONLY_TOKEN]) {
      expect(log).not.toContain(token);
      expect(log).not.toContain(token.slice(5, 30));
    }
    expect(server.requests.at(-2)?.tokenLast4).toBe(DEMO_TOKEN.slice(-4));
    expect(server.requests.at(-1)?.tokenLast4).toBe(READ_ONLY_TOKEN.slice(-4));
  });
});

describe('rate limits', () => {
  let server: MegaServer;
  beforeAll(async () => {
    server = await startServer({ rateLimit: { perMinute: 3, perHour: 100 } });
  });
  afterAll(() => server.close());

  it('sends RateLimit headers on every response and 429 with Retry-After past the limit', async () => {
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const answer = await getLeads(server, { limit: '1' });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('ratelimit-limit')).toBe('3');
      expect(Number(answer.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
      expect(Number(answer.headers.get('ratelimit-reset'))).toBeLessThanOrEqual(60);
      remaining.push(answer.headers.get('ratelimit-remaining')!);
    }
    expect(remaining).toEqual(['2', '1', '0']);

    const limited = await getLeads(server, { limit: '1' });
    expectEnvelope(limited, 429, 'rate_limit_error');
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.headers.get('ratelimit-remaining')).toBe('0');
    expect(limited.headers.get('ratelimit-limit')).toBe('3');
  });

  it('counts per token, and errors carry the headers too', async () => {
    const other = await getLeads(server, {}, authHeaders(READ_ONLY_TOKEN));
    expect(other.status).toBe(200);
    expect(other.headers.get('ratelimit-remaining')).toBe('2');
    const wrong = await getLeads(server, { limit: '0' }, authHeaders(READ_ONLY_TOKEN));
    expectEnvelope(wrong, 400, 'invalid_request_error');
    expect(wrong.headers.get('ratelimit-remaining')).toBe('1');
  });

  it('starts afresh after reset()', async () => {
    server.reset();
    expect((await getLeads(server)).status).toBe(200);
  });

  it('enforces the hourly budget with a Retry-After beyond the minute', async () => {
    const hourly = await startServer({ rateLimit: { perMinute: 100, perHour: 2 } });
    try {
      await getLeads(hourly);
      await getLeads(hourly);
      const limited = await getLeads(hourly);
      expectEnvelope(limited, 429, 'rate_limit_error');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(60);
    } finally {
      await hourly.close();
    }
  });
});

describe('CORS', () => {
  let server: MegaServer;
  beforeAll(async () => {
    server = await startServer({ rateLimit: { perMinute: 2, perHour: 100 } });
  });
  afterAll(() => server.close());

  const preflight = (origin: string) =>
    fetch(`${server.url}${LEADS_PATH}`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization, x-customer-id',
      },
    });

  it('answers preflights from extension and loopback origins, without logging or counting them', async () => {
    for (const origin of [
      'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
      'moz-extension://0b6e3c1a-1111-4222-8333-444455556666',
      'http://127.0.0.1:5173',
      'http://localhost:3000',
      'http://[::1]:8080',
    ]) {
      const answer = await preflight(origin);
      expect(answer.status).toBe(204);
      expect(answer.headers.get('access-control-allow-origin')).toBe(origin);
      expect(answer.headers.get('access-control-allow-methods')).toMatch(/GET/);
      expect(answer.headers.get('access-control-allow-methods')).toMatch(/POST/);
      const allowed = answer.headers.get('access-control-allow-headers')!.toLowerCase();
      for (const header of ['authorization', 'x-customer-id', 'content-type', 'idempotency-key'])
        expect(allowed).toContain(header);
    }
    expect(server.requests).toHaveLength(0);
    // Five preflights, yet the budget of two is untouched.
    expect((await getLeads(server)).status).toBe(200);
    expect((await getLeads(server)).status).toBe(200);
  });

  it('gives other origins no CORS headers', async () => {
    const answer = await preflight('https://evil.example');
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    const get = await fetch(`${server.url}${LEADS_PATH}`, {
      headers: { ...authHeaders(), origin: 'https://evil.example' },
    });
    expect(get.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('echoes an allowed origin on responses and exposes the rate-limit headers', async () => {
    server.reset();
    const origin = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
    const answer = await fetch(`${server.url}${LEADS_PATH}`, { headers: { ...authHeaders(), origin } });
    expect(answer.headers.get('access-control-allow-origin')).toBe(origin);
    const exposed = answer.headers.get('access-control-expose-headers')!.toLowerCase();
    for (const header of ['ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset', 'retry-after'])
      expect(exposed).toContain(header);
    const denied = await fetch(`${server.url}${LEADS_PATH}`, { headers: { origin } });
    expect(denied.status).toBe(401);
    expect(denied.headers.get('access-control-allow-origin')).toBe(origin);
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TOKEN } from './credentials.ts';
import { LEADS_PATH, type MegaServer } from './mega-server.ts';
import { ANCHORS } from './seed.ts';
import { authHeaders, expectEnvelope, getLeads, postLead, startServer } from './test-support.ts';

let server: MegaServer;
beforeAll(async () => {
  server = await startServer();
});
afterEach(() => server.reset());
afterAll(() => server.close());

const leadsUrl = () => `${server.url}${LEADS_PATH}`;

describe('injected faults', () => {
  it('delay: answers normally, later', async () => {
    server.injectFault({ type: 'delay', ms: 150 });
    const started = performance.now();
    const answer = await getLeads(server);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(answer.status).toBe(200);
    expect(answer.body.leads).toHaveLength(20);
  });

  it('status: the error envelope with the type that fits the status', async () => {
    const cases: Array<[number, string]> = [
      [500, 'api_error'],
      [502, 'api_error'],
      [503, 'api_error'],
      [429, 'rate_limit_error'],
      [401, 'authentication_error'],
      [403, 'authorization_error'],
      [400, 'invalid_request_error'],
      [409, 'api_error'],
    ];
    for (const [status, type] of cases) {
      server.injectFault({ type: 'status', status });
      const answer = await getLeads(server);
      expectEnvelope(answer, status, type);
      expect(answer.headers.get('ratelimit-limit')).not.toBeNull();
    }
  });

  it('status: honours retryAfter and message', async () => {
    server.injectFault({ type: 'status', status: 503, retryAfter: 7, message: 'Down for maintenance' });
    const answer = await getLeads(server);
    expect(expectEnvelope(answer, 503, 'api_error')).toBe('Down for maintenance');
    expect(answer.headers.get('retry-after')).toBe('7');
  });

  it("status with rateLimit: MEGA's documented 429 (Limit 60, Remaining 0, Reset 42, Retry-After 30)", async () => {
    server.injectFault({
      type: 'status',
      status: 429,
      retryAfter: 30,
      rateLimit: { limit: 60, remaining: 0, reset: 42 },
    });
    const answer = await getLeads(server);
    expectEnvelope(answer, 429, 'rate_limit_error');
    expect(
      ['retry-after', 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset'].map((name) =>
        answer.headers.get(name),
      ),
    ).toEqual(['30', '60', '0', '42']);
  });

  it('rate-figures: the normal answer, with the RateLimit-* figures given', async () => {
    server.injectFault({ type: 'rate-figures', rateLimit: { limit: 60, remaining: 45, reset: 37 } });
    const answer = await getLeads(server);
    expect(answer.status).toBe(200);
    expect(
      ['ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset'].map((name) => answer.headers.get(name)),
    ).toEqual(['60', '45', '37']);
  });

  it('429-no-retry-after: the rate-limit envelope, with no header that says how long to wait', async () => {
    server.injectFault({ type: '429-no-retry-after' });
    const answer = await getLeads(server);
    expectEnvelope(answer, 429, 'rate_limit_error');
    for (const header of ['retry-after', 'ratelimit-reset', 'ratelimit-remaining', 'ratelimit-limit']) {
      expect(answer.headers.get(header), header).toBeNull();
    }
    expect(server.requests.at(-1)?.status).toBe(429);
    const next = await getLeads(server);
    expect(next.status).toBe(200);
    expect(next.headers.get('ratelimit-reset')).not.toBeNull();
  });

  it('non-json: 200 with an HTML body', async () => {
    server.injectFault({ type: 'non-json' });
    const response = await fetch(leadsUrl(), { headers: authHeaders() });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const text = await response.text();
    expect(text).toMatch(/<html/i);
    expect(() => JSON.parse(text)).toThrow();
  });

  it('wrong-shape: 200 JSON that is not a page', async () => {
    server.injectFault({ type: 'wrong-shape' });
    const answer = await getLeads(server);
    expect(answer.status).toBe(200);
    expect(typeof answer.body).toBe('object');
    expect(Array.isArray(answer.body.leads)).toBe(false);
  });

  it('disconnect: the connection drops without an answer', async () => {
    server.injectFault({ type: 'disconnect' });
    await expect(fetch(leadsUrl(), { headers: authHeaders() })).rejects.toThrow();
    expect(server.requests.at(-1)?.status).toBe(0);
    expect((await getLeads(server)).status).toBe(200);
  });

  it('hang: no answer until the client gives up', async () => {
    server.injectFault({ type: 'hang' });
    const started = performance.now();
    await expect(fetch(leadsUrl(), { headers: authHeaders(), signal: AbortSignal.timeout(300) })).rejects.toThrow();
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect((await getLeads(server)).status).toBe(200);
  });

  it('applies to the next `times` requests, in order, then stops', async () => {
    server.injectFault({ type: 'status', status: 500 }, 2);
    server.injectFault({ type: 'status', status: 502 });
    expect((await getLeads(server)).status).toBe(500);
    expect((await getLeads(server)).status).toBe(500);
    expect((await getLeads(server)).status).toBe(502);
    expect((await getLeads(server)).status).toBe(200);
  });

  it('applies before authentication, like a network fault would', async () => {
    server.injectFault({ type: 'status', status: 503 });
    expectEnvelope(await getLeads(server, {}, {}), 503, 'api_error');
  });

  it('faulted requests still count against the rate limit', async () => {
    const limited = await startServer({ rateLimit: { perMinute: 2, perHour: 100 } });
    try {
      limited.injectFault({ type: 'status', status: 500 });
      expect((await getLeads(limited)).status).toBe(500);
      expect((await getLeads(limited)).status).toBe(200);
      expectEnvelope(await getLeads(limited), 429, 'rate_limit_error');
    } finally {
      await limited.close();
    }
  });

  it('applies to POST too and never creates a lead then', async () => {
    const before = server.leads.length;
    server.injectFault({ type: 'status', status: 500 });
    expect((await postLead(server, { contact_name: 'Faulted Person' })).status).toBe(500);
    expect(server.leads.length).toBe(before);
  });

  it('rejects a malformed fault', () => {
    expect(() => server.injectFault({ type: 'explode' } as never)).toThrow();
    expect(() => server.injectFault({ type: 'status', status: 200 })).toThrow();
  });
});

describe('latency and the request log', () => {
  it('adds a fixed latency to every API answer', async () => {
    server.setLatency(120);
    const started = performance.now();
    expect((await getLeads(server)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
  });

  it('records every API request in order, with last-4 of the token only', async () => {
    await getLeads(server, { search: 'jane', limit: '5' });
    await postLead(server, { contact_name: 'Log Person' }, { ...authHeaders(), 'idempotency-key': 'k-1' });
    await getLeads(server, {}, {});
    expect(server.requests).toHaveLength(3);
    const [first, second, third] = server.requests;
    expect(first).toMatchObject({
      method: 'GET',
      path: LEADS_PATH,
      query: { search: 'jane', limit: '5' },
      customerId: expect.any(String),
      tokenLast4: DEMO_TOKEN.slice(-4),
      idempotencyKey: null,
      status: 200,
    });
    expect(typeof first!.at).toBe('number');
    expect(second).toMatchObject({
      method: 'POST',
      idempotencyKey: 'k-1',
      body: { contact_name: 'Log Person' },
      status: 201,
    });
    expect(third).toMatchObject({ tokenLast4: null, customerId: null, status: 401 });
    expect(JSON.stringify(server.requests)).not.toContain(DEMO_TOKEN);
  });

  it('reset() restores the seed data and clears everything', async () => {
    await postLead(server, { contact_name: 'Temporary Person', contact_email: 'temp@example.org' });
    server.injectFault({ type: 'status', status: 500 });
    server.reset();
    expect(server.requests).toHaveLength(0);
    expect(server.leads.some((l) => l.contact_name === 'Temporary Person')).toBe(false);
    expect((await getLeads(server)).status).toBe(200);
  });
});

describe('control endpoints over HTTP', () => {
  const control = (path: string, init: RequestInit = {}) => fetch(`${server.url}/__control/${path}`, init);
  const post = (path: string, body: unknown) =>
    control(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('injects faults, lists and clears requests, sets latency, resets', async () => {
    expect((await post('faults', { fault: { type: 'status', status: 502 }, times: 2 })).status).toBe(204);
    expect((await getLeads(server)).status).toBe(502);
    expect((await getLeads(server)).status).toBe(502);
    expect((await getLeads(server)).status).toBe(200);

    const listed = await (await control('requests')).json();
    expect(listed.requests.map((r: { status: number }) => r.status)).toEqual([502, 502, 200]);
    expect((await control('requests', { method: 'DELETE' })).status).toBe(204);
    expect(server.requests).toHaveLength(0);

    expect((await post('latency', { ms: 250 })).status).toBe(204);
    const started = performance.now();
    await getLeads(server);
    expect(performance.now() - started).toBeGreaterThanOrEqual(240);

    await postLead(server, { contact_name: 'Control Person' });
    expect((await control('reset', { method: 'POST' })).status).toBe(204);
    expect(server.leads.some((l) => l.contact_name === 'Control Person')).toBe(false);
    const fast = performance.now();
    await getLeads(server);
    expect(performance.now() - fast).toBeLessThan(200);
  });

  it('injects the 429 that names no wait, for a server in another process', async () => {
    expect((await post('faults', { fault: { type: '429-no-retry-after' } })).status).toBe(204);
    const answer = await getLeads(server);
    expect(answer.status).toBe(429);
    expect(answer.headers.get('retry-after')).toBeNull();
  });

  it('does not log or fault its own requests', async () => {
    await post('faults', { fault: { type: 'hang' } });
    await control('requests');
    expect(server.requests).toHaveLength(0);
  });

  it('rejects bad control input with an envelope', async () => {
    for (const body of [
      { fault: { type: 'nope' } },
      { fault: { type: 'delay', ms: -1 } },
      { fault: { type: 'hang' }, times: 0 },
    ]) {
      const answer = await post('faults', body);
      expect(answer.status).toBe(400);
      expect((await answer.json()).error.type).toBe('invalid_request_error');
    }
    expect((await post('latency', { ms: 'slow' })).status).toBe(400);
    expect((await control('nothing')).status).toBe(404);
  });

  it('refuses requests from web pages of other origins', async () => {
    const answer = await control('reset', { method: 'POST', headers: { origin: 'https://evil.example' } });
    expect(answer.status).toBe(403);
  });
});

describe('pages', () => {
  it('serves the demo page with the anchor contacts on it', async () => {
    const response = await fetch(`${server.url}/pages/demo.html`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain('(415) 555-0134');
    expect(html.toLowerCase()).toContain(ANCHORS.lukas.contact_email);
    expect(html).not.toMatch(/(?:src|href)=["']https?:/);
  });

  it('serves pages added at run time', async () => {
    server.addPage('selection.html', '<!doctype html><p>Call +1 415 555 0134</p>');
    const response = await fetch(`${server.url}/pages/selection.html`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('+1 415 555 0134');
  });

  it('serves nothing outside the pages folder', async () => {
    for (const path of ['../credentials.ts', '..%2Fcredentials.ts', '%2e%2e/seed.ts', 'nope.html', '.hidden']) {
      expect((await fetch(`${server.url}/pages/${path}`)).status, path).toBe(404);
    }
  });
});

describe('close()', () => {
  it('closes even with a hanging request open', async () => {
    const temporary = await startServer();
    temporary.injectFault({ type: 'hang' });
    const pending = fetch(`${temporary.url}${LEADS_PATH}`, { headers: authHeaders() }).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = performance.now();
    await temporary.close();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(await pending).toBeInstanceOf(Error);
  });
});

import { connect } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LEADS_PATH, type MegaServer } from './mega-server.ts';
import { authHeaders, expectEnvelope, getLeads, postLead, startServer, type ApiAnswer } from './test-support.ts';

let server: MegaServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());
afterEach(async () => {
  // Whatever came before, the server still answers normally.
  const answer = await getLeads(server, { search: 'jane' });
  expect(answer.status).toBe(200);
  expect(answer.body.total).toBeGreaterThan(0);
});

const randomBytes = Uint8Array.from({ length: 2048 }, (_, i) => (i * 151 + 7) % 256);

const cases: Array<[string, () => Promise<ApiAnswer>]> = [
  ['malformed percent-encoding (truncated)', () => getLeads(server, 'search=%E0%A4%A')],
  ['malformed percent-encoding (not hex)', () => getLeads(server, 'search=%zz')],
  ['percent-encoding that is not UTF-8', () => getLeads(server, 'search=%C3%28')],
  ['a 10 KB search value', () => getLeads(server, { search: 'a'.repeat(10_240) })],
  ['limit=1e309', () => getLeads(server, 'limit=1e309')],
  ['limit=Infinity', () => getLeads(server, 'limit=Infinity')],
  ['limit=0x10', () => getLeads(server, 'limit=0x10')],
  ['offset=-1', () => getLeads(server, 'offset=-1')],
  ['offset=99999999999999999999', () => getLeads(server, 'offset=99999999999999999999')],
  ['a parameter given twice', () => getLeads(server, 'status=active&status=won')],
  ['cursor of random text', () => getLeads(server, 'cursor=%F0%9F%92%A5')],
  ['created_since with a NUL byte', () => getLeads(server, 'created_since=2025-01-01T00:00:00Z%00')],
  ['broken JSON body', () => postLead(server, '{"contact_name": "Ann')],
  ['binary body', () => postLead(server, randomBytes)],
  ['empty body', () => postLead(server, '')],
  ['JSON with a huge nesting depth', () => postLead(server, '['.repeat(5000) + ']'.repeat(5000))],
];

describe('bad input never crashes the server', () => {
  it.each(cases)('%s: 400 envelope', async (_name, request) => {
    expectEnvelope(await request(), 400, 'invalid_request_error');
  });

  it('oversized headers: an envelope, not a dropped connection', async () => {
    const response = await fetch(`${server.url}${LEADS_PATH}`, {
      headers: { ...authHeaders(), 'x-filler': 'x'.repeat(100_000) },
    });
    expect(response.status).toBe(431);
    expect(await response.json()).toMatchObject({ error: { type: 'invalid_request_error', code: 431 } });
  });

  it('a request line that is not HTTP: an envelope', async () => {
    const text = await rawRequest('HELLO THERE\r\n\r\n');
    expect(text).toMatch(/^HTTP\/1\.1 400/);
    expect(JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4))).toMatchObject({
      error: { code: 400, type: 'invalid_request_error' },
    });
  });

  it('control characters in a header value: an envelope', async () => {
    const text = await rawRequest(`GET ${LEADS_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nx-customer-id: a\u0001b\r\n\r\n`);
    expect(text).toMatch(/^HTTP\/1\.1 400/);
  });

  it('a client that disconnects halfway through a body', async () => {
    await rawRequest(
      `POST ${LEADS_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{"contact_name":`,
      true,
    );
  });
});

/** Sends raw bytes; resolves with whatever comes back (or nothing, if `hangUp`). */
function rawRequest(payload: string, hangUp = false): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1');
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (data += chunk));
    socket.on('end', () => resolve(data));
    socket.on('close', () => resolve(data));
    socket.on('error', reject);
    socket.write(payload, () => {
      if (hangUp) socket.destroy();
    });
  });
}

// Shared helpers for the server's tests: a server on a free port with fixed data, and fetch
// wrappers that speak the API with the demo credentials.
import { DEMO_CUSTOMER_ID, DEMO_TOKEN, OTHER_CUSTOMER_ID, OTHER_CUSTOMER_TOKEN } from './credentials.ts';
import { BULK_PATH, createMegaServer, LEADS_PATH, type MegaServer, type MegaServerOptions } from './mega-server.ts';
import type { Lead } from './types.ts';

export const TEST_NOW = new Date('2025-06-01T12:00:00.000Z');
/** High enough that functional tests never meet the rate limit; rate-limit tests set their own. */
export const NO_RATE_LIMIT = { perMinute: 1_000_000, perHour: 1_000_000 };

export function startServer(options: MegaServerOptions = {}): Promise<MegaServer> {
  return createMegaServer({
    quiet: true,
    now: TEST_NOW,
    rateLimit: NO_RATE_LIMIT,
    bulkRateLimit: NO_RATE_LIMIT,
    ...options,
  });
}

export function authHeaders(token: string = DEMO_TOKEN, customerId: string = DEMO_CUSTOMER_ID): Record<string, string> {
  return { authorization: `Bearer ${token}`, 'x-customer-id': customerId };
}

/** The demo credentials with an Idempotency-Key. */
export function withIdempotencyKey(key: string): Record<string, string> {
  return { ...authHeaders(), 'idempotency-key': key };
}

/** How many leads the demo customer has now. */
export function demoLeadCount(server: MegaServer): number {
  return server.leads.filter((lead) => lead.customer_id === DEMO_CUSTOMER_ID).length;
}

/** The headers of the second demo account (OTHER_CUSTOMER_ID and its token). */
export function otherCustomerHeaders(): Record<string, string> {
  return authHeaders(OTHER_CUSTOMER_TOKEN, OTHER_CUSTOMER_ID);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read answers of many shapes; each asserts what it reads
export interface ApiAnswer<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

async function readAnswer(response: Response): Promise<ApiAnswer> {
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, headers: response.headers, body };
}

export async function getLeads(
  server: MegaServer,
  query: Record<string, string> | string = {},
  headers: Record<string, string> = authHeaders(),
): Promise<ApiAnswer> {
  const qs = typeof query === 'string' ? query : new URLSearchParams(query).toString();
  return readAnswer(await fetch(`${server.url}${LEADS_PATH}${qs ? `?${qs}` : ''}`, { headers }));
}

export async function postLead(
  server: MegaServer,
  body: unknown,
  headers: Record<string, string> = authHeaders(),
  path: string = LEADS_PATH,
): Promise<ApiAnswer> {
  const payload: BodyInit =
    typeof body === 'string'
      ? body
      : body instanceof Uint8Array
        ? (body as Uint8Array<ArrayBuffer>)
        : JSON.stringify(body);
  return readAnswer(
    await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: payload,
    }),
  );
}

/** POST /api/agents/crm/leads/bulk with the demo credentials (or `headers`). */
export function postBulk(
  server: MegaServer,
  body: unknown,
  headers: Record<string, string> = authHeaders(),
): Promise<ApiAnswer> {
  return postLead(server, body, headers, BULK_PATH);
}

/** Checks the documented error envelope and returns its message. */
export function expectEnvelope(answer: ApiAnswer, status: number, type: string): string {
  if (answer.status !== status)
    throw new Error(`expected ${status}, got ${answer.status}: ${JSON.stringify(answer.body)}`);
  const error = answer.body?.error;
  if (
    !error ||
    error.type !== type ||
    error.code !== status ||
    typeof error.message !== 'string' ||
    Object.keys(answer.body).length !== 1
  ) {
    throw new Error(`not a ${status} ${type} envelope: ${JSON.stringify(answer.body)}`);
  }
  return error.message;
}

/** Edits a lead the way a user in MEGA would: the change is stamped with the server's clock. */
export function changeLead(server: MegaServer, id: string, change: Partial<Omit<Lead, 'id' | 'updated_at'>>): Lead {
  const lead = server.leads.find((candidate) => candidate.id === id);
  if (!lead) throw new Error(`no lead ${id}`);
  // Two edits within the same millisecond would otherwise share a timestamp.
  const at = Math.max(server.now().getTime(), Date.parse(lead.updated_at) + 1);
  Object.assign(lead, change, { updated_at: new Date(at).toISOString() });
  return lead;
}

/** Deletes a lead in MEGA (the API has no delete; this is someone removing it in the web app). */
export function removeLead(server: MegaServer, id: string): void {
  const index = server.leads.findIndex((lead) => lead.id === id);
  if (index === -1) throw new Error(`no lead ${id}`);
  server.leads.splice(index, 1);
}

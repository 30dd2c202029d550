import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CUSTOMER_ID, OTHER_CUSTOMER_ID, OTHER_CUSTOMER_TOKEN, READ_ONLY_TOKEN } from './credentials.ts';
import { BULK_PATH, type MegaServer } from './mega-server.ts';
import { publishedBulkAnswer } from './published-schema.ts';
import { ANCHORS, OTHER_CUSTOMER_ANCHORS, OTHER_CUSTOMER_OWNER, OWNERS } from './seed.ts';
import {
  authHeaders,
  expectEnvelope,
  getLeads,
  otherCustomerHeaders,
  postBulk,
  postLead,
  startServer,
  type ApiAnswer,
  demoLeadCount,
  withIdempotencyKey,
} from './test-support.ts';

let server: MegaServer;
beforeAll(async () => {
  server = await startServer();
});
afterEach(() => server.reset());
afterAll(() => server.close());

const countDemo = () => demoLeadCount(server);
const withKey = withIdempotencyKey;
const leadById = (id: string) => server.leads.find((lead) => lead.id === id);

/** An attendee list: one new person, Jane Cooper by another email's case, Oliver by his phone. */
const ATTENDEES = [
  { row_ref: 'r1', contact_name: 'Rosa Delgado', contact_email: 'rosa.delgado@example.org', stage_slug: 'new' },
  { row_ref: 'r2', contact_email: 'JANE.COOPER@acme.com', contact_name: 'Jane Cooper' },
  { row_ref: 'r3', contact_phone: '+44 20 7946 0958', lead_line: 'seller' },
];

function expectPublished(answer: ApiAnswer): void {
  expect(answer.status).toBe(200);
  const checked = publishedBulkAnswer.safeParse(answer.body);
  expect(checked.success ? [] : checked.error.issues.slice(0, 5), 'issues against the published schema').toEqual([]);
}

describe('POST /api/agents/crm/leads/bulk: rows', () => {
  it('creates the new, merges the known by email or by phone, and answers per row with a summary', async () => {
    const before = countDemo();
    const answer = await postBulk(server, { leads: ATTENDEES }, withKey('attendees-1'));
    expectPublished(answer);
    expect(answer.body.dry_run).toBe(false);
    expect(answer.body.summary).toEqual({ total: 3, created: 1, updated: 2, skipped: 0, failed: 0 });
    expect(answer.body.unknown_custom_fields).toEqual([]);
    const [rosa, jane, oliver] = answer.body.results;
    expect(rosa).toEqual({
      row_ref: 'r1',
      status: 'created',
      lead_id: expect.any(String),
      matched_by: null,
      errors: null,
    });
    expect(jane).toEqual({
      row_ref: 'r2',
      status: 'updated',
      lead_id: ANCHORS.jane.id,
      matched_by: 'email',
      errors: null,
    });
    expect(oliver).toEqual({
      row_ref: 'r3',
      status: 'updated',
      lead_id: ANCHORS.oliver.id,
      matched_by: 'phone',
      errors: null,
    });
    expect(countDemo()).toBe(before + 1);
    expect(leadById(rosa.lead_id)).toMatchObject({
      contact_name: 'Rosa Delgado',
      current_stage: { slug: 'new' },
      source_type: 'import',
    });
    expect(leadById(ANCHORS.oliver.id)?.custom_fields.lead_line).toBe('seller');
    const found = await getLeads(server, { search: 'rosa.delgado@example.org' });
    expect(found.body.leads.map((l: { id: string }) => l.id)).toEqual([rosa.lead_id]);
  });

  it('gives a lead the owner a row names, from the customer’s own team', async () => {
    const answer = await postBulk(server, {
      leads: [{ row_ref: 'a', contact_name: 'Owned Person', owner_id: OWNERS.sofia.id }],
    });
    expect(leadById(answer.body.results[0].lead_id)?.owner).toEqual(OWNERS.sofia);
    const other = await postBulk(
      server,
      { leads: [{ row_ref: 'b', contact_name: 'Elif’s Lead', owner_id: OTHER_CUSTOMER_OWNER.id }] },
      otherCustomerHeaders(),
    );
    expect(other.body.results[0].status).toBe('created');
  });

  it('merges a row into a lead an earlier row of the same request created', async () => {
    const rows = [
      { row_ref: 'first', contact_name: 'Theo Marchetti', contact_email: 'theo@marchetti-photo.example' },
      { row_ref: 'again', contact_email: 'Theo@Marchetti-Photo.example', contact_phone: '+1 628 555 0117' },
    ];
    const answer = await postBulk(server, { leads: rows });
    const [first, again] = answer.body.results;
    expect([first.status, again.status, again.matched_by]).toEqual(['created', 'updated', 'email']);
    expect(again.lead_id).toBe(first.lead_id);
  });

  it('skips the known rows with on_duplicate "skip", and says whom each matched', async () => {
    const janeBefore = structuredClone(leadById(ANCHORS.jane.id));
    const answer = await postBulk(server, { leads: ATTENDEES, on_duplicate: 'skip' });
    expectPublished(answer);
    expect(answer.body.summary).toEqual({ total: 3, created: 1, updated: 0, skipped: 2, failed: 0 });
    expect(answer.body.results.slice(1)).toEqual([
      { row_ref: 'r2', status: 'skipped', lead_id: ANCHORS.jane.id, matched_by: 'email', errors: null },
      { row_ref: 'r3', status: 'skipped', lead_id: ANCHORS.oliver.id, matched_by: 'phone', errors: null },
    ]);
    expect(leadById(ANCHORS.jane.id)).toEqual(janeBefore);
  });

  it("never merges into another customer's lead", async () => {
    const answer = await postBulk(server, { leads: [{ contact_phone: ANCHORS.jane.contact_phone }] });
    expect(answer.body.results[0].lead_id).toBe(ANCHORS.jane.id);
    const other = await postBulk(
      server,
      { leads: [{ contact_phone: ANCHORS.jane.contact_phone }] },
      otherCustomerHeaders(),
    );
    expect(other.body.results[0]).toMatchObject({ lead_id: OTHER_CUSTOMER_ANCHORS.jordan.id, matched_by: 'phone' });
  });

  it('echoes a missing row_ref as null', async () => {
    const answer = await postBulk(server, { leads: [{ contact_name: 'No Ref' }] });
    expect(answer.body.results[0].row_ref).toBeNull();
  });

  it.each([
    ['no name, phone or email', { contact_name: '  ' }, /at least one of/i],
    ['a stage outside the pipeline', { contact_name: 'X', stage_slug: 'closed_won' }, /stage_slug/],
    ['an owner outside the team', { contact_name: 'X', owner_id: OTHER_CUSTOMER_OWNER.id }, /owner_id/],
    ['an owner id that is no one', { contact_name: 'X', owner_id: 'not-a-uuid' }, /owner_id/],
    ['a lead line that is neither', { contact_name: 'X', lead_line: 'renter' }, /lead_line/],
    ['an email that is not one', { contact_email: 'not-an-email' }, /contact_email/],
    ['a phone that is not one', { contact_phone: 'call me maybe' }, /contact_phone/],
    ['a name that is not text', { contact_name: 42 }, /contact_name/],
  ])('fails a row with %s and goes on with the others', async (_what, row, error) => {
    const before = countDemo();
    const answer = await postBulk(server, {
      leads: [
        { row_ref: 'good-1', contact_name: 'Before The Bad Row' },
        { row_ref: 'bad', ...row },
        { row_ref: 'good-2', contact_name: 'After The Bad Row' },
      ],
    });
    expectPublished(answer);
    expect(answer.body.summary).toMatchObject({ total: 3, created: 2, failed: 1 });
    const bad = answer.body.results[1];
    expect(bad).toMatchObject({ row_ref: 'bad', status: 'failed', lead_id: null, matched_by: null });
    expect(bad.errors).toEqual([expect.stringMatching(error)]);
    expect(countDemo()).toBe(before + 2);
  });

  it('names every problem of a failed row', async () => {
    const answer = await postBulk(server, {
      leads: [{ contact_name: 'X', stage_slug: 'nope', owner_id: OTHER_CUSTOMER_OWNER.id, lead_line: 'renter' }],
    });
    expect(answer.body.results[0].errors).toEqual([
      expect.stringMatching(/stage_slug/),
      expect.stringMatching(/lead_line/),
      expect.stringMatching(/owner_id/),
    ]);
  });

  it('ignores custom fields the customer has not defined, and names them per row and in all', async () => {
    const answer = await postBulk(server, {
      leads: [
        { row_ref: 'a', contact_name: 'Field One', custom_fields: { budget: 500000, shoe_size: 42 } },
        { row_ref: 'b', contact_name: 'Field Two', custom_fields: { timeline: '0-3 months', eye_colour: 'green' } },
        { row_ref: 'c', contact_name: 'Field Three', custom_fields: { budget: 1 } },
      ],
    });
    expectPublished(answer);
    expect(answer.body.unknown_custom_fields).toEqual(['eye_colour', 'shoe_size']);
    const [a, b, c] = answer.body.results;
    expect(a.ignored_custom_fields).toEqual(['shoe_size']);
    expect(b.ignored_custom_fields).toEqual(['eye_colour']);
    expect(c).not.toHaveProperty('ignored_custom_fields');
    expect(leadById(a.lead_id)?.custom_fields).toEqual({ budget: 500000 });
    expect(leadById(b.lead_id)?.custom_fields).toEqual({ timeline: '0-3 months' });
  });
});

describe('POST /api/agents/crm/leads/bulk: dry run', () => {
  it('says what each row would do and writes nothing', async () => {
    const before = structuredClone(server.leads);
    const answer = await postBulk(server, { leads: ATTENDEES, dry_run: true });
    expectPublished(answer);
    expect(answer.body.dry_run).toBe(true);
    expect(answer.body.summary).toEqual({ total: 3, created: 1, updated: 2, skipped: 0, failed: 0 });
    expect(answer.body.results.map((r: { lead_id: string | null }) => r.lead_id)).toEqual([
      null,
      ANCHORS.jane.id,
      ANCHORS.oliver.id,
    ]);
    expect(server.leads).toEqual(before);
  });

  it('previews what the import then does, row by row', async () => {
    const rows = [
      ...ATTENDEES,
      { row_ref: 'dup', contact_email: 'rosa.delgado@example.org', contact_phone: '+1 503 555 0177' },
      { row_ref: 'bad', contact_name: 'X', stage_slug: 'nope' },
    ];
    const preview = await postBulk(server, { leads: rows, dry_run: true });
    const done = await postBulk(server, { leads: rows });
    const outcome = (answer: ApiAnswer) =>
      answer.body.results.map((r: { row_ref: string; status: string; matched_by: string | null }) => [
        r.row_ref,
        r.status,
        r.matched_by,
      ]);
    expect(outcome(preview)).toEqual(outcome(done));
    expect(preview.body.summary).toEqual(done.body.summary);
  });

  it('is not remembered under its Idempotency-Key', async () => {
    const before = countDemo();
    const key = withKey('preview-then-add');
    expect((await postBulk(server, { leads: ATTENDEES, dry_run: true }, key)).status).toBe(200);
    const added = await postBulk(server, { leads: ATTENDEES }, key);
    expect(added.status).toBe(200);
    expect(added.headers.get('idempotent-replayed')).toBeNull();
    expect(added.body.dry_run).toBe(false);
    expect(countDemo()).toBe(before + 1);
    // …nor refused when the key was already used for an import.
    expect((await postBulk(server, { leads: ATTENDEES.slice(0, 1), dry_run: true }, key)).status).toBe(200);
  });
});

describe('POST /api/agents/crm/leads/bulk: Idempotency-Key', () => {
  it('replays the first answer for the same key and body, and creates nothing twice', async () => {
    const before = countDemo();
    const first = await postBulk(server, { leads: ATTENDEES }, withKey('bulk-1'));
    const again = await postBulk(server, { leads: ATTENDEES }, withKey('bulk-1'));
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(countDemo()).toBe(before + 1);
  });

  it('answers 409 for the same key with another body, and writes nothing', async () => {
    await postBulk(server, { leads: ATTENDEES }, withKey('bulk-409'));
    const before = structuredClone(server.leads);
    const conflict = await postBulk(server, { leads: ATTENDEES, on_duplicate: 'skip' }, withKey('bulk-409'));
    expectEnvelope(conflict, 409, 'api_error');
    expect(server.leads).toEqual(before);
  });

  it('answers 409 for a key a single create already used', async () => {
    await postLead(server, { contact_name: 'One Lead' }, withKey('shared-key'));
    expectEnvelope(
      await postBulk(server, { leads: [{ contact_name: 'One Lead' }] }, withKey('shared-key')),
      409,
      'api_error',
    );
  });

  it('refuses an empty or overlong key', async () => {
    for (const key of [' ', 'k'.repeat(256)]) {
      expectEnvelope(await postBulk(server, { leads: ATTENDEES }, withKey(key)), 400, 'invalid_request_error');
    }
  });
});

describe('POST /api/agents/crm/leads/bulk: refused requests', () => {
  const row = { contact_name: 'X' };
  it.each([
    ['a body that is not JSON', '{"leads": ['],
    ['a body that is not an object', [row]],
    ['no leads', {}],
    ['leads that is not an array', { leads: row }],
    ['no rows', { leads: [] }],
    ['501 rows', { leads: Array.from({ length: 501 }, (_, i) => ({ contact_name: `Person ${i}` })) }],
    ['a row that is not an object', { leads: [row, 'Jane'] }],
    ['a row_ref that is not text', { leads: [{ ...row, row_ref: 7 }] }],
    ['an empty row_ref', { leads: [{ ...row, row_ref: '' }] }],
    ['on_duplicate other than update or skip', { leads: [row], on_duplicate: 'merge' }],
    ['dry_run that is not a boolean', { leads: [row], dry_run: 'yes' }],
  ])('answers 400 for %s, and writes nothing', async (_what, body) => {
    const before = countDemo();
    const answer = await postBulk(server, typeof body === 'string' ? body : JSON.stringify(body));
    expectEnvelope(answer, 400, 'invalid_request_error');
    expect(countDemo()).toBe(before);
  });

  it('takes 500 rows', async () => {
    const rows = Array.from({ length: 500 }, (_, i) => ({
      row_ref: `p${i}`,
      contact_email: `person.${i}@bulk.example`,
    }));
    const answer = await postBulk(server, { leads: rows, dry_run: true });
    expect(answer.body.summary).toMatchObject({ total: 500, created: 500 });
  });

  it('answers 401 without a token and 403 without the write scope or for another customer', async () => {
    const body = { leads: ATTENDEES };
    expectEnvelope(await postBulk(server, body, { 'x-customer-id': DEMO_CUSTOMER_ID }), 401, 'authentication_error');
    const readOnly = await postBulk(server, body, authHeaders(READ_ONLY_TOKEN));
    expect(expectEnvelope(readOnly, 403, 'authorization_error')).toMatch(/public_api:leads:write/);
    expectEnvelope(
      await postBulk(server, body, authHeaders(OTHER_CUSTOMER_TOKEN, DEMO_CUSTOMER_ID)),
      403,
      'authorization_error',
    );
    // Not even a dry run: it reads the customer's leads on behalf of a write.
    expectEnvelope(
      await postBulk(server, { ...body, dry_run: true }, authHeaders(READ_ONLY_TOKEN)),
      403,
      'authorization_error',
    );
    expect(server.leads.filter((l) => l.customer_id === OTHER_CUSTOMER_ID).length).toBeGreaterThan(0);
  });

  it('answers 405 for any method but POST', async () => {
    const answer = await fetch(`${server.url}${BULK_PATH}`, { headers: authHeaders() });
    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).toBe('POST');
    expect((await answer.json()).error).toMatchObject({ code: 405 });
  });
});

describe('POST /api/agents/crm/leads/bulk: its own rate limit', () => {
  let limited: MegaServer;
  beforeAll(async () => {
    limited = await startServer({ rateLimit: { perMinute: 5, perHour: 100 }, bulkRateLimit: { perMinute: 2 } });
  });
  afterAll(() => limited.close());

  it('counts bulk requests apart, and answers 429 with Retry-After past its limit', async () => {
    const body = { leads: [{ contact_name: 'Rate Limited' }], dry_run: true };
    const seen: Array<[number, string | null, string | null]> = [];
    for (let i = 0; i < 3; i++) {
      const answer = await postBulk(limited, body);
      seen.push([answer.status, answer.headers.get('ratelimit-limit'), answer.headers.get('ratelimit-remaining')]);
      if (answer.status === 429) {
        expectEnvelope(answer, 429, 'rate_limit_error');
        const retryAfter = Number(answer.headers.get('retry-after'));
        expect(retryAfter).toBeGreaterThan(0);
        expect(retryAfter).toBeLessThanOrEqual(60);
        expect(Number(answer.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
      }
    }
    expect(seen).toEqual([
      [200, '2', '1'],
      [200, '2', '0'],
      [429, '2', '0'],
    ]);
    // Lookups have their own count, untouched by the three above.
    const lookup = await getLeads(limited, { limit: '1' });
    expect([lookup.status, lookup.headers.get('ratelimit-limit'), lookup.headers.get('ratelimit-remaining')]).toEqual([
      200,
      '5',
      '4',
    ]);
  });

  it('is ten a minute unless configured', async () => {
    const plain = await startServer({ bulkRateLimit: undefined });
    try {
      const answer = await postBulk(plain, { leads: [{ contact_name: 'X' }], dry_run: true });
      expect(answer.headers.get('ratelimit-limit')).toBe('10');
      expect(answer.headers.get('ratelimit-remaining')).toBe('9');
    } finally {
      await plain.close();
    }
  });
});

describe('the request log', () => {
  it('records bulk requests with their key and body', async () => {
    await postBulk(server, { leads: ATTENDEES }, withKey('logged-key'));
    expect(server.requests.at(-1)).toMatchObject({
      method: 'POST',
      path: BULK_PATH,
      idempotencyKey: 'logged-key',
      status: 200,
      body: { leads: ATTENDEES },
    });
  });
});

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CUSTOMER_ID, OTHER_CUSTOMER_ID, OTHER_CUSTOMER_TOKEN } from './credentials.ts';
import type { MegaServer } from './mega-server.ts';
import { ANCHORS, CUSTOM_FIELD_ANCHOR_FIELDS, STAGES } from './seed.ts';
import { authHeaders, expectEnvelope, getLeads, otherCustomerHeaders, startServer } from './test-support.ts';
import type { Lead, SortBy, SortDir } from './types.ts';

let server: MegaServer;
let demoLeads: Lead[];

beforeAll(async () => {
  server = await startServer();
  demoLeads = server.leads.filter((lead) => lead.customer_id === DEMO_CUSTOMER_ID);
});
afterAll(() => server.close());

/** Follows next_cursor until the end and returns every lead in the order served. */
async function walk(query: Record<string, string>): Promise<{ leads: Lead[]; pages: number; totals: number[] }> {
  const out: Lead[] = [];
  const totals: number[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const answer = await getLeads(server, cursor ? { ...query, cursor } : query);
    expect(answer.status).toBe(200);
    out.push(...answer.body.leads);
    totals.push(answer.body.total);
    cursor = answer.body.next_cursor;
    pages++;
    expect(pages).toBeLessThan(50);
  } while (cursor !== null);
  return { leads: out, pages, totals };
}

describe('GET /api/agents/crm/leads: page shape', () => {
  it('answers the documented page with defaults', async () => {
    const answer = await getLeads(server);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    expect(Object.keys(answer.body).sort()).toEqual(['leads', 'limit', 'next_cursor', 'offset', 'total']);
    expect(answer.body).toMatchObject({ total: demoLeads.length, limit: 20, offset: 0 });
    expect(answer.body.leads).toHaveLength(20);
    expect(typeof answer.body.next_cursor).toBe('string');
    for (const lead of answer.body.leads) {
      expect(lead).not.toHaveProperty('custom_fields');
      expect(lead.customer_id).toBe(DEMO_CUSTOMER_ID);
    }
  });

  it('adds custom_fields only with include_custom_fields=true', async () => {
    const withFields = await getLeads(server, { search: 'Jane Cooper', include_custom_fields: 'true' });
    expect(withFields.body.leads[0].custom_fields).toEqual({
      lead_line: 'buyer',
      budget: 450000,
      preferred_contact: 'email',
    });
    const without = await getLeads(server, { search: 'Jane Cooper', include_custom_fields: 'false' });
    expect(without.body.leads[0]).not.toHaveProperty('custom_fields');
    expectEnvelope(await getLeads(server, { include_custom_fields: 'yes' }), 400, 'invalid_request_error');
  });

  it('shows a customer only its own leads', async () => {
    const other = await getLeads(server, { limit: '100' }, authHeaders(OTHER_CUSTOMER_TOKEN, OTHER_CUSTOMER_ID));
    expect(other.status).toBe(200);
    expect(other.body.total).toBeGreaterThan(0);
    expect(other.body.leads.every((lead: Lead) => lead.customer_id === OTHER_CUSTOMER_ID)).toBe(true);
    const jane = await getLeads(
      server,
      { search: 'jane.cooper@acme.com' },
      authHeaders(OTHER_CUSTOMER_TOKEN, OTHER_CUSTOMER_ID),
    );
    expect(jane.body.total).toBe(0);
  });
});

describe('two customers, one phone number', () => {
  it.each([
    ['the demo customer', () => authHeaders(), 'Jane Cooper'],
    ['the second customer', otherCustomerHeaders, 'Jordan Reyes'],
  ])("finds, as %s, its own lead on Jane Cooper's number", async (_who, headers, name) => {
    const answer = await getLeads(server, { search: '+14155550134' }, headers());
    expect(answer.body.leads.map((lead: Lead) => lead.contact_name)).toEqual([name]);
  });

  it("the second customer's leads are not found by the demo customer", async () => {
    for (const search of ['Jordan Reyes', 'noor.haddad@brightline-realty.example', 'Felipe Duarte']) {
      expect((await getLeads(server, { search })).body.total, search).toBe(0);
      expect((await getLeads(server, { search }, otherCustomerHeaders())).body.total, search).toBe(1);
    }
  });
});

describe('custom fields beyond the documented scalars (drift switched on)', () => {
  beforeEach(() => server.setDrift(true));
  afterEach(() => server.setDrift(false));

  it('sends a list and an object as they are stored', async () => {
    const answer = await getLeads(server, { search: '+17375550172', include_custom_fields: 'true' });
    expect(answer.body.leads).toHaveLength(1);
    expect(answer.body.leads[0]).toMatchObject({ id: ANCHORS.valeria.id, custom_fields: CUSTOM_FIELD_ANCHOR_FIELDS });
  });

  it('still filters by lead_line on such a lead', async () => {
    const answer = await getLeads(server, { search: ANCHORS.valeria.contact_email, lead_line: 'seller' });
    expect(answer.body.total).toBe(0);
    expect((await getLeads(server, { search: ANCHORS.valeria.contact_email, lead_line: 'buyer' })).body.total).toBe(1);
  });
});

describe('filters', () => {
  it('filters by status', async () => {
    for (const status of ['active', 'won', 'lost', 'nurture', 'archived']) {
      const answer = await getLeads(server, { status, limit: '100' });
      expect(answer.body.total).toBe(demoLeads.filter((lead) => lead.status === status).length);
      expect(answer.body.total).toBeGreaterThan(0);
      expect(answer.body.leads.every((lead: Lead) => lead.status === status)).toBe(true);
    }
    expect((await getLeads(server, { status: 'no_such_status' })).body.total).toBe(0);
  });

  it('filters by stageId and rejects a stageId that is not a uuid', async () => {
    const answer = await getLeads(server, { stageId: STAGES.qualified.id, limit: '100' });
    expect(answer.body.total).toBe(demoLeads.filter((lead) => lead.current_stage?.id === STAGES.qualified.id).length);
    expect(answer.body.leads.every((lead: Lead) => lead.current_stage?.name === 'Qualified')).toBe(true);
    expect(answer.body.leads.map((lead: Lead) => lead.id)).toContain(ANCHORS.jane.id);
    expectEnvelope(await getLeads(server, { stageId: 'qualified' }), 400, 'invalid_request_error');
  });

  it('filters by created_since and updated_since, at or after', async () => {
    const jane = demoLeads.find((lead) => lead.id === ANCHORS.jane.id)!;
    const created = await getLeads(server, { created_since: jane.created_at, limit: '100' });
    expect(created.body.total).toBe(
      demoLeads.filter((l) => Date.parse(l.created_at) >= Date.parse(jane.created_at)).length,
    );
    expect(created.body.leads.every((l: Lead) => Date.parse(l.created_at) >= Date.parse(jane.created_at))).toBe(true);

    const updated = await getLeads(server, { updated_since: jane.updated_at, sort_by: 'updated_at', limit: '100' });
    expect(updated.body.total).toBe(
      demoLeads.filter((l) => Date.parse(l.updated_at) >= Date.parse(jane.updated_at)).length,
    );
    expect(
      updated.body.leads[0].id === jane.id ||
        Date.parse(updated.body.leads[0].updated_at) === Date.parse(jane.updated_at),
    ).toBe(true);

    // Same instant written with an offset: same result.
    const shifted = new Date(Date.parse(jane.updated_at)).toISOString().replace('Z', '+00:00');
    expect((await getLeads(server, { updated_since: shifted })).body.total).toBe(updated.body.total);

    for (const bad of [
      'yesterday',
      '2025-01-01',
      '2025-01-01T00:00:00',
      '2025-02-30T00:00:00Z',
      '2025-01-01T00:00:00 02:00',
    ]) {
      expectEnvelope(await getLeads(server, { created_since: bad }), 400, 'invalid_request_error');
    }
  });

  it('filters by lead_line and rejects other values', async () => {
    for (const line of ['buyer', 'seller']) {
      const answer = await getLeads(server, { lead_line: line, include_custom_fields: 'true', limit: '100' });
      expect(answer.body.total).toBe(demoLeads.filter((l) => l.custom_fields.lead_line === line).length);
      expect(answer.body.leads.every((l: Lead) => l.custom_fields.lead_line === line)).toBe(true);
    }
    expectEnvelope(await getLeads(server, { lead_line: 'renter' }), 400, 'invalid_request_error');
  });

  it('combines filters', async () => {
    const answer = await getLeads(server, { status: 'active', lead_line: 'buyer', search: 'jane' });
    expect(answer.body.leads.map((l: Lead) => l.id)).toContain(ANCHORS.jane.id);
    expect(answer.body.leads.every((l: Lead) => l.status === 'active')).toBe(true);
  });
});

describe('sorting', () => {
  const cases: Array<[SortBy, SortDir]> = [
    ['created_at', 'asc'],
    ['created_at', 'desc'],
    ['updated_at', 'asc'],
    ['updated_at', 'desc'],
    ['last_interaction_at', 'asc'],
    ['last_interaction_at', 'desc'],
  ];

  it.each(cases)('sorts by %s %s, nulls last, ties by id, across pages', async (sortBy, sortDir) => {
    const { leads, totals } = await walk({ sort_by: sortBy, sort_dir: sortDir, limit: '37' });
    expect(leads).toHaveLength(demoLeads.length);
    expect(new Set(leads.map((l) => l.id)).size).toBe(leads.length);
    expect(new Set(totals)).toEqual(new Set([demoLeads.length]));
    const sign = sortDir === 'asc' ? 1 : -1;
    let seenNull = false;
    for (let i = 1; i < leads.length; i++) {
      const a = leads[i - 1]![sortBy] ?? null;
      const b = leads[i]![sortBy] ?? null;
      if (a === null || seenNull) {
        seenNull = true;
        expect(b).toBeNull();
        continue;
      }
      if (b === null) continue;
      const diff = (Date.parse(b) - Date.parse(a)) * sign;
      expect(diff).toBeGreaterThanOrEqual(0);
      if (diff === 0) expect((leads[i]!.id > leads[i - 1]!.id ? 1 : -1) * sign).toBe(1);
    }
  });

  it('defaults to updated_at ascending', async () => {
    const answer = await getLeads(server, { limit: '100' });
    const explicit = await getLeads(server, { limit: '100', sort_by: 'updated_at', sort_dir: 'asc' });
    expect(answer.body.leads.map((l: Lead) => l.id)).toEqual(explicit.body.leads.map((l: Lead) => l.id));
  });

  it('rejects unknown sort fields and directions', async () => {
    expectEnvelope(await getLeads(server, { sort_by: 'score' }), 400, 'invalid_request_error');
    expectEnvelope(await getLeads(server, { sort_dir: 'up' }), 400, 'invalid_request_error');
  });
});

describe('paging', () => {
  it('walks every page of "garcia" with a cursor: 27 leads, no duplicates, then null', async () => {
    const first = await getLeads(server, { search: 'garcia' });
    expect(first.body).toMatchObject({ total: 27, limit: 20 });
    expect(first.body.leads).toHaveLength(20);
    const { leads, pages, totals } = await walk({ search: 'garcia' });
    expect(pages).toBe(2);
    expect(totals).toEqual([27, 27]);
    expect(leads).toHaveLength(27);
    expect(new Set(leads.map((l) => l.id)).size).toBe(27);
    expect(leads.every((l) => l.contact_name?.includes('Garcia'))).toBe(true);
  });

  it('rejects a cursor replayed with another sort', async () => {
    const first = await getLeads(server, { search: 'garcia', sort_by: 'created_at', sort_dir: 'desc' });
    const cursor = first.body.next_cursor as string;
    const otherField = await getLeads(server, { search: 'garcia', sort_by: 'updated_at', sort_dir: 'desc', cursor });
    expect(expectEnvelope(otherField, 400, 'invalid_request_error')).toMatch(/sort/);
    const otherDir = await getLeads(server, { search: 'garcia', sort_by: 'created_at', cursor });
    expect(expectEnvelope(otherDir, 400, 'invalid_request_error')).toMatch(/sort/);
    const same = await getLeads(server, { search: 'garcia', sort_by: 'created_at', sort_dir: 'desc', cursor });
    expect(same.status).toBe(200);
  });

  it('rejects a malformed cursor', async () => {
    for (const cursor of ['nope!', 'bm90IGpzb24', Buffer.from('{"sort_by":"x"}').toString('base64url'), '']) {
      expectEnvelope(await getLeads(server, { cursor }), 400, 'invalid_request_error');
    }
  });

  it('ignores offset when a cursor is given', async () => {
    const first = await getLeads(server, { search: 'garcia' });
    const a = await getLeads(server, { search: 'garcia', cursor: first.body.next_cursor });
    const b = await getLeads(server, { search: 'garcia', cursor: first.body.next_cursor, offset: '5' });
    expect(b.body.leads).toEqual(a.body.leads);
  });

  it('pages with offset and limit, total ignoring paging', async () => {
    const all = (await getLeads(server, { search: 'garcia', limit: '100' })).body;
    expect(all.leads).toHaveLength(27);
    expect(all.next_cursor).toBeNull();
    const second = (await getLeads(server, { search: 'garcia', limit: '10', offset: '10' })).body;
    expect(second).toMatchObject({ total: 27, limit: 10, offset: 10 });
    expect(second.leads).toEqual(all.leads.slice(10, 20));
    const last = (await getLeads(server, { search: 'garcia', limit: '10', offset: '20' })).body;
    expect(last.leads).toHaveLength(7);
    expect(last.next_cursor).toBeNull();
    const beyond = (await getLeads(server, { search: 'garcia', offset: '500' })).body;
    expect(beyond).toMatchObject({ leads: [], total: 27, next_cursor: null });
  });

  it('accepts limit 1 to 100 and rejects everything else', async () => {
    expect((await getLeads(server, { limit: '1' })).body.leads).toHaveLength(1);
    expect((await getLeads(server, { limit: '100' })).body.leads).toHaveLength(100);
    for (const limit of ['0', '101', 'abc', '1.5', '-1', '']) {
      expectEnvelope(await getLeads(server, { limit }), 400, 'invalid_request_error');
    }
  });
});

describe('search', () => {
  const ids = async (search: string): Promise<string[]> =>
    (await getLeads(server, { search, limit: '100' })).body.leads.map((l: Lead) => l.id);

  it('finds Jane from any way of writing her number', async () => {
    for (const phone of [
      '(415) 555-0134',
      '+1 415 555 0134',
      '4155550134',
      '+14155550134',
      '415.555.0134',
      '+1 (415) 555-0134',
      '1-415-555-0134',
    ]) {
      expect(await ids(phone), phone).toEqual([ANCHORS.jane.id]);
    }
  });

  it('matches national and international spellings of the same number', async () => {
    expect(await ids('+442079460958')).toEqual([ANCHORS.oliver.id]);
    expect(await ids('+44 20 7946 0958')).toEqual([ANCHORS.oliver.id]);
    expect(await ids('020 7946 0958')).toEqual([ANCHORS.oliver.id]);
    expect(await ids('030 12345678')).toEqual([ANCHORS.lukas.id]);
    expect(await ids('+49 (0)30 1234 5678')).toEqual([ANCHORS.lukas.id]);
    expect(await ids('+33142685300')).toEqual([ANCHORS.amelie.id]);
    expect(await ids('(212) 555-0199')).toEqual([ANCHORS.nameless.id]);
  });

  it('matches name, email and phone text case-insensitively', async () => {
    expect(await ids('JANE.COOPER@acme.com')).toEqual([ANCHORS.jane.id]);
    expect(await ids('jane cooper')).toEqual([ANCHORS.jane.id]);
    expect(await ids('Amélie')).toEqual([ANCHORS.amelie.id]);
    const smiths = await ids('smith');
    expect(smiths).toContain(ANCHORS.oliver.id);
    expect(smiths.length).toBeGreaterThanOrEqual(4);
    expect(await ids('nobody-by-this-name')).toEqual([]);
  });

  it('rejects a search longer than 256 characters', async () => {
    expect((await getLeads(server, { search: 'a'.repeat(256) })).status).toBe(200);
    expectEnvelope(await getLeads(server, { search: 'a'.repeat(257) }), 400, 'invalid_request_error');
  });
});

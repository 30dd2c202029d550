import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CUSTOMER_ID, OTHER_CUSTOMER_ID, OTHER_CUSTOMER_TOKEN, READ_ONLY_TOKEN } from './credentials.ts';
import type { MegaServer } from './mega-server.ts';
import { ANCHORS, STAGES } from './seed.ts';
import {
  authHeaders,
  expectEnvelope,
  getLeads,
  postLead,
  startServer,
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

describe('POST /api/agents/crm/leads', () => {
  it('creates a lead and answers 201 { lead }', async () => {
    const before = countDemo();
    const answer = await postLead(server, {
      contact_name: 'Rosa Delgado',
      contact_phone: '+1 (503) 555-0177',
      contact_email: 'rosa.delgado@example.org',
      source_platform: 'direct',
      source_type: 'manual',
      stage_slug: 'new',
      custom_fields: { lead_line: 'seller', budget: 600000 },
    });
    expect(answer.status).toBe(201);
    expect(Object.keys(answer.body)).toEqual(['lead']);
    const lead = answer.body.lead;
    expect(lead).toMatchObject({
      customer_id: DEMO_CUSTOMER_ID,
      contact_name: 'Rosa Delgado',
      contact_phone: '+1 (503) 555-0177',
      contact_email: 'rosa.delgado@example.org',
      source_platform: 'direct',
      source_type: 'manual',
      current_stage: { id: STAGES.new.id, slug: 'new' },
      custom_fields: { lead_line: 'seller', budget: 600000 },
    });
    for (const key of ['id', 'status', 'created_at', 'updated_at']) expect(lead[key]).toEqual(expect.any(String));
    expect(countDemo()).toBe(before + 1);
    const found = await getLeads(server, { search: '503-555-0177' });
    expect(found.body.leads.map((l: { id: string }) => l.id)).toEqual([lead.id]);
  });

  it('accepts a lead with only one way to reach it', async () => {
    expect((await postLead(server, { contact_email: 'only.email@example.org' })).status).toBe(201);
    expect((await postLead(server, { contact_phone: '+44 161 496 0999' })).status).toBe(201);
    expect((await postLead(server, { contact_name: 'Only A Name' })).status).toBe(201);
  });

  it('merges into the lead with the same email, whatever its case', async () => {
    const before = countDemo();
    const answer = await postLead(server, {
      contact_email: 'JANE.COOPER@acme.com',
      custom_fields: { timeline: '0-3 months' },
    });
    expect(answer.status).toBe(201);
    expect(answer.body.lead.id).toBe(ANCHORS.jane.id);
    expect(answer.body.lead.contact_name).toBe('Jane Cooper');
    expect(answer.body.lead.custom_fields).toMatchObject({
      lead_line: 'buyer',
      budget: 450000,
      timeline: '0-3 months',
    });
    expect(countDemo()).toBe(before);
  });

  it('merges into the lead whose last 10 phone digits match', async () => {
    const before = countDemo();
    const jane = await postLead(server, { contact_phone: '+1 415-555-0134', contact_name: 'Jane Cooper' });
    expect(jane.body.lead.id).toBe(ANCHORS.jane.id);
    const oliver = await postLead(server, { contact_phone: '+44 20 7946 0958' });
    expect(oliver.body.lead.id).toBe(ANCHORS.oliver.id);
    expect(countDemo()).toBe(before);
  });

  it("never merges into another customer's lead", async () => {
    const answer = await postLead(
      server,
      { contact_email: 'jane.cooper@acme.com' },
      authHeaders(OTHER_CUSTOMER_TOKEN, OTHER_CUSTOMER_ID),
    );
    expect(answer.status).toBe(201);
    expect(answer.body.lead.id).not.toBe(ANCHORS.jane.id);
    expect(answer.body.lead.customer_id).toBe(OTHER_CUSTOMER_ID);
  });

  it('replays the answer for a repeated Idempotency-Key with the same body', async () => {
    const before = countDemo();
    const body = { contact_name: 'Idem Potent', contact_email: 'idem@example.org' };
    const first = await postLead(server, body, withKey('key-123'));
    const second = await postLead(server, body, withKey('key-123'));
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(countDemo()).toBe(before + 1);
  });

  it('answers 409 when an Idempotency-Key is reused with another body', async () => {
    await postLead(server, { contact_name: 'First Body' }, withKey('key-409'));
    const before = countDemo();
    const conflict = await postLead(server, { contact_name: 'Second Body' }, withKey('key-409'));
    expectEnvelope(conflict, 409, 'api_error');
    expect(countDemo()).toBe(before);
  });

  it('forgets idempotency keys on reset()', async () => {
    await postLead(server, { contact_name: 'Before Reset' }, withKey('key-reset'));
    server.reset();
    expect((await postLead(server, { contact_name: 'After Reset' }, withKey('key-reset'))).status).toBe(201);
  });

  it('answers 403 for a token without the write scope', async () => {
    const before = countDemo();
    expectEnvelope(
      await postLead(server, { contact_name: 'Nope' }, authHeaders(READ_ONLY_TOKEN)),
      403,
      'authorization_error',
    );
    expect(countDemo()).toBe(before);
  });

  it('answers 400 for bodies that break the contract', async () => {
    const bad: unknown[] = [
      {},
      { contact_name: null, contact_phone: null, contact_email: null },
      { contact_name: '   ' },
      { contact_name: 42 },
      { contact_email: ['a@b.c'] },
      { contact_phone: true },
      { contact_email: 'not-an-email' },
      { contact_phone: 'call me maybe' },
      { contact_name: 'X', custom_fields: [1, 2] },
      { contact_name: 'X', custom_fields: { nested: { a: 1 } } },
      { contact_name: 'X', custom_fields: { lead_line: 'renter' } },
      { contact_name: 'X', stage_slug: 'no-such-stage' },
      { contact_name: 'X', source_type: 7 },
      [{ contact_name: 'X' }],
      'just a string',
      null,
    ];
    const before = countDemo();
    for (const body of bad) {
      const answer = await postLead(server, JSON.stringify(body));
      expectEnvelope(answer, 400, 'invalid_request_error');
    }
    expect(countDemo()).toBe(before);
  });

  it('refuses a body over 100 KB with an envelope', async () => {
    const answer = await postLead(server, { contact_name: 'Big', custom_fields: { notes: 'x'.repeat(150_000) } });
    expect([400, 413]).toContain(answer.status);
    expect(answer.body.error).toMatchObject({ type: 'invalid_request_error', code: answer.status });
  });
});

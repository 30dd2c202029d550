import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MegaServer } from './mega-server.ts';
import { publishedLead, publishedLeadsPage } from './published-schema.ts';
import { ANCHORS, CUSTOM_FIELD_ANCHOR_FIELDS } from './seed.ts';
import { authHeaders, getLeads, otherCustomerHeaders, postLead, startServer } from './test-support.ts';

let server: MegaServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

/** Every page of every lead of one customer, with custom fields, checked against the schema. */
async function everyPage(headers: Record<string, string>): Promise<number> {
  let cursor: string | null = null;
  let leads = 0;
  do {
    const query: Record<string, string> = {
      include_custom_fields: 'true',
      limit: '100',
      ...(cursor ? { cursor } : {}),
    };
    const answer = await getLeads(server, query, headers);
    expect(answer.status).toBe(200);
    const page = publishedLeadsPage.safeParse(answer.body);
    expect(page.success ? [] : page.error.issues.slice(0, 5), 'issues against the published schema').toEqual([]);
    leads += answer.body.leads.length;
    cursor = answer.body.next_cursor;
  } while (cursor !== null);
  return leads;
}

describe("the server's default answers keep to MEGA's published schema", () => {
  it.each([
    ['the demo customer', authHeaders()],
    ['the second customer', otherCustomerHeaders()],
  ])('every lead of %s, custom fields included', async (_who, headers) => {
    expect(await everyPage(headers)).toBeGreaterThan(0);
  });

  it('the lead a POST answers with', async () => {
    const answer = await postLead(server, { contact_name: 'Ada Byron', contact_email: 'ada.byron@example.com' });
    expect(answer.status).toBe(201);
    expect(publishedLead.safeParse(answer.body.lead).success).toBe(true);
  });
});

describe('drift: shapes outside the schema, behind a switch', () => {
  it('serves lists and objects in custom fields once switched on, and not after a reset', async () => {
    server.setDrift(true);
    const drifting = await getLeads(server, { search: ANCHORS.valeria.contact_email, include_custom_fields: 'true' });
    expect(drifting.body.leads[0].custom_fields).toEqual(CUSTOM_FIELD_ANCHOR_FIELDS);
    expect(publishedLeadsPage.safeParse(drifting.body).success).toBe(false);

    server.reset();
    const plain = await getLeads(server, { search: ANCHORS.valeria.contact_email, include_custom_fields: 'true' });
    expect(plain.body.leads[0].custom_fields).toEqual({ lead_line: 'buyer', budget: 650000 });
  });

  it("can be the server's own default (`--drift`)", async () => {
    const drifting = await startServer({ drift: true });
    try {
      const answer = await getLeads(drifting, { search: ANCHORS.valeria.contact_email, include_custom_fields: 'true' });
      expect(answer.body.leads[0].custom_fields).toEqual(CUSTOM_FIELD_ANCHOR_FIELDS);
      drifting.reset();
      const again = await getLeads(drifting, { search: ANCHORS.valeria.contact_email, include_custom_fields: 'true' });
      expect(again.body.leads[0].custom_fields).toEqual(CUSTOM_FIELD_ANCHOR_FIELDS);
    } finally {
      await drifting.close();
    }
  });
});

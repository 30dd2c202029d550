import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MegaServer } from './mega-server.ts';
import { ANCHORS } from './seed.ts';
import { getLeads, postBulk, startServer } from './test-support.ts';

let server: MegaServer;
let html: string;
beforeAll(async () => {
  server = await startServer();
  html = await (await fetch(`${server.url}/pages/demo.html`)).text();
});
afterAll(() => server.close());

// Text exactly as written on the demo page, and the lead a search for it must find.
const ON_PAGE_IN_CRM: Array<[string, string]> = [
  ['(415) 555-0134', ANCHORS.jane.id],
  ['+1 415-555-0134', ANCHORS.jane.id],
  ['415.555.0134', ANCHORS.jane.id],
  ['+1 (415) 555-0134', ANCHORS.jane.id],
  ['Jane.Cooper@ACME.com', ANCHORS.jane.id],
  ['+49 30 1234 5678', ANCHORS.lukas.id],
  ['030 12345678', ANCHORS.lukas.id],
  ['Lukas.Schmidt@beispiel.de', ANCHORS.lukas.id],
  ['020 7946 0958', ANCHORS.oliver.id],
  ['+44 20 7946 0958', ANCHORS.oliver.id],
  ['+442079460958', ANCHORS.oliver.id],
  ['OLIVER.SMITH@EXAMPLE.CO.UK', ANCHORS.oliver.id],
  ['+33 1 42 68 53 00', ANCHORS.amelie.id],
  ['amelie.dubois@exemple.fr', ANCHORS.amelie.id],
  ['+1 212 555 0199', ANCHORS.nameless.id],
  ['212-555-0199', ANCHORS.nameless.id],
  ['(212) 555-0199', ANCHORS.nameless.id],
];

// Numbers and number-like text on the page that belong to nobody in the CRM.
const ON_PAGE_NOT_IN_CRM = [
  '(650) 555-0123',
  '(628) 555-0117',
  '628-555-0118',
  '(628) 555-0119',
  '+61 3 9999 0000',
  '+1 (888) 555-0110',
  'theo@marchetti-photo.example',
  'carla.nwosu@titleco.example',
  '02198765',
  '425012345',
  '100234567',
  '978-3-16-148410-0',
  '192.168.10.24',
  '10001-1234',
  '94109',
  '2025-03-14',
];

describe('demo page', () => {
  it.each(ON_PAGE_IN_CRM)('shows %s, which finds its lead', async (text, id) => {
    expect(html).toContain(text);
    const answer = await getLeads(server, { search: text });
    expect(answer.body.leads.map((l: { id: string }) => l.id)).toEqual([id]);
  });

  it.each(ON_PAGE_NOT_IN_CRM)('shows %s, which finds nobody', async (text) => {
    expect(html).toContain(text);
    expect((await getLeads(server, { search: text })).body.total).toBe(0);
  });

  it('loads nothing from the network', () => {
    expect(html).not.toMatch(/<(?:script|link|img|iframe)\b/i);
    expect(html).not.toMatch(/url\(/i);
  });
});

// The open house's attendee list: a line a person, some in MEGA and some not, for adding the
// unknown ones in one step.
const ATTENDEES_IN_CRM: Array<[string, string]> = [
  ['Jane.Cooper@acme.com', ANCHORS.jane.id],
  ['+1 737 555 0172', ANCHORS.valeria.id],
  ['ingrid.solberg@fjordline.example', 'a0000000-0000-4000-8000-00000000a007'],
  ['+33 1 42 68 53 00', ANCHORS.amelie.id],
];
const ATTENDEES_NOT_IN_CRM = ['amelie@dubois-avocats.example', 'mei.tanaka@northwind-design.example', '(971) 555-0163'];

describe('demo page: the open house attendees', () => {
  const attendees = () => html.slice(html.indexOf('aria-label="Open house attendees"'));

  it.each(ATTENDEES_IN_CRM)('lists %s, which finds its lead', async (text, id) => {
    expect(attendees()).toContain(text);
    const answer = await getLeads(server, { search: text });
    expect(answer.body.leads.map((l: { id: string }) => l.id)).toEqual([id]);
  });

  it.each(ATTENDEES_NOT_IN_CRM)('lists %s, which finds nobody', async (text) => {
    expect(attendees()).toContain(text);
    expect((await getLeads(server, { search: text })).body.total).toBe(0);
  });

  it('adds its three unknown values as two new leads and one merge by phone', async () => {
    const answer = await postBulk(server, {
      dry_run: true,
      leads: [
        {
          row_ref: 'amelie',
          contact_name: 'Amélie Dubois',
          contact_phone: '+33 1 42 68 53 00',
          contact_email: 'amelie@dubois-avocats.example',
        },
        { row_ref: 'mei', contact_name: 'Mei Tanaka', contact_email: 'mei.tanaka@northwind-design.example' },
        { row_ref: 'dario', contact_name: 'Dario Ferrante', contact_phone: '(971) 555-0163' },
      ],
    });
    expect(
      answer.body.results.map(
        (r: { row_ref: string; status: string; lead_id: string | null; matched_by: string | null }) => [
          r.row_ref,
          r.status,
          r.lead_id,
          r.matched_by,
        ],
      ),
    ).toEqual([
      ['amelie', 'updated', ANCHORS.amelie.id, 'phone'],
      ['mei', 'created', null, null],
      ['dario', 'created', null, null],
    ]);
  });
});

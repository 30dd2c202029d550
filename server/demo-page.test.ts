import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MegaServer } from './mega-server.ts';
import { ANCHORS } from './seed.ts';
import { getLeads, startServer } from './test-support.ts';

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

/**
 * The on-device search must find what MEGA finds, in MEGA's order: every case is checked against
 * the local server's implementation of the API contract on the same leads.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_CUSTOMER_ID } from '@/server/credentials';
import { parseLeadsQuery, runLeadsQuery } from '@/server/leads-query';
import { ANCHORS, seedLeads } from '@/server/seed';
import { TEST_NOW } from '@/server/test-support';
import type { Lead as ServerLead } from '@/server/types';
import { SearchRows, type LocalSearchQuery } from './search-rows';

const seeded = seedLeads(TEST_NOW, 1_500).filter((lead) => lead.customer_id === DEMO_CUSTOMER_ID);

function rowsOf(leads: readonly ServerLead[]): SearchRows {
  const rows = new SearchRows();
  for (const lead of leads) rows.upsert(lead);
  return rows;
}

/** What the API answers for the same query: ids in order, and the total. */
function megaAnswer(leads: readonly ServerLead[], query: LocalSearchQuery): { ids: string[]; total: number } {
  const params = new URLSearchParams();
  if (query.text !== undefined) params.set('search', query.text);
  if (query.status !== undefined) params.set('status', query.status);
  if (query.lead_line !== undefined) params.set('lead_line', query.lead_line);
  if (query.sort_by !== undefined) params.set('sort_by', query.sort_by);
  if (query.sort_dir !== undefined) params.set('sort_dir', query.sort_dir);
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  if (query.offset !== undefined) params.set('offset', String(query.offset));
  const parsed = parseLeadsQuery(params);
  if (!parsed.ok) throw new Error(parsed.message);
  const page = runLeadsQuery(leads, parsed.query);
  return { ids: page.leads.map((lead) => lead.id), total: page.total };
}

const QUERIES: Array<[string, LocalSearchQuery]> = [
  ['everything, the API defaults', {}],
  ['a surname', { text: 'garcia', limit: 100 }],
  ['a surname in capitals', { text: 'GARCIA', limit: 100 }],
  ['a name with an accent', { text: 'amélie' }],
  ['letters that are not in any name', { text: 'qqxz' }],
  ['blanks around the text', { text: '  jane cooper  ' }],
  ['part of an email', { text: 'gmail.com', status: 'active', limit: 50 }],
  ['an email in other capitals', { text: 'rchen@EXAMPLE.com' }],
  ['a non-Latin name', { text: '李' }],
  ['a few digits, matched as text', { text: '415' }],
  ['a formatted phone number', { text: '(415) 555-0134' }],
  ['an international phone number', { text: '+44 20 7946 0958' }],
  ['a phone number as bare digits', { text: '2079460958' }],
  ['six digits of a number', { text: '555-01' }],
  ['a filter and newest first', { status: 'won', sort_by: 'created_at', sort_dir: 'desc', limit: 100 }],
  [
    'lead line, by last interaction, newest first',
    { lead_line: 'seller', sort_by: 'last_interaction_at', sort_dir: 'desc', limit: 100 },
  ],
  [
    'by last interaction, oldest first, a later page',
    { sort_by: 'last_interaction_at', sort_dir: 'asc', limit: 100, offset: 1_350 },
  ],
  ['ties in the import batch', { text: 'garcia', sort_by: 'updated_at', sort_dir: 'desc', limit: 100 }],
  ['a second page of a broad search', { text: 'o', offset: 20, limit: 20 }],
  ['past the last match', { text: 'garcia', offset: 40 }],
  ['a status MEGA has never sent', { status: 'snoozed' }],
];

describe('SearchRows', () => {
  const rows = rowsOf(seeded);

  it.each(QUERIES)('finds what MEGA finds: %s', (_name, query) => {
    const answer = rows.query(query);
    expect(answer).toEqual(megaAnswer(seeded, query));
  });

  it('finds a lead by any spelling of its number', () => {
    const spellings = ['+1 (415) 555-0134', '415.555.0134', '14155550134', '+1 415 555 0134'];
    for (const text of spellings) expect(rows.query({ text }).ids, text).toEqual([ANCHORS.jane.id]);
  });

  it('follows changes and removals, and keeps them when packed and unpacked', () => {
    const changed = structuredClone(seeded);
    const edited = rowsOf(seeded);
    const expectSameAsMega = (label: string) => {
      for (const [name, query] of QUERIES)
        expect(edited.query(query), `${label}: ${name}`).toEqual(megaAnswer(changed, query));
    };
    expectSameAsMega('before');
    // As a sync page does: a few leads change their times, one is new.
    const jane = changed.find((lead) => lead.id === ANCHORS.jane.id)!;
    jane.contact_name = 'Jane Whitfield';
    jane.last_interaction_at = null;
    const moved = changed.slice(100, 160);
    moved.forEach((lead, i) => {
      lead.updated_at = new Date(TEST_NOW.getTime() + i * 1000).toISOString();
      lead.created_at = new Date(TEST_NOW.getTime() - 500 * 86_400_000 + (i % 7)).toISOString();
      lead.last_interaction_at = i % 3 === 0 ? null : lead.updated_at;
    });
    const added = {
      ...structuredClone(seeded[3]!),
      id: 'f0000000-0000-4000-8000-0000000000f1',
      contact_name: 'Nora Field',
    };
    changed.push(added);
    for (const lead of [jane, ...moved, added]) edited.upsert(lead);
    expectSameAsMega('after changes');
    for (const id of [ANCHORS.lukas.id, changed[700]!.id, changed[changed.length - 1]!.id]) {
      changed.splice(
        changed.findIndex((lead) => lead.id === id),
        1,
      );
      edited.remove(id);
    }
    const restored = SearchRows.unpack(structuredClone(edited.pack()));
    expect(restored).not.toBeNull();
    expect(edited.size).toBe(changed.length);
    for (const [name, query] of [...QUERIES, ['the new name', { text: 'whitfield' }] as [string, LocalSearchQuery]]) {
      const expected = megaAnswer(changed, query);
      expect(edited.query(query), name).toEqual(expected);
      expect(restored!.query(query), `${name}, unpacked`).toEqual(expected);
    }
    expect(edited.query({ text: 'schmidt' }).total).toBe(0);
  });

  it('refuses a packed form whose parts do not line up, and sorts again when an order is damaged', () => {
    const packed = rowsOf(seeded).pack();
    expect(
      SearchRows.unpack({ ...packed, statuses: packed.statuses.split('\u0000').slice(1).join('\u0000') }),
    ).toBeNull();
    expect(SearchRows.unpack(new SearchRows().pack())?.size).toBe(0);
    const damaged = SearchRows.unpack({
      ...packed,
      orders: { ...packed.orders, updated_at: new Int32Array(seeded.length) },
    });
    for (const [name, query] of QUERIES) expect(damaged!.query(query), name).toEqual(megaAnswer(seeded, query));
  });
});

/** Lookups and searches answered from the copy, once synced from the local MEGA server. */
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { ANCHORS } from '@/server/seed';
import { changeLead } from '@/server/test-support';
import { cleanUpAfterEach, clientOf, contact, listRequests, openIndex, serve } from './lead-index.testing';

cleanUpAfterEach();

describe('lookups', () => {
  it.each([
    ['an email', 'jane.cooper@acme.com', ANCHORS.jane.id],
    ['an email in capitals', 'Jane.Cooper@ACME.com', ANCHORS.jane.id],
    ['a US number written nationally', '(415) 555-0134', ANCHORS.jane.id],
    ['a UK number stored nationally, selected internationally', '+44 20 7946 0958', ANCHORS.oliver.id],
    ['a French number', '+33 1 42 68 53 00', ANCHORS.amelie.id],
    ['the lead without a name', '212-555-0199', ANCHORS.nameless.id],
  ])('finds a lead by %s', async (_name, selected, id) => {
    const mega = await serve();
    const { index, clock } = await openIndex(mega);
    await index.syncIfDue();
    const found = await index.lookup(contact(selected));
    expect(found?.map(({ lead }) => lead.id)).toEqual([id]);
    expect(found?.[0]?.syncedAt).toBe(clock.now);
  });

  it('finds no lead for a number or email MEGA does not have', async () => {
    const mega = await serve();
    const { index } = await openIndex(mega);
    await index.syncIfDue();
    expect(await index.lookup(contact('+1 415 555 0177'))).toEqual([]);
    expect(await index.lookup(contact('nobody@example.com'))).toEqual([]);
    // Another customer's lead is not in this account's copy.
    expect(await index.lookup(contact('harper.lindqvist@example.se'))).toEqual([]);
  });

  it('finds a national number stored in another format by its E.164 form, read with the region', async () => {
    const mega = await serve();
    changeLead(mega, ANCHORS.amelie.id, { contact_phone: '01 42 68 53 00' });
    const { index } = await openIndex(mega, { defaultRegion: 'FR' });
    await index.syncIfDue();
    const found = await index.lookup(contact('+33 1 42 68 53 00', 'FR'));
    expect(found?.map(({ lead }) => lead.id)).toEqual([ANCHORS.amelie.id]);
  });

  it('derives the E.164 keys again when the phone region changes', async () => {
    const mega = await serve();
    changeLead(mega, ANCHORS.amelie.id, { contact_phone: '01 42 68 53 00' });
    const factory = new IDBFactory();
    const inUs = await openIndex(mega, { factory });
    await inUs.index.syncIfDue();
    expect(await inUs.index.lookup(contact('+33 1 42 68 53 00'))).toEqual([]);
    await inUs.index.close();
    mega.requests.length = 0;

    const inFrance = await openIndex(mega, { factory, defaultRegion: 'FR' });
    const found = await inFrance.index.lookup(contact('+33 1 42 68 53 00', 'FR'));
    expect(found?.map(({ lead }) => lead.id)).toEqual([ANCHORS.amelie.id]);
    expect(listRequests(mega)).toEqual([]);
  });

  it('looks many values up at once (the known-lead marks), each answer in the place it was asked', async () => {
    const mega = await serve();
    changeLead(mega, ANCHORS.amelie.id, { contact_phone: '01 42 68 53 00' });
    const { index } = await openIndex(mega, { defaultRegion: 'FR' });
    const asked = [
      // By E.164: stored nationally, the last 10 digits differ from the international spelling's.
      contact('+33 1 42 68 53 00', 'FR'),
      contact('nobody@example.com', 'FR'),
      contact('Jane.Cooper@ACME.com', 'FR'),
      // By the last 10 digits: stored nationally in another country.
      contact('+44 20 7946 0958', 'FR'),
      contact('+1 (415) 555-0134', 'FR'),
    ];
    expect(await index.lookupMany(asked)).toBeNull();

    await index.syncIfDue();
    const found = await index.lookupMany(asked);

    expect(found?.map((leads) => leads.map(({ lead }) => lead.id))).toEqual([
      [ANCHORS.amelie.id],
      [],
      [ANCHORS.jane.id],
      [ANCHORS.oliver.id],
      [ANCHORS.jane.id],
    ]);
    expect(await index.lookupMany([])).toEqual([]);
    // One answer per value asked, the same as one lookup each.
    for (const [i, value] of asked.entries()) expect(found?.[i]).toEqual(await index.lookup(value));
  });

  it('answers the popup search from the copy, as MEGA would', async () => {
    const mega = await serve();
    const { index } = await openIndex(mega);
    await index.syncIfDue();
    const local = await index.search({ text: 'garcia', sort_by: 'created_at', sort_dir: 'desc', limit: 10 });
    const remote = await clientOf(mega).listLeads({
      search: 'garcia',
      sort_by: 'created_at',
      sort_dir: 'desc',
      limit: 10,
    });
    expect(local?.total).toBe(27);
    expect(local?.leads.map(({ lead }) => lead.id)).toEqual(remote.leads.map((lead) => lead.id));
  });
});

/** An index belongs to one account: it closes before the next opens, and its copy can be deleted. */
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createMegaClient, type MegaClient } from '../api/client';
import { DEMO_CUSTOMER_ID, OTHER_CUSTOMER_ID, OTHER_CUSTOMER_TOKEN } from '@/server/credentials';
import { ANCHORS, OTHER_CUSTOMER_ANCHORS } from '@/server/seed';
import type { LeadIndex } from './lead-index';
import {
  cleanUpAfterEach,
  clientOf,
  contact,
  everyLead,
  listRequests,
  openIndex,
  OTHER,
  serve,
  type Harness,
} from './lead-index.testing';

cleanUpAfterEach();

describe('accounts', () => {
  it('never puts one account’s leads into another’s copy, even with a page in flight at the switch', async () => {
    const mega = await serve(1_000);
    const factory = new IDBFactory();
    const demo = clientOf(mega);
    let switched: Promise<LeadIndex> | undefined;
    const slowClient: Pick<MegaClient, 'listLeads'> = {
      async listLeads(query) {
        const page = await demo.listLeads(query);
        if (listRequests(mega).length === 2) {
          // The user switches account while the second page is on its way; it arrives after.
          switched ??= (async () => {
            await first.index.close();
            const other = await openIndex(mega, {
              factory,
              accountId: 'account-other-0001',
              client: createMegaClient({
                baseUrl: mega.url,
                token: OTHER_CUSTOMER_TOKEN,
                customerId: OTHER_CUSTOMER_ID,
              }),
            });
            await other.index.syncNow();
            return other.index;
          })();
          await switched;
        }
        return page;
      },
    };
    const first: Harness = await openIndex(mega, { factory, client: slowClient });
    await first.index.syncIfDue();
    const other = await switched!;

    expect(other.status()).toMatchObject({ count: OTHER, usable: true });
    const otherLeads = await everyLead(other);
    expect(otherLeads.every(({ lead }) => lead.customer_id === OTHER_CUSTOMER_ID)).toBe(true);
    expect(await other.lookup(contact('jane.cooper@acme.com'))).toEqual([]);
    // The same number is someone else in the other account.
    const janesNumber = contact(ANCHORS.jane.contact_phone);
    expect((await other.lookup(janesNumber))?.map(({ lead }) => lead.id)).toEqual([OTHER_CUSTOMER_ANCHORS.jordan.id]);

    const demoAgain = await openIndex(mega, { factory });
    expect(demoAgain.index.status()).toMatchObject({ phase: 'full', done: 100, count: 100 });
    expect(first.index.status()).toMatchObject({ state: 'off', offReason: 'closed' });
    expect(await first.index.lookup(contact('jane.cooper@acme.com'))).toBeNull();
    // The demo copy resumes on its own and still never holds the other customer's leads.
    await demoAgain.index.syncIfDue();
    const demoCopy = await everyLead(demoAgain.index);
    expect(demoCopy).toHaveLength(1_000);
    expect(demoCopy.every(({ lead }) => lead.customer_id === DEMO_CUSTOMER_ID)).toBe(true);
    expect((await demoAgain.index.lookup(janesNumber))?.map(({ lead }) => lead.id)).toEqual([ANCHORS.jane.id]);
  });

  it('deletes the copy from the device', async () => {
    const mega = await serve();
    const factory = new IDBFactory();
    const { index } = await openIndex(mega, { factory });
    await index.syncIfDue();
    const names = async () => (await factory.databases()).map((db) => db.name);
    expect(await names()).toHaveLength(1);

    await index.deleteCopy();

    expect(await names()).toEqual([]);
    expect(index.status()).toMatchObject({ state: 'off', offReason: 'deleted', usable: false });
    expect(await index.search({ text: 'garcia' })).toBeNull();
    const fresh = await openIndex(mega, { factory });
    expect(fresh.index.status()).toMatchObject({ state: 'empty', count: 0 });
  });

  it('refuses an account id that could be a token or a path', async () => {
    const mega = await serve();
    await expect(openIndex(mega, { accountId: 'mega_/../x' })).rejects.toThrow(TypeError);
  });
});

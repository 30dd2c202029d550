/**
 * Two MEGA accounts in one background, against the local server: whatever one account fetched,
 * issued or created is never shown under the other, also after a restart of the background.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMegaServer, type MegaServer } from '@/server/mega-server';
import { DEMO_CUSTOMER_ID, DEMO_TOKEN, OTHER_CUSTOMER_ID, OTHER_CUSTOMER_TOKEN } from '@/server/credentials';
import { createConnection, type Connection } from './connection';
import { createLeads } from './leads';
import { LookupCache, type CacheEntry } from './lookup-cache';
import { createLookups } from './lookups';
import { createStageBook } from './stages';
import { DEFAULT_SETTINGS, partitionOf, type Account, type LookupAnswer, type LookupRecord } from '@/utils/storage';

let server: MegaServer;
beforeAll(async () => {
  server = await createMegaServer({ quiet: true });
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const sender = { tabId: 1, frameId: 0, sites: ['crm.example.com'] };
const JANE = 'jane.cooper@acme.com'; // a lead of the demo customer
const HARPER = 'harper.lindqvist@example.se'; // a lead of the other customer

function memoryStore<T>() {
  let saved: Record<string, T> | null = null;
  return {
    load: async () => saved,
    save: async (value: Record<string, T>) => {
      saved = structuredClone(value);
    },
  };
}

function twoAccounts() {
  const acme: Account = {
    id: 'acme',
    name: 'Acme',
    customerId: DEMO_CUSTOMER_ID,
    baseUrl: server.url,
    tokenMemory: 'local',
    revision: 1,
  };
  const nordic: Account = {
    id: 'nordic',
    name: 'Nordic',
    customerId: OTHER_CUSTOMER_ID,
    baseUrl: server.url,
    tokenMemory: 'local',
    revision: 1,
  };
  const tokens: Record<string, string> = { acme: DEMO_TOKEN, nordic: OTHER_CUSTOMER_TOKEN };
  const state = { accounts: [acme, nordic], active: acme };
  const cacheStore = memoryStore<CacheEntry<LookupAnswer>>();
  const recordStore = memoryStore<CacheEntry<LookupRecord>>();
  const load = async (): Promise<Connection> => ({
    settings: { ...DEFAULT_SETTINGS, accounts: state.accounts, activeAccountId: state.active.id },
    account: state.active,
    token: tokens[state.active.id] ?? null,
  });
  const start = () => {
    const connection = createConnection({ loadConnection: load, readToken: async (id) => tokens[id] ?? null });
    const stages = createStageBook();
    const lookups = createLookups({
      connection,
      stages,
      cache: new LookupCache<LookupAnswer>({ ttlMs: 300_000, store: cacheStore }),
      records: new LookupCache<LookupRecord>({ ttlMs: 1_800_000, store: recordStore }),
    });
    const leads = createLeads({ connection, lookups, stages });
    return {
      lookups,
      leads,
      settingsChanged: () => lookups.connectionChanged(new Set(state.accounts.map(partitionOf))),
    };
  };
  return { acme, nordic, state, start };
}

const requests = () => server.requests.filter((r) => r.path === '/api/agents/crm/leads');

async function lookUp(lookups: ReturnType<typeof createLookups>, text: string) {
  const reply = await lookups.prepare(text, 'selection', sender);
  if (reply.action !== 'show') throw new Error(`expected a lookup for ${text}`);
  return { lookupId: reply.lookupId, view: await lookups.view(reply.lookupId) };
}

describe('several accounts', () => {
  it("shows each account its own leads for the same selection, with each account's token", async () => {
    const { state, nordic, start } = twoAccounts();
    const { lookups, settingsChanged } = start();
    expect((await lookUp(lookups, JANE)).view).toMatchObject({
      state: 'found',
      leads: [{ contact_name: 'Jane Cooper' }],
    });
    state.active = nordic;
    await settingsChanged();
    expect((await lookUp(lookups, JANE)).view).toMatchObject({ state: 'none' });
    expect((await lookUp(lookups, HARPER)).view).toMatchObject({
      state: 'found',
      leads: [{ contact_name: 'Harper Lindqvist' }],
    });
    expect(requests().map((r) => r.tokenLast4)).toEqual([
      DEMO_TOKEN.slice(-4),
      OTHER_CUSTOMER_TOKEN.slice(-4),
      OTHER_CUSTOMER_TOKEN.slice(-4),
    ]);
  });

  it("never serves one account's cached answer to another, also after the background restarts", async () => {
    const { state, acme, nordic, start } = twoAccounts();
    const first = start();
    await lookUp(first.lookups, JANE);
    await first.lookups.persist();
    // The switch happens while the background is stopped: no change event reaches it.
    state.active = nordic;
    const restarted = start();
    expect((await lookUp(restarted.lookups, JANE)).view).toMatchObject({ state: 'none' });
    expect(requests()).toHaveLength(2);
    // Back to the first account: its own answer is still cached.
    state.active = acme;
    expect((await lookUp(restarted.lookups, JANE)).view).toMatchObject({ state: 'found' });
    expect(requests()).toHaveLength(2);
  });

  it("asks again once the active account's credentials changed, even with the background stopped meanwhile", async () => {
    const { acme, start } = twoAccounts();
    const first = start();
    await lookUp(first.lookups, JANE);
    await first.lookups.persist();
    acme.revision += 1;
    const restarted = start();
    await lookUp(restarted.lookups, JANE);
    expect(requests()).toHaveLength(2);
  });

  it("a card opened under one account shows the other account's answer after a switch, never the first one's", async () => {
    const { state, nordic, start } = twoAccounts();
    const { lookups, settingsChanged } = start();
    const { lookupId, view } = await lookUp(lookups, JANE);
    expect(view).toMatchObject({ state: 'found' });
    state.active = nordic;
    await settingsChanged();
    expect(await lookups.view(lookupId)).toMatchObject({ state: 'none' });
  });

  it('a lead added under one account is not learnt by the other', async () => {
    const { state, nordic, start } = twoAccounts();
    const { lookups, leads, settingsChanged } = start();
    const number = '+1 (646) 555-0177';
    const { lookupId } = await lookUp(lookups, number);
    expect(
      await leads.create({
        lookupId,
        idempotencyKey: 'action-0101',
        input: { contact_name: 'Ada', contact_phone: number },
      }),
    ).toMatchObject({ ok: true });
    state.active = nordic;
    await settingsChanged();
    expect((await lookUp(lookups, number)).view).toMatchObject({ state: 'none' });
  });

  it("offers only the stages seen in the active account's answers when adding a lead", async () => {
    const { state, nordic, start } = twoAccounts();
    const { lookups, leads, settingsChanged } = start();
    await leads.search({ channel: 'p', search: '', sort_by: 'updated_at', sort_dir: 'desc', limit: 50 });
    expect((await lookUp(lookups, '+1 (646) 555-0199')).view).toMatchObject({
      state: 'none',
      stages: expect.arrayContaining([expect.objectContaining({ slug: 'new' })]),
    });
    state.active = nordic;
    await settingsChanged();
    const view = (await lookUp(lookups, '+1 (646) 555-0198')).view;
    expect(view).toMatchObject({ state: 'none' });
    if (view.state === 'none') {
      const nordicLeads = server.leads.filter((lead) => lead.customer_id === OTHER_CUSTOMER_ID);
      const nordicStages = new Set(nordicLeads.map((lead) => lead.current_stage?.slug).filter(Boolean));
      expect(view.stages.every((stage) => nordicStages.has(stage.slug))).toBe(true);
    }
  });

  it('a removed account leaves nothing behind in the cache or the lookup records', async () => {
    const { state, nordic, start } = twoAccounts();
    const { lookups, settingsChanged } = start();
    const { lookupId } = await lookUp(lookups, JANE);
    state.accounts = [nordic];
    state.active = nordic;
    await settingsChanged();
    expect(await lookups.recordOf(lookupId)).toBeUndefined();
    expect(await lookups.view(lookupId)).toEqual({ state: 'expired' });
  });
});

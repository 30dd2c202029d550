/**
 * The on-device copy against the local MEGA server over real HTTP, with IndexedDB from
 * fake-indexeddb: what the copy holds after each kind of sync, which requests it sends, and what
 * happens when the worker restarts, the disk fills up, the account changes or MEGA says 429.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMegaClient, type MegaClient, type MegaClientConfig } from '../api/client';
import { RateBudget } from '@/utils/api/rate-budget';
import { parseContact, type Contact } from '@/utils/contact';
import { DEMO_CUSTOMER_ID, DEMO_TOKEN, OTHER_CUSTOMER_ID, OTHER_CUSTOMER_TOKEN } from '@/server/credentials';
import { LEADS_PATH, type MegaServer, type RecordedRequest } from '@/server/mega-server';
import { ANCHORS, OTHER_CUSTOMER_ANCHORS, seedLeads } from '@/server/seed';
import { changeLead, removeLead, startServer, TEST_NOW } from '@/server/test-support';
import { describeIndexStatus } from '@/utils/device-copy-status';
import {
  openLeadIndex,
  syncBudgetOf,
  unlimitedBudget,
  type IndexStatus,
  type LeadIndex,
  type LeadIndexOptions,
  type SyncBudget,
} from './lead-index';

const MINUTE = 60_000;
/** The demo customer's leads on a server started without a lead count. */
const DEMO = seedLeads(TEST_NOW).filter((lead) => lead.customer_id === DEMO_CUSTOMER_ID).length;
const OTHER = seedLeads(TEST_NOW).filter((lead) => lead.customer_id === OTHER_CUSTOMER_ID).length;
const DAY = 24 * 60 * MINUTE;

let server: MegaServer | undefined;
const opened: LeadIndex[] = [];

afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(opened.splice(0).map((index) => index.close()));
  await server?.close();
  server = undefined;
});

async function serve(leadCount?: number): Promise<MegaServer> {
  server = await startServer(leadCount === undefined ? {} : { leadCount });
  return server;
}

function clientOf(mega: MegaServer, extra: Partial<MegaClientConfig> = {}): MegaClient {
  return createMegaClient({ baseUrl: mega.url, token: DEMO_TOKEN, customerId: DEMO_CUSTOMER_ID, backoffMs: 1, ...extra });
}

function listRequests(mega: MegaServer): RecordedRequest[] {
  return mega.requests.filter((request) => request.method === 'GET' && request.path === LEADS_PATH);
}

function demoLeads(mega: MegaServer) {
  return mega.leads.filter((lead) => lead.customer_id === DEMO_CUSTOMER_ID);
}

/** MEGA's full-sync order: oldest change first, ties by id. */
function inSyncOrder(mega: MegaServer) {
  return [...demoLeads(mega)].sort((a, b) => Date.parse(a.updated_at) - Date.parse(b.updated_at) || (a.id < b.id ? -1 : 1));
}

function contact(text: string, region: 'US' | 'FR' = 'US'): Contact {
  const parsed = parseContact(text, region);
  if (!parsed) throw new Error(`not a contact: ${text}`);
  return parsed;
}

interface Harness {
  index: LeadIndex;
  events: IndexStatus[];
  /** Every wait the index asked for, in ms. */
  sleeps: number[];
  clock: { now: number };
}

/**
 * An index on `factory` (a fresh device by default) with a clock that only moves when the index
 * waits, so waits are recorded instead of taken.
 */
async function openIndex(
  mega: MegaServer,
  options: Partial<LeadIndexOptions> & { factory?: IDBFactory; clock?: { now: number } } = {},
): Promise<Harness> {
  const events: IndexStatus[] = [];
  const sleeps: number[] = [];
  const clock = options.clock ?? { now: Date.parse('2025-06-01T12:00:00.000Z') };
  const { factory, clock: _clock, onProgress, ...rest } = options;
  const index = await openLeadIndex({
    accountId: 'account-demo-0001',
    client: clientOf(mega),
    budget: unlimitedBudget(),
    defaultRegion: 'US',
    indexedDB: factory ?? new IDBFactory(),
    now: () => clock.now,
    sleep: async (ms, signal) => {
      sleeps.push(ms);
      clock.now += ms;
      // A real turn of the event loop, so that a paused sync does not starve the test.
      await new Promise((resolve) => setImmediate(resolve));
      signal.throwIfAborted();
    },
    onProgress: (status) => {
      events.push(status);
      onProgress?.(status);
    },
    ...rest,
  });
  opened.push(index);
  return { index, events, sleeps, clock };
}

/** Every lead in the copy, by paging through a search for everything. */
async function everyLead(index: LeadIndex) {
  const all = [];
  for (let offset = 0; ; offset += 100) {
    const page = await index.search({ limit: 100, offset });
    if (!page) throw new Error('the copy is not usable');
    all.push(...page.leads);
    if (page.leads.length < 100) return all;
  }
}

describe('full sync', () => {
  it('copies every lead of the account, with custom fields, oldest change first by cursor', async () => {
    const mega = await serve();
    const { index, events, clock } = await openIndex(mega);
    expect(index.status()).toMatchObject({ state: 'empty', usable: false, count: 0 });
    expect(await index.lookup(contact('jane.cooper@acme.com'))).toBeNull();

    const status = await index.syncIfDue();

    expect(status).toMatchObject({ state: 'idle', phase: null, usable: true, count: DEMO, failure: null, lastSyncedAt: clock.now });
    const [first, ...more] = listRequests(mega);
    expect(more).toHaveLength(Math.ceil(DEMO / 100) - 1);
    expect(first!.query).toEqual({ sort_by: 'updated_at', sort_dir: 'asc', limit: '100', include_custom_fields: 'true' });
    for (const next of more) expect(next.query).toEqual({ ...first!.query, cursor: expect.any(String) });
    const copy = await everyLead(index);
    expect(copy.map(({ lead }) => lead.id).sort()).toEqual(demoLeads(mega).map((lead) => lead.id).sort());
    const jane = copy.find(({ lead }) => lead.id === ANCHORS.jane.id)!;
    expect(jane.lead.custom_fields).toEqual({ lead_line: 'buyer', budget: 450000, preferred_contact: 'email' });
    expect(jane.syncedAt).toBe(clock.now);
    expect(events.map((event) => describeIndexStatus(event, clock.now))).toContain(`Syncing… 100 of ${DEMO}`);
    expect(describeIndexStatus(status, clock.now)).toBe(`${DEMO} leads on this device · updated now`);
    expect(describeIndexStatus(status, clock.now + 2 * MINUTE)).toBe(`${DEMO} leads on this device · updated 2 minutes ago`);
  });

  it.each([
    [2_000, 20],
    [1_234, 13],
    [1_300, 13],
  ])('takes ceil(N/100) list requests for %i leads', async (count, requests) => {
    const mega = await serve(count);
    const { index } = await openIndex(mega);
    expect(await index.syncIfDue()).toMatchObject({ count, usable: true });
    expect(listRequests(mega)).toHaveLength(requests);
  });

  it('is not due again until the next incremental run', async () => {
    const mega = await serve();
    const { index, clock } = await openIndex(mega);
    await index.syncIfDue();
    const syncedAt = clock.now;
    mega.requests.length = 0;
    clock.now += 4 * MINUTE;
    expect(index.nextSyncAt()).toBe(syncedAt + 5 * MINUTE);
    await index.syncIfDue();
    expect(listRequests(mega)).toEqual([]);
  });
});

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
    const remote = await clientOf(mega).listLeads({ search: 'garcia', sort_by: 'created_at', sort_dir: 'desc', limit: 10 });
    expect(local?.total).toBe(27);
    expect(local?.leads.map(({ lead }) => lead.id)).toEqual(remote.leads.map((lead) => lead.id));
  });
});

describe('incremental sync', () => {
  it('asks only for what changed since the newest change seen, less two minutes, and applies it', async () => {
    const mega = await serve();
    const { index, clock } = await openIndex(mega);
    await index.syncIfDue();
    const newest = Math.max(...demoLeads(mega).map((lead) => Date.parse(lead.updated_at)));
    changeLead(mega, ANCHORS.jane.id, { contact_name: 'Jane Cooper-Hale' });
    const nora = await clientOf(mega).createLead(
      { contact_name: 'Nora Field', contact_email: 'nora.field@example.com' },
      { idempotencyKey: 'incremental-test-nora' },
    );
    mega.requests.length = 0;
    clock.now += 5 * MINUTE;

    const status = await index.syncIfDue();

    const [request, ...more] = listRequests(mega);
    expect(more).toEqual([]);
    expect(request!.query).toEqual({
      sort_by: 'updated_at',
      sort_dir: 'asc',
      limit: '100',
      include_custom_fields: 'true',
      updated_since: new Date(newest - 2 * MINUTE).toISOString(),
    });
    expect(status).toMatchObject({ count: DEMO + 1, usable: true, lastSyncedAt: clock.now, phase: null });
    expect((await index.lookup(contact('jane.cooper@acme.com')))?.[0]?.lead.contact_name).toBe('Jane Cooper-Hale');
    expect((await index.lookup(contact('nora.field@example.com')))?.map(({ lead }) => lead.id)).toEqual([nora.id]);
    expect((await index.search({ text: 'cooper-hale' }))?.total).toBe(1);
  });

  it('keeps a lead deleted in MEGA until the daily full sync, which removes it', async () => {
    const mega = await serve();
    const { index, clock } = await openIndex(mega);
    await index.syncIfDue();
    const firstFull = index.status().lastFullSyncAt;
    removeLead(mega, ANCHORS.lukas.id);

    clock.now += 5 * MINUTE;
    expect(await index.syncIfDue()).toMatchObject({ count: DEMO });

    mega.requests.length = 0;
    clock.now += DAY;
    const status = await index.syncIfDue();

    expect(listRequests(mega).every((request) => request.query.updated_since === undefined)).toBe(true);
    expect(listRequests(mega)).toHaveLength(Math.ceil(DEMO / 100));
    expect(status).toMatchObject({ count: DEMO - 1, usable: true, lastFullSyncAt: clock.now });
    expect(status.lastFullSyncAt).toBeGreaterThan(firstFull!);
    expect(await index.lookup(contact('lukas.schmidt@beispiel.de'))).toEqual([]);
    expect((await index.search({ text: 'schmidt' }))?.total).toBe(0);
    expect((await everyLead(index)).length).toBe(DEMO - 1);
  });

  it('ends with the latest version of a lead changed twice during a sync', async () => {
    const mega = await serve(500);
    const order = inSyncOrder(mega);
    const early = order[10]!.id; // on the first page, already copied when it changes
    const late = order[350]!.id; // on the fourth page, not reached yet
    const { index } = await openIndex(mega, {
      onProgress: (status) => {
        if (status.state !== 'syncing') return;
        if (status.done === 100) {
          changeLead(mega, early, { contact_name: 'Early, first edit' });
          changeLead(mega, late, { contact_name: 'Late, first edit' });
        }
        if (status.done === 200) {
          changeLead(mega, early, { contact_name: 'Early, second edit', status: 'won' });
          changeLead(mega, late, { contact_name: 'Late, second edit' });
        }
      },
    });

    const status = await index.syncIfDue();

    expect(status.count).toBe(500);
    const copy = await everyLead(index);
    expect(copy).toHaveLength(500);
    expect(copy.find(({ lead }) => lead.id === early)?.lead).toMatchObject({ contact_name: 'Early, second edit', status: 'won' });
    expect(copy.find(({ lead }) => lead.id === late)?.lead.contact_name).toBe('Late, second edit');
    expect((await index.search({ text: 'first edit' }))?.total).toBe(0);
    expect((await index.search({ text: 'second edit' }))?.total).toBe(2);
  });
});

describe('restarts', () => {
  it('continues from the saved cursor in a new worker, without asking for a page twice', async () => {
    const mega = await serve(1_000);
    const factory = new IDBFactory();
    let closing: Promise<void> | undefined;
    const first: Harness = await openIndex(mega, {
      factory,
      onProgress: (status) => {
        // The worker is stopped right after its third page.
        if (status.done === 300 && !closing) closing = first.index.close();
      },
    });
    await first.index.syncIfDue();
    await closing;
    const before = listRequests(mega);
    expect(before).toHaveLength(3);

    const second = await openIndex(mega, { factory });
    expect(second.index.status()).toMatchObject({ state: 'idle', phase: 'full', done: 300, total: 1_000, usable: false, count: 300 });
    expect(describeIndexStatus(second.index.status())).toBe('Syncing… 300 of 1,000');
    expect(second.index.nextSyncAt()).toBe(second.clock.now);
    const status = await second.index.syncIfDue();

    const after = listRequests(mega).slice(3);
    expect(after).toHaveLength(7);
    expect(after.every((request) => request.query.cursor !== undefined)).toBe(true);
    const cursors = listRequests(mega).map((request) => request.query.cursor);
    expect(new Set(cursors).size).toBe(10);
    expect(status).toMatchObject({ count: 1_000, usable: true, phase: null });
    expect((await everyLead(second.index)).map(({ lead }) => lead.id).sort()).toEqual(
      demoLeads(mega).map((lead) => lead.id).sort(),
    );
  });

  it('answers searches in a new worker from the saved copy, without listing again', async () => {
    const mega = await serve(1_000);
    const factory = new IDBFactory();
    const first = await openIndex(mega, { factory });
    await first.index.syncIfDue();
    const query = { text: 'gmail', status: 'active', sort_by: 'last_interaction_at', sort_dir: 'desc', limit: 50 } as const;
    const expected = await first.index.search(query);
    await first.index.close();
    mega.requests.length = 0;

    const getAll = vi.spyOn(IDBObjectStore.prototype, 'getAll');
    const second = await openIndex(mega, { factory });
    expect(await second.index.search(query)).toEqual(expected);
    expect(expected?.total).toBeGreaterThan(50);
    expect(listRequests(mega)).toEqual([]);
    // The saved search rows, not every lead, were read.
    expect(getAll.mock.contexts.filter((store) => (store as IDBObjectStore).name === 'leads')).toEqual([]);
  });

  it('stops on a failure MEGA keeps giving, and resumes from the same page next time', async () => {
    const mega = await serve(300);
    const { index, sleeps } = await openIndex(mega, {
      onProgress: (status) => {
        if (status.state === 'syncing' && status.done === 100 && mega.requests.length === 1) {
          mega.injectFault({ type: 'status', status: 503 }, 100);
        }
      },
    });
    const failed = await index.syncIfDue();
    expect(failed).toMatchObject({ state: 'idle', phase: 'full', done: 100, usable: false, failure: { kind: 'server' } });
    expect(describeIndexStatus(failed)).toBe('Syncing stopped: MEGA had a problem on its side. Try again in a moment.');
    // Three waits, each twice the one before, after the client's own retries.
    expect(sleeps).toEqual([5_000, 10_000, 20_000]);
    const failedCursor = listRequests(mega)[1]!.query.cursor;

    mega.reset();
    const status = await index.syncIfDue();
    expect(listRequests(mega)[0]!.query.cursor).toBe(failedCursor);
    expect(status).toMatchObject({ count: 300, usable: true, failure: null });
  });

  it('waits for the user after MEGA refuses the token, until asked to sync', async () => {
    const mega = await serve();
    const { index } = await openIndex(mega, { client: createMegaClient({ baseUrl: mega.url, token: `mega_${'0'.repeat(64)}`, customerId: DEMO_CUSTOMER_ID }) });
    expect(await index.syncIfDue()).toMatchObject({ failure: { kind: 'unauthenticated' } });
    expect(index.nextSyncAt()).toBeNull();
    mega.requests.length = 0;
    await index.syncIfDue();
    expect(listRequests(mega)).toEqual([]);
    await index.syncNow();
    expect(listRequests(mega)).toHaveLength(1);
  });
});

describe('sharing the rate limit', () => {
  it('waits out a 429 as long as MEGA asks, then asks for the same page again', async () => {
    const mega = await serve(300);
    const limited: Array<number | undefined> = [];
    const budget: SyncBudget = { ...unlimitedBudget(), noteRateLimited: (seconds) => void limited.push(seconds) };
    const { index, sleeps, events } = await openIndex(mega, {
      budget,
      // The client waits out short 429s itself; this one is longer than it will wait.
      client: clientOf(mega, { maxRetryAfterSeconds: 5 }),
      onProgress: (status) => {
        if (status.state === 'syncing' && status.done === 100 && mega.requests.length === 1) {
          mega.injectFault({ type: 'status', status: 429, retryAfter: 7 });
        }
      },
    });

    const status = await index.syncIfDue();

    expect(status).toMatchObject({ count: 300, usable: true, failure: null });
    expect(sleeps).toEqual([7_000]);
    expect(limited).toEqual([7]);
    expect(events.some((event) => event.waiting?.reason === 'rate_limited')).toBe(true);
    const requests = listRequests(mega);
    expect(requests.map((request) => request.status)).toEqual([200, 429, 200, 200]);
    expect(requests[2]!.query.cursor).toBe(requests[1]!.query.cursor);
  });

  it('sends nothing while the budget says no, and waits as long as it says', async () => {
    const mega = await serve();
    const answers = [{ waitMs: 30_000 }, false, true, { waitMs: 1_000 }, { ok: true as const }];
    let sentWhenLastRefused = -1;
    const budget: SyncBudget = {
      mayFetch: () => {
        const answer = answers.shift() ?? true;
        if (answer !== true && !(typeof answer === 'object' && 'ok' in answer)) sentWhenLastRefused = listRequests(mega).length;
        return Promise.resolve(answer);
      },
      note: () => undefined,
    };
    const { index, sleeps, events } = await openIndex(mega, { budget });
    await index.syncIfDue();
    expect(sleeps).toEqual([30_000, 5_000, 1_000]);
    expect(sentWhenLastRefused).toBe(1);
    expect(listRequests(mega)).toHaveLength(Math.ceil(DEMO / 100));
    expect(events.some((event) => event.waiting?.reason === 'budget')).toBe(true);
    const waitingAfterFirstPage = events.find((event) => event.waiting?.reason === 'budget' && event.done === 100)!;
    expect(describeIndexStatus(waitingAfterFirstPage)).toBe(`Syncing… 100 of ${DEMO}, paused to leave MEGA's request limit to your lookups`);
  });

  it('takes only the background share of the rate limit, with the real governor', async () => {
    const mega = (server = await startServer({ leadCount: 1_000, rateLimit: { perMinute: 12, perHour: 1_000 } }));
    const clock = { now: Date.parse('2025-06-01T12:00:00.000Z') };
    const governor = new RateBudget({ now: () => clock.now, random: () => 0.5 });
    let leftWhenWaiting: number | undefined;
    const harness: Harness = await openIndex(mega, {
      clock,
      budget: syncBudgetOf(governor),
      client: clientOf(mega, { onRateLimit: (info) => governor.observe(info) }),
      onProgress: (status) => {
        if (status.waiting?.reason === 'budget' && leftWhenWaiting === undefined) {
          leftWhenWaiting = 12 - listRequests(mega).length;
          void harness.index.close();
        }
      },
    });
    await harness.index.syncIfDue();
    // 12 a minute: 3 kept for the user's clicks, and at least half of the other 9 for lookups.
    expect(leftWhenWaiting).toBe(8);
  });

  it('holds off while the user is looking things up, and when paused', async () => {
    const mega = await serve();
    let busyChecks = 0;
    let sentWhileBusy: number | undefined;
    const { index, events } = await openIndex(mega, {
      isUserBusy: () => {
        busyChecks++;
        if (busyChecks < 4) return true;
        sentWhileBusy ??= listRequests(mega).length;
        return false;
      },
    });
    await index.syncIfDue();
    expect(sentWhileBusy).toBe(0);
    expect(events.some((event) => event.waiting?.reason === 'busy')).toBe(true);
    expect(index.status()).toMatchObject({ usable: true, count: DEMO });

    const paused = await openIndex(mega, { accountId: 'account-demo-0002' });
    mega.requests.length = 0;
    paused.index.pause();
    const running = paused.index.syncNow();
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(listRequests(mega)).toEqual([]);
    expect(paused.index.status()).toMatchObject({ state: 'syncing', waiting: { reason: 'busy' } });
    paused.index.resume();
    expect(await running).toMatchObject({ usable: true, count: DEMO });
  });
});

describe('running out of storage space', () => {
  /**
   * A disk that fills up: once `room` leads are stored, the next write fails the way a browser's
   * does, with a QuotaExceededError that aborts the transaction.
   */
  function fillUpAfter(room: number): void {
    let stored = 0;
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
      if (this.name === 'leads' && ++stored > room) {
        // fake-indexeddb's own request queue (not public API), so the failure arrives as a
        // failed request that aborts its transaction, exactly as in a browser.
        const tx = this.transaction as unknown as { _execRequestAsync(request: { operation: () => never; source: unknown }): IDBRequest };
        return tx._execRequestAsync({
          operation: () => {
            throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
          },
          source: this,
        });
      }
      return put.call(this, value, key);
    });
  }

  it('turns the copy off, empties it, and says so; lookups go to MEGA', async () => {
    const mega = await serve(500);
    const factory = new IDBFactory();
    fillUpAfter(250);
    const { index } = await openIndex(mega, { factory });

    const status = await index.syncIfDue();

    expect(status).toMatchObject({ state: 'off', offReason: 'quota', usable: false, count: 0 });
    expect(describeIndexStatus(status)).toBe(
      'There is not enough storage space on this device for a copy of your leads, so lookups ask MEGA directly.',
    );
    expect(listRequests(mega)).toHaveLength(3);
    expect(await index.lookup(contact('jane.cooper@acme.com'))).toBeNull();
    expect(await index.search({ text: 'garcia' })).toBeNull();
    expect(index.nextSyncAt()).toBeNull();
    await index.syncIfDue();
    expect(listRequests(mega)).toHaveLength(3);
    await index.close();

    // Still off in the next worker, with nothing left on the disk.
    vi.restoreAllMocks();
    const next = await openIndex(mega, { factory });
    expect(next.index.status()).toMatchObject({ state: 'off', offReason: 'quota', count: 0 });
    // Asked to try again, with room now, it syncs.
    expect(await next.index.syncNow()).toMatchObject({ state: 'idle', usable: true, count: 500, offReason: null });
  });
});

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
              client: createMegaClient({ baseUrl: mega.url, token: OTHER_CUSTOMER_TOKEN, customerId: OTHER_CUSTOMER_ID }),
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

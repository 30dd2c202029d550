/**
 * The sync against the local MEGA server: what the copy holds after each kind of sync, which
 * requests it sends, and what happens when the worker restarts, the disk fills up or MEGA says 429.
 */
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { createMegaClient } from '../api/client';
import { RateBudget } from '@/utils/api/rate-budget';
import { DEMO_CUSTOMER_ID } from '@/server/credentials';
import { ANCHORS } from '@/server/seed';
import { changeLead, removeLead } from '@/server/test-support';
import { describeIndexStatus } from '@/utils/device-copy-status';
import { syncBudgetOf, unlimitedBudget, type SyncBudget } from './lead-index';
import {
  cleanUpAfterEach,
  clientOf,
  contact,
  DAY,
  DEMO,
  demoLeads,
  everyLead,
  inSyncOrder,
  listRequests,
  MINUTE,
  openIndex,
  serve,
  serveWith,
  type Harness,
} from './lead-index.testing';

cleanUpAfterEach();

describe('full sync', () => {
  it('copies every lead of the account, with custom fields, oldest change first by cursor', async () => {
    const mega = await serve();
    const { index, events, clock } = await openIndex(mega);
    expect(index.status()).toMatchObject({ state: 'empty', usable: false, count: 0 });
    expect(await index.lookup(contact('jane.cooper@acme.com'))).toBeNull();

    const status = await index.syncIfDue();

    expect(status).toMatchObject({
      state: 'idle',
      phase: null,
      usable: true,
      count: DEMO,
      failure: null,
      lastSyncedAt: clock.now,
    });
    const [first, ...more] = listRequests(mega);
    expect(more).toHaveLength(Math.ceil(DEMO / 100) - 1);
    expect(first!.query).toEqual({
      sort_by: 'updated_at',
      sort_dir: 'asc',
      limit: '100',
      include_custom_fields: 'true',
    });
    for (const next of more) expect(next.query).toEqual({ ...first!.query, cursor: expect.any(String) });
    const copy = await everyLead(index);
    expect(copy.map(({ lead }) => lead.id).sort()).toEqual(
      demoLeads(mega)
        .map((lead) => lead.id)
        .sort(),
    );
    const jane = copy.find(({ lead }) => lead.id === ANCHORS.jane.id)!;
    expect(jane.lead.custom_fields).toEqual({ lead_line: 'buyer', budget: 450000, preferred_contact: 'email' });
    expect(jane.syncedAt).toBe(clock.now);
    expect(events.map((event) => describeIndexStatus(event, clock.now))).toContain(`Syncing… 100 of ${DEMO}`);
    expect(describeIndexStatus(status, clock.now)).toBe(`${DEMO} leads on this device · updated now`);
    expect(describeIndexStatus(status, clock.now + 2 * MINUTE)).toBe(
      `${DEMO} leads on this device · updated 2 minutes ago`,
    );
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
    expect(copy.find(({ lead }) => lead.id === early)?.lead).toMatchObject({
      contact_name: 'Early, second edit',
      status: 'won',
    });
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
    expect(second.index.status()).toMatchObject({
      state: 'idle',
      phase: 'full',
      done: 300,
      total: 1_000,
      usable: false,
      count: 300,
    });
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
      demoLeads(mega)
        .map((lead) => lead.id)
        .sort(),
    );
  });

  it('answers searches in a new worker from the saved copy, without listing again', async () => {
    const mega = await serve(1_000);
    const factory = new IDBFactory();
    const first = await openIndex(mega, { factory });
    await first.index.syncIfDue();
    const query = {
      text: 'gmail',
      status: 'active',
      sort_by: 'last_interaction_at',
      sort_dir: 'desc',
      limit: 50,
    } as const;
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
    expect(failed).toMatchObject({
      state: 'idle',
      phase: 'full',
      done: 100,
      usable: false,
      failure: { kind: 'server' },
    });
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
    const { index } = await openIndex(mega, {
      client: createMegaClient({ baseUrl: mega.url, token: `mega_${'0'.repeat(64)}`, customerId: DEMO_CUSTOMER_ID }),
    });
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
        if (answer !== true && !(typeof answer === 'object' && 'ok' in answer))
          sentWhenLastRefused = listRequests(mega).length;
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
    expect(describeIndexStatus(waitingAfterFirstPage)).toBe(
      `Syncing… 100 of ${DEMO}, paused to leave MEGA's request limit to your lookups`,
    );
  });

  it('takes only the background share of the rate limit, with the real governor', async () => {
    const mega = await serveWith({ leadCount: 1_000, rateLimit: { perMinute: 12, perHour: 1_000 } });
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
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
      this: IDBObjectStore,
      value: unknown,
      key?: IDBValidKey,
    ) {
      if (this.name === 'leads' && ++stored > room) {
        // fake-indexeddb's own request queue (not public API), so the failure arrives as a
        // failed request that aborts its transaction, exactly as in a browser.
        const tx = this.transaction as unknown as {
          _execRequestAsync(request: { operation: () => never; source: unknown }): IDBRequest;
        };
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

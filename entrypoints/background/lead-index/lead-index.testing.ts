/**
 * The on-device copy's tests run against the local MEGA server over real HTTP, with IndexedDB from
 * fake-indexeddb; this is their harness: a server, a client of it, and an index whose clock only
 * moves when it waits.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, vi } from 'vitest';
import { createMegaClient, type MegaClient, type MegaClientConfig } from '../api/client';
import { parseContact, type Contact } from '@/utils/contact';
import { DEMO_CUSTOMER_ID, DEMO_TOKEN, OTHER_CUSTOMER_ID } from '@/server/credentials';
import { LEADS_PATH, type MegaServer, type MegaServerOptions, type RecordedRequest } from '@/server/mega-server';
import { seedLeads } from '@/server/seed';
import { startServer, TEST_NOW } from '@/server/test-support';
import { openLeadIndex, unlimitedBudget, type IndexStatus, type LeadIndex, type LeadIndexOptions } from './lead-index';

export const MINUTE = 60_000;
/** The demo customer's leads on a server started without a lead count. */
export const DEMO = seedLeads(TEST_NOW).filter((lead) => lead.customer_id === DEMO_CUSTOMER_ID).length;
export const OTHER = seedLeads(TEST_NOW).filter((lead) => lead.customer_id === OTHER_CUSTOMER_ID).length;
export const DAY = 24 * 60 * MINUTE;

let server: MegaServer | undefined;
const opened: LeadIndex[] = [];

/** After each test of the file: the indexes it opened closed, its server stopped, its spies gone. */
export function cleanUpAfterEach(): void {
  afterEach(async () => {
    vi.restoreAllMocks();
    await Promise.all(opened.splice(0).map((index) => index.close()));
    await server?.close();
    server = undefined;
  });
}

/** The local MEGA server, stopped after the test: `leadCount` leads, or its seed data. */
export async function serve(leadCount?: number): Promise<MegaServer> {
  return serveWith(leadCount === undefined ? {} : { leadCount });
}

export async function serveWith(options: MegaServerOptions): Promise<MegaServer> {
  server = await startServer(options);
  return server;
}

export function clientOf(mega: MegaServer, extra: Partial<MegaClientConfig> = {}): MegaClient {
  return createMegaClient({
    baseUrl: mega.url,
    token: DEMO_TOKEN,
    customerId: DEMO_CUSTOMER_ID,
    backoffMs: 1,
    ...extra,
  });
}

export function listRequests(mega: MegaServer): RecordedRequest[] {
  return mega.requests.filter((request) => request.method === 'GET' && request.path === LEADS_PATH);
}

export function demoLeads(mega: MegaServer) {
  return mega.leads.filter((lead) => lead.customer_id === DEMO_CUSTOMER_ID);
}

/** MEGA's full-sync order: oldest change first, ties by id. */
export function inSyncOrder(mega: MegaServer) {
  return [...demoLeads(mega)].sort(
    (a, b) => Date.parse(a.updated_at) - Date.parse(b.updated_at) || (a.id < b.id ? -1 : 1),
  );
}

export function contact(text: string, region: 'US' | 'FR' = 'US'): Contact {
  const parsed = parseContact(text, region);
  if (!parsed) throw new Error(`not a contact: ${text}`);
  return parsed;
}

export interface Harness {
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
export async function openIndex(
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
export async function everyLead(index: LeadIndex) {
  const all = [];
  for (let offset = 0; ; offset += 100) {
    const page = await index.search({ limit: 100, offset });
    if (!page) throw new Error('the copy is not usable');
    all.push(...page.leads);
    if (page.leads.length < 100) return all;
  }
}

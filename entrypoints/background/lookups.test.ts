/**
 * The background's lookup logic against the local MEGA server over real HTTP: what the card
 * and popup are shown, and how many requests reach the API.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMegaServer, type MegaServer } from '@/server/mega-server';
import {
  DEMO_CUSTOMER_ID,
  DEMO_TOKEN,
  OTHER_CUSTOMER_ID,
  OTHER_CUSTOMER_TOKEN,
  READ_ONLY_TOKEN,
} from '@/server/credentials';
import { createMegaClient } from './api/client';
import { createConnection, type ConnectionDeps } from './connection';
import { createLeads } from './leads';
import { LookupCache, type CacheEntry } from './lookup-cache';
import { createLookups } from './lookups';
import { createStageBook } from './stages';
import {
  DEFAULT_SETTINGS,
  partitionOf,
  type Account,
  type LookupAnswer,
  type LookupRecord,
  type Settings,
} from '@/utils/storage';
import type { Connection } from './connection';
import { createTabBudget, type TabBudget } from './tab-budget';

let server: MegaServer;

beforeAll(async () => {
  server = await createMegaServer({ quiet: true });
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const sender = { tabId: 1, frameId: 0, sites: ['mail.example.com'] };

function memoryStore<T>() {
  let saved: Record<string, T> | null = null;
  return {
    load: async () => saved,
    save: async (value: Record<string, T>) => {
      saved = structuredClone(value);
    },
  };
}

/** `deps`: what the connection is built with besides the saved connection (clock, client). */
function setup(
  { baseUrl, ...overrides }: Partial<Settings> & { baseUrl?: string } = {},
  token: string | null = DEMO_TOKEN,
  deps: Omit<Partial<ConnectionDeps>, 'loadConnection' | 'readToken'> = {},
  tabBudget?: TabBudget,
) {
  const account: Account = {
    id: 'account-1',
    name: 'Demo',
    customerId: DEMO_CUSTOMER_ID,
    baseUrl: baseUrl ?? server.url,
    tokenMemory: 'local',
    revision: 1,
  };
  const settings: Settings = { ...DEFAULT_SETTINGS, accounts: [account], activeAccountId: account.id, ...overrides };
  const connection: Connection = { settings, account, token };
  const hidden = new Map<string, Set<string>>();
  const hiddenStore = {
    idsFor: async (accountId: string, value: string) => new Set(hidden.get(`${accountId}|${value}`) ?? []),
    hide: async (match: { accountId: string; value: string; leadId: string }) => {
      const key = `${match.accountId}|${match.value}`;
      hidden.set(key, new Set([...(hidden.get(key) ?? []), match.leadId]));
    },
    unhide: async (accountId: string, value: string, leadId: string) =>
      void hidden.get(`${accountId}|${value}`)?.delete(leadId),
  };
  const cacheStore = memoryStore<CacheEntry<LookupAnswer>>();
  const recordStore = memoryStore<CacheEntry<LookupRecord>>();
  // The background's three services, as `start.ts` wires them, one object for these tests.
  const make = () => {
    const link = createConnection({ loadConnection: async () => connection, readToken: async () => token, ...deps });
    const stages = createStageBook();
    const lookups = createLookups({
      connection: link,
      stages,
      hidden: hiddenStore,
      cache: new LookupCache<LookupAnswer>({ ttlMs: 300_000, store: cacheStore }),
      records: new LookupCache<LookupRecord>({ ttlMs: 30 * 60_000, maxEntries: 100, store: recordStore }),
      tabBudget,
    });
    const leads = createLeads({ connection: link, lookups, stages });
    return {
      ...lookups,
      ...leads,
      previewMerge: leads.previewMerge,
      testConnection: link.test,
      budgetStatus: async () => link.budgetStatus(await link.load()),
      /** The account's token, customer or base URL changed: a new revision. */
      connectionChanged: () => {
        account.revision += 1;
        return lookups.connectionChanged(new Set([partitionOf(account)]));
      },
    };
  };
  return { service: make(), restart: make, connection };
}

const apiRequests = () => server.requests.filter((r) => r.path === '/api/agents/crm/leads');

async function lookUp(service: ReturnType<typeof setup>['service'], text: string) {
  const reply = await service.prepare(text, 'selection', sender);
  if (reply.action === 'ignore') return reply;
  return service.view(reply.lookupId);
}

describe('looking up a selection', () => {
  it.each([
    '+1 (415) 555-0134',
    '415.555.0134',
    'tel:+14155550134',
    'JANE.Cooper@Acme.com',
    'mailto:jane.cooper@acme.com',
  ])('shows Jane Cooper for %s', async (text) => {
    const { service } = setup();
    const view = await lookUp(service, text);
    expect(view).toMatchObject({ state: 'found', leads: [{ contact_name: 'Jane Cooper' }] });
  });

  it('sends the normalised value to the API', async () => {
    const { service } = setup();
    await lookUp(service, 'Call (415) 555-0134 x204');
    await lookUp(service, 'JANE.Cooper@Acme.com');
    expect(apiRequests().map((r) => r.query.search)).toEqual(['+14155550134', 'jane.cooper@acme.com']);
  });

  it('reads a national UK number with the default region from settings', async () => {
    const { service } = setup({ defaultRegion: 'GB' });
    expect(await lookUp(service, '020 7946 0958')).toMatchObject({
      state: 'found',
      leads: [{ contact_name: 'Oliver Smith' }],
    });
  });

  it('says no lead was found for a number MEGA does not know', async () => {
    const { service } = setup();
    expect(await lookUp(service, '+1 (646) 555-0111')).toMatchObject({ state: 'none', contact: { kind: 'phone' } });
  });

  it('sends nothing for text that is neither a phone number nor an email', async () => {
    const { service } = setup();
    for (const text of ['hello world', '2024-01-15', '$1,234.56', '192.168.0.1', '94103']) {
      expect(await service.prepare(text, 'selection', sender)).toEqual({ action: 'ignore' });
    }
    expect(apiRequests()).toHaveLength(0);
  });

  it('costs one request for the same number selected twice, and for twenty quick selections', async () => {
    const { service } = setup();
    await lookUp(service, '+1 (415) 555-0134');
    await lookUp(service, '(415) 555-0134');
    await Promise.all(Array.from({ length: 20 }, () => lookUp(service, '415-555-0134')));
    expect(apiRequests()).toHaveLength(1);
  });

  it('folds concurrent selections of one value into one request while it runs', async () => {
    server.setLatency(150);
    const { service } = setup();
    const views = await Promise.all(Array.from({ length: 5 }, () => lookUp(service, 'jane.cooper@acme.com')));
    expect(views.every((v) => 'state' in v && v.state === 'found')).toBe(true);
    expect(apiRequests()).toHaveLength(1);
  });

  it('remembers answers across a service worker restart', async () => {
    const { service, restart } = setup();
    const reply = await service.prepare('+1 (415) 555-0134', 'selection', sender);
    if (reply.action !== 'show') throw new Error('expected a lookup');
    await service.view(reply.lookupId);
    await service.persist();
    const restarted = restart();
    expect(await restarted.view(reply.lookupId)).toMatchObject({ state: 'found' });
    expect(apiRequests()).toHaveLength(1);
  });

  it('shows custom fields holding a list and an object as MEGA sent them', async () => {
    server.setDrift(true);
    const { service } = setup();
    expect(await lookUp(service, '+1 (737) 555-0172')).toMatchObject({
      state: 'found',
      leads: [
        {
          contact_name: 'Valeria Montoya',
          custom_fields: { tags: ['vip', 'spanish'], address: { city: 'Austin', zip: '78701' } },
        },
      ],
    });
  });

  it("shows the other account's lead for the same number once the account is switched", async () => {
    const { service, connection } = setup();
    expect(await lookUp(service, '(415) 555-0134')).toMatchObject({
      state: 'found',
      leads: [{ contact_name: 'Jane Cooper' }],
    });
    const other = { ...connection.account!, id: 'account-2', name: 'Other', customerId: OTHER_CUSTOMER_ID };
    connection.settings = { ...connection.settings, accounts: [connection.account!, other], activeAccountId: other.id };
    connection.account = other;
    connection.token = OTHER_CUSTOMER_TOKEN;
    await service.connectionChanged();
    expect(await lookUp(service, '(415) 555-0134')).toMatchObject({
      state: 'found',
      leads: [{ contact_name: 'Jordan Reyes' }],
    });
  });

  it('asks again after the connection changed', async () => {
    const { service } = setup();
    await lookUp(service, 'jane.cooper@acme.com');
    await service.connectionChanged();
    await lookUp(service, 'jane.cooper@acme.com');
    expect(apiRequests()).toHaveLength(2);
  });
});

describe('settings that decide whether a selection is looked up', () => {
  it('ignores selections on sites where lookups are off, but not the context menu', async () => {
    const { service } = setup({ disabledSites: ['example.com', 'mail.example.com'] });
    expect(await service.prepare('jane.cooper@acme.com', 'selection', sender)).toEqual({ action: 'ignore' });
    const reply = await service.prepare('jane.cooper@acme.com', 'context-menu', sender);
    expect(reply).toMatchObject({ action: 'show' });
    if (reply.action === 'show') await service.view(reply.lookupId);
  });

  it('ignores the shortcut on sites where lookups are off too', async () => {
    const { service } = setup({ disabledSites: ['mail.example.com'] });
    expect(await service.prepare('jane.cooper@acme.com', 'shortcut', sender)).toEqual({ action: 'ignore' });
    expect(apiRequests()).toHaveLength(0);
  });

  it("ignores a selection in a frame when either the frame's site or its page's is off", async () => {
    const { service } = setup({ disabledSites: ['crm.example.com'] });
    const inFrame = (sites: string[] | null) =>
      service.prepare('jane.cooper@acme.com', 'selection', { ...sender, frameId: 2, sites });
    expect(await inFrame(['maps.example.net', 'crm.example.com']), "another site's frame in the page").toEqual({
      action: 'ignore',
    });
    expect(await inFrame(['crm.example.com', 'news.example.org']), "the site's frame in another page").toEqual({
      action: 'ignore',
    });
    expect(await inFrame(null), 'a frame whose page is not known').toEqual({ action: 'ignore' });
    expect(apiRequests()).toHaveLength(0);
    expect(await inFrame(['maps.example.net', 'news.example.org']), 'two other sites').toMatchObject({
      action: 'show',
    });
  });

  it('offers the button instead once a tab has looked up many values by selection in a minute', async () => {
    const { service } = setup({}, DEMO_TOKEN, {}, createTabBudget({ limit: 2 }));
    const first = await service.prepare('jane.cooper@acme.com', 'selection', sender);
    const second = await service.prepare('+49 30 12345678', 'selection', sender);
    const third = await service.prepare('+1 (415) 555-0134', 'selection', sender);
    expect([first.action, second.action, third.action]).toEqual(['show', 'show', 'offer']);
    // The same value again, the shortcut, and another tab are not held back.
    expect((await service.prepare('jane.cooper@acme.com', 'selection', sender)).action).toBe('show');
    expect((await service.prepare('+1 (415) 555-0134', 'shortcut', sender)).action).toBe('show');
    expect((await service.prepare('+1 (415) 555-0134', 'selection', { ...sender, tabId: 2 })).action).toBe('show');
    if (third.action === 'offer') expect(await service.start(third.lookupId)).toBe(true);
  });

  it('counts only values that cost a request: a cached answer is shown past the limit', async () => {
    const { service } = setup({}, DEMO_TOKEN, {}, createTabBudget({ limit: 1 }));
    await lookUp(service, 'jane.cooper@acme.com');
    const tab = { ...sender, tabId: 3 };
    expect((await service.prepare('+49 30 12345678', 'selection', tab)).action).toBe('show');
    // A value answered by the cache costs nothing, however many the tab has looked up.
    expect((await service.prepare('mailto:jane.cooper@acme.com', 'selection', tab)).action).toBe('show');
    expect((await service.prepare('+1 (415) 555-0134', 'selection', tab)).action).toBe('offer');
  });

  it('with the manual trigger, only the context menu and the shortcut look up', async () => {
    const { service } = setup({ trigger: 'manual' });
    expect(await service.prepare('jane.cooper@acme.com', 'selection', sender)).toEqual({ action: 'ignore' });
    const reply = await service.prepare('jane.cooper@acme.com', 'shortcut', sender);
    expect(reply).toMatchObject({ action: 'show' });
    if (reply.action === 'show') await service.view(reply.lookupId);
  });

  it('with the button trigger, nothing is requested until the button is clicked', async () => {
    const { service } = setup({ trigger: 'button' });
    const reply = await service.prepare('jane.cooper@acme.com', 'selection', sender);
    expect(reply.action).toBe('offer');
    expect(apiRequests()).toHaveLength(0);
    if (reply.action !== 'offer') return;
    await service.start(reply.lookupId);
    expect(await service.view(reply.lookupId)).toMatchObject({ state: 'found' });
    expect(apiRequests()).toHaveLength(1);
  });

  it('asks to connect, without a request, when no token is saved', async () => {
    const { service } = setup({}, null);
    expect(await lookUp(service, 'jane.cooper@acme.com')).toEqual({ state: 'unconfigured' });
    expect(apiRequests()).toHaveLength(0);
  });

  it('answers an unknown lookup id as expired', async () => {
    const { service } = setup();
    expect(await service.view('5b0f7d1e-7a8e-4d38-9f0e-2f1c3a4b5c6d')).toEqual({ state: 'expired' });
  });
});

describe('failures the card explains', () => {
  it('a rejected token says to check the token, and never shows it', async () => {
    const { service } = setup({}, `mega_${'0'.repeat(64)}`);
    const view = await lookUp(service, 'jane.cooper@acme.com');
    expect(view).toMatchObject({ state: 'error', failure: { kind: 'unauthenticated' } });
    expect(JSON.stringify(view)).not.toContain('0'.repeat(64));
    expect(JSON.stringify(view)).toMatch(/token/i);
  });

  it('a token of another customer is forbidden', async () => {
    const { service } = setup({}, OTHER_CUSTOMER_TOKEN);
    expect(await lookUp(service, 'jane.cooper@acme.com')).toMatchObject({
      state: 'error',
      failure: { kind: 'forbidden' },
    });
  });

  it('a 429 followed by success shows the lead', async () => {
    server.injectFault({ type: 'status', status: 429, retryAfter: 1 });
    const { service } = setup();
    expect(await lookUp(service, 'jane.cooper@acme.com')).toMatchObject({ state: 'found' });
    expect(apiRequests().map((r) => r.status)).toEqual([429, 200]);
  });

  it('a non-JSON answer is an error, and the next lookup works', async () => {
    server.injectFault({ type: 'non-json' });
    const { service } = setup();
    expect(await lookUp(service, 'jane.cooper@acme.com')).toMatchObject({
      state: 'error',
      failure: { kind: 'contract' },
    });
    expect(await lookUp(service, 'jane.cooper@acme.com')).toMatchObject({ state: 'found' });
  });

  it('backs off selection lookups when the rate limit is nearly used up', async () => {
    const limited = await createMegaServer({ quiet: true, rateLimit: { perMinute: 4, perHour: 1000 } });
    try {
      const { service } = setup({ baseUrl: limited.url });
      const view = await lookUp(service, 'jane.cooper@acme.com');
      expect(view).toMatchObject({ state: 'found' });
      const next = await lookUp(service, '+1 (415) 555-0111');
      expect(next).toMatchObject({ state: 'error', failure: { kind: 'rate_limited' } });
      expect(limited.requests).toHaveLength(1);
    } finally {
      await limited.close();
    }
  });
});

describe("sharing the token's rate budget", () => {
  /** A server whose window holds 4 requests: the reserve is 3, so one selection lookup fits. */
  async function withTinyBudget(
    run: (limited: MegaServer, service: ReturnType<typeof setup>['service']) => Promise<void>,
  ) {
    const limited = await createMegaServer({ quiet: true, rateLimit: { perMinute: 4, perHour: 1000 } });
    try {
      await run(limited, setup({ baseUrl: limited.url }).service);
    } finally {
      await limited.close();
    }
  }

  it('a retry spends the reserve for that lookup only, not for the next selection', async () => {
    await withTinyBudget(async (limited, service) => {
      expect(await lookUp(service, 'jane.cooper@acme.com')).toMatchObject({ state: 'found' });
      const held = await service.prepare('+1 (646) 555-0111', 'selection', sender);
      if (held.action !== 'show') throw new Error('expected a lookup');
      expect(await service.view(held.lookupId)).toMatchObject({ state: 'error', failure: { kind: 'rate_limited' } });
      expect(await service.view(held.lookupId, true)).toMatchObject({ state: 'none' });
      expect(await lookUp(service, 'lukas.schmidt@beispiel.de')).toMatchObject({
        state: 'error',
        failure: { kind: 'rate_limited' },
      });
      expect(limited.requests).toHaveLength(2);
    });
  });

  it.each(['context-menu', 'shortcut'] as const)('a lookup from the %s may use the reserve', async (source) => {
    await withTinyBudget(async (limited, service) => {
      await lookUp(service, 'jane.cooper@acme.com');
      const reply = await service.prepare('lukas.schmidt@beispiel.de', source, sender);
      if (reply.action !== 'show') throw new Error('expected a lookup');
      expect(await service.view(reply.lookupId)).toMatchObject({
        state: 'found',
        leads: [{ contact_name: 'Lukas Schmidt' }],
      });
      expect(limited.requests).toHaveLength(2);
    });
  });

  it('a popup search may use the reserve the selection lookups leave', async () => {
    await withTinyBudget(async (limited, service) => {
      await lookUp(service, 'jane.cooper@acme.com');
      const reply = await service.search({ channel: 'p', search: 'garcia', sort_by: 'updated_at', sort_dir: 'desc' });
      expect(reply).toMatchObject({ ok: true, page: { total: 27 } });
      expect(limited.requests).toHaveLength(2);
    });
  });

  it('after a 429 that names no wait, selection lookups hold off for at least 5 s; the user does not', async () => {
    let now = 1_000_000;
    const waits: number[] = [];
    const { service } = setup({}, DEMO_TOKEN, {
      now: () => now,
      random: () => 0,
      // The real client, with the pause between its own retries recorded instead of waited.
      createClient: (config) =>
        createMegaClient({
          ...config,
          sleep: async (ms) => {
            waits.push(ms);
          },
        }),
    });
    server.injectFault({ type: '429-no-retry-after' }, 3);
    expect(await lookUp(service, 'jane.cooper@acme.com')).toMatchObject({
      state: 'error',
      failure: { kind: 'rate_limited' },
    });
    expect(apiRequests()).toHaveLength(3);
    expect(waits.every((ms) => ms >= 5_000)).toBe(true);

    now += 4_000;
    expect(await lookUp(service, 'lukas.schmidt@beispiel.de')).toMatchObject({
      state: 'error',
      failure: { kind: 'rate_limited', retryAfterSeconds: 1 },
    });
    expect(apiRequests()).toHaveLength(3);
    const explicit = await service.prepare('lukas.schmidt@beispiel.de', 'context-menu', sender);
    if (explicit.action !== 'show') throw new Error('expected a lookup');
    expect(await service.view(explicit.lookupId)).toMatchObject({ state: 'found' });
    expect(apiRequests()).toHaveLength(4);

    now += 1_000;
    expect(await lookUp(service, '+1 (415) 555-0134')).toMatchObject({ state: 'found' });
    expect(apiRequests()).toHaveLength(5);
  });

  it('says where the budget stands after an answer', async () => {
    const { service } = setup();
    expect(await service.budgetStatus()).toBeNull();
    await lookUp(service, 'jane.cooper@acme.com');
    expect(await service.budgetStatus()).toMatchObject({ remaining: 59, limit: 60, low: false });
  });
});

describe('popup search', () => {
  it('walks every page of a search with the cursor', async () => {
    const { service } = setup();
    const names = new Set<string>();
    let cursor: string | undefined;
    do {
      const reply = await service.search({
        channel: 'p',
        search: 'garcia',
        sort_by: 'updated_at',
        sort_dir: 'desc',
        cursor,
      });
      if (!reply.ok) throw new Error('search failed');
      reply.page.leads.forEach((lead) => names.add(lead.id));
      cursor = reply.page.next_cursor ?? undefined;
    } while (cursor);
    expect(names.size).toBe(27);
    expect(apiRequests()).toHaveLength(2);
  });

  it('a newer search from the same popup cancels the older one', async () => {
    server.setLatency(200);
    const { service } = setup();
    const older = service.search({ channel: 'p', search: 'gar', sort_by: 'updated_at', sort_dir: 'desc' });
    const newer = service.search({ channel: 'p', search: 'garcia', sort_by: 'updated_at', sort_dir: 'desc' });
    expect(await older).toEqual({ ok: false, cancelled: true });
    expect(await newer).toMatchObject({ ok: true, page: { total: 27 } });
  });
});

describe('Test connection', () => {
  it('reports the lead count with one request of limit 1', async () => {
    const { service } = setup();
    const reply = await service.testConnection({
      baseUrl: server.url,
      customerId: DEMO_CUSTOMER_ID,
      token: DEMO_TOKEN,
    });
    expect(reply).toMatchObject({ ok: true });
    expect(reply.ok && reply.total).toBeGreaterThan(150);
    expect(apiRequests().map((r) => r.query.limit)).toEqual(['1']);
  });

  it.each([
    ['a wrong token', { token: `mega_${'f'.repeat(64)}` }, 'unauthenticated'],
    ['a token of another customer', { token: OTHER_CUSTOMER_TOKEN }, 'forbidden'],
    ['plain http off this computer', { baseUrl: 'http://crm.example.com' }, 'bad_request'],
  ] as const)('explains %s', async (_case, draft, kind) => {
    const { service } = setup();
    const reply = await service.testConnection({
      baseUrl: server.url,
      customerId: DEMO_CUSTOMER_ID,
      token: DEMO_TOKEN,
      ...draft,
    });
    expect(reply).toMatchObject({ ok: false, failure: { kind } });
  });

  it('explains an unreachable server', async () => {
    const gone = await createMegaServer({ quiet: true });
    const url = gone.url;
    await gone.close();
    const { service } = setup();
    const reply = await service.testConnection({ baseUrl: url, customerId: DEMO_CUSTOMER_ID, token: DEMO_TOKEN });
    expect(reply).toMatchObject({ ok: false, failure: { kind: 'network' } });
  }, 20_000);
});

describe('Add to MEGA', () => {
  const newNumber = '+1 (646) 555-0177';
  const posts = () => server.requests.filter((r) => r.method === 'POST');

  async function unknownLookup(service: ReturnType<typeof setup>['service']) {
    const reply = await service.prepare(newNumber, 'selection', sender);
    if (reply.action !== 'show') throw new Error('expected a lookup');
    expect(await service.view(reply.lookupId)).toMatchObject({ state: 'none', canCreate: true });
    return reply.lookupId;
  }

  it('creates the lead, and selecting the number again shows it without a request', async () => {
    const { service } = setup();
    const lookupId = await unknownLookup(service);
    const reply = await service.create({
      lookupId,
      idempotencyKey: 'action-0001',
      input: { contact_name: 'Ada Lovelace', contact_phone: newNumber, lead_line: 'buyer' },
    });
    expect(reply).toMatchObject({ ok: true, lead: { contact_name: 'Ada Lovelace' } });
    expect(posts()).toHaveLength(1);
    expect(posts()[0]).toMatchObject({ idempotencyKey: 'action-0001', body: { contact_phone: '+16465550177' } });
    const gets = apiRequests().filter((r) => r.method === 'GET').length;
    expect(await lookUp(service, '646-555-0177')).toMatchObject({
      state: 'found',
      leads: [{ contact_name: 'Ada Lovelace' }],
    });
    expect(apiRequests().filter((r) => r.method === 'GET')).toHaveLength(gets);
  });

  it('a lead added with another phone than the one selected is not shown for the selected number', async () => {
    const { service } = setup();
    const lookupId = await unknownLookup(service);
    const reply = await service.create({
      lookupId,
      idempotencyKey: 'action-0006',
      input: { contact_name: 'Ada Lovelace', contact_phone: '+1 (646) 555-0199' },
    });
    expect(reply).toMatchObject({ ok: true });
    const gets = () => apiRequests().filter((r) => r.method === 'GET').length;
    const before = gets();
    // The number typed into the form is Ada's, from the cache; the one selected is still nobody's.
    expect(await lookUp(service, '+1 (646) 555-0199')).toMatchObject({
      state: 'found',
      leads: [{ contact_name: 'Ada Lovelace' }],
    });
    expect(gets()).toBe(before);
    expect(await lookUp(service, newNumber)).toMatchObject({ state: 'none' });
  });

  it('the same action sent twice creates one lead', async () => {
    const { service } = setup();
    const before = server.leads.length;
    const request = {
      idempotencyKey: 'action-0002',
      input: { contact_name: 'Grace Hopper', contact_email: 'grace@navy.example' },
    };
    const [first, second] = await Promise.all([service.create(request), service.create(request)]);
    expect(first).toMatchObject({ ok: true });
    expect(second).toMatchObject({ ok: true });
    expect(server.leads.length).toBe(before + 1);
  });

  it('a read-only token is told which scope it lacks', async () => {
    const { service } = setup({}, READ_ONLY_TOKEN);
    const reply = await service.create({ idempotencyKey: 'action-0003', input: { contact_name: 'Ada' } });
    expect(reply).toMatchObject({ ok: false, failure: { kind: 'forbidden', status: 403 } });
  });

  it('a key reused with other details is a conflict', async () => {
    const { service } = setup();
    await service.create({ idempotencyKey: 'action-0004', input: { contact_name: 'Ada' } });
    const reply = await service.create({ idempotencyKey: 'action-0004', input: { contact_name: 'Someone else' } });
    expect(reply).toMatchObject({ ok: false, failure: { kind: 'conflict' } });
  });

  it('sends nothing when adding leads is turned off', async () => {
    const { service } = setup({ allowCreate: false });
    const reply = await service.create({ idempotencyKey: 'action-0005', input: { contact_name: 'Ada' } });
    expect(reply).toMatchObject({ ok: false, failure: { kind: 'forbidden' } });
    expect(posts()).toHaveLength(0);
  });

  it('an unreadable phone number is explained before anything is sent', async () => {
    const { service } = setup();
    const reply = await service.create({ idempotencyKey: 'action-0006', input: { contact_phone: '12' } });
    expect(reply).toMatchObject({ ok: false, failure: { kind: 'bad_request' } });
    expect(posts()).toHaveLength(0);
  });
});

describe('one request per lookup', () => {
  it('shows the failure of the request a selection started, without asking again', async () => {
    server.injectFault({ type: 'status', status: 401 });
    const { service } = setup();
    const reply = await service.prepare('+49 30 12345678', 'selection', sender);
    if (reply.action !== 'show') throw new Error('expected a lookup');
    // The card asks after the request has already failed.
    await new Promise((resolve) => setImmediate(resolve));
    while (apiRequests().length === 0 || apiRequests().some((r) => r.status === 0)) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await service.view(reply.lookupId)).toMatchObject({ state: 'error', failure: { kind: 'unauthenticated' } });
    expect(apiRequests()).toHaveLength(1);
    expect(await service.view(reply.lookupId, true)).toMatchObject({ state: 'found' });
    expect(apiRequests()).toHaveLength(2);
  });
});

describe('"Not this person"', () => {
  it('hides the lead for that value, and Undo brings it back, with no new request', async () => {
    const { service } = setup();
    const reply = await service.prepare('+1 (415) 555-0134', 'selection', sender);
    if (reply.action !== 'show') throw new Error('expected a lookup');
    const view = await service.view(reply.lookupId);
    if (view.state !== 'found') throw new Error('expected Jane');
    const jane = view.leads[0]!;
    expect(await service.hideMatch(reply.lookupId, jane.id)).toMatchObject({ state: 'none', hidden: 1 });
    // A later lookup of the same value leaves her out too.
    expect(await lookUp(service, '415-555-0134')).toMatchObject({ state: 'none', hidden: 1 });
    expect(await service.unhideMatch(reply.lookupId, jane.id)).toMatchObject({
      state: 'found',
      hidden: 0,
      leads: [{ id: jane.id }],
    });
    expect(apiRequests()).toHaveLength(1);
  });

  it('hides the lead only for the value it was hidden for', async () => {
    const { service } = setup();
    const reply = await service.prepare('jane.cooper@acme.com', 'selection', sender);
    if (reply.action !== 'show') throw new Error('expected a lookup');
    const view = await service.view(reply.lookupId);
    if (view.state !== 'found') throw new Error('expected Jane');
    await service.hideMatch(reply.lookupId, view.leads[0]!.id);
    expect(await lookUp(service, '+1 (415) 555-0134')).toMatchObject({
      state: 'found',
      leads: [{ contact_name: 'Jane Cooper' }],
    });
  });
});

describe('the merge preview before Add to MEGA', () => {
  it('names the lead with the same email, and the create then says it merged into her', async () => {
    const { service } = setup();
    const preview = await service.previewMerge({
      contact_phone: '+1 (646) 555-0177',
      contact_email: 'JANE.cooper@acme.com',
    });
    expect(preview).toMatchObject({ reason: 'email', lead: { contact_name: 'Jane Cooper' } });
    const reply = await service.create({
      idempotencyKey: 'action-0201',
      input: { contact_phone: '+1 (646) 555-0177', contact_email: 'jane.cooper@acme.com' },
    });
    expect(reply).toMatchObject({ ok: true, merged: true, lead: { contact_name: 'Jane Cooper' } });
  });

  it('names the lead with the same number in another format', async () => {
    const { service } = setup();
    expect(await service.previewMerge({ contact_phone: '415.555.0134' })).toMatchObject({
      reason: 'phone',
      lead: { contact_name: 'Jane Cooper' },
    });
  });

  it('finds nothing for new details, and the create says it is a new lead', async () => {
    const { service } = setup();
    expect(await service.previewMerge({ contact_email: 'nobody-yet@example.org' })).toBeNull();
    const reply = await service.create({
      idempotencyKey: 'action-0202',
      input: { contact_name: 'New Person', contact_email: 'nobody-yet@example.org' },
    });
    expect(reply).toMatchObject({ ok: true, merged: false });
  });
});

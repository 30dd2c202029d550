import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CUSTOMER_ID, DEMO_TOKEN } from '@/server/credentials';
import { createMegaServer, type MegaServer } from '@/server/mega-server';
import { DEFAULT_SETTINGS, type Account } from '@/utils/storage';
import { connectionStatusOf, createConnection, type Connection } from './connection';

const TOKEN = `mega_${'ab'.repeat(32)}`;
const ACME: Account = {
  id: 'a1',
  name: 'Acme',
  customerId: '3f2a9c4e-1b7d-4e8a-9c0f-2d5e6a7b8c9d',
  baseUrl: 'https://app.gomega.ai',
  tokenMemory: 'local',
  revision: 1,
};
const GLOBEX: Account = { ...ACME, id: 'a2', name: 'Globex', baseUrl: 'http://127.0.0.1:8787' };

function connection(account: Account | null, token: string | null): Connection {
  return {
    settings: { ...DEFAULT_SETTINGS, accounts: [ACME, GLOBEX], activeAccountId: account?.id ?? null },
    account,
    token,
  };
}

describe('the connection status the popup is told', () => {
  it.each<[string, Connection, object]>([
    [
      'set up with the active account',
      connection(GLOBEX, TOKEN),
      { configured: true, baseUrl: 'http://127.0.0.1:8787', activeAccountId: 'a2' },
    ],
    [
      'not set up while the active account has no token',
      connection(ACME, null),
      { configured: false, activeAccountId: 'a1' },
    ],
    ['not set up without an account', connection(null, null), { configured: false, activeAccountId: null }],
  ])('is %s, and names every account to pick from', (_, given, expected) => {
    expect(connectionStatusOf(given)).toEqual({
      ...expected,
      accounts: [
        { id: 'a1', name: 'Acme' },
        { id: 'a2', name: 'Globex' },
      ],
    });
  });

  it('never carries a token or a customer id', () => {
    const told = JSON.stringify(connectionStatusOf(connection(ACME, TOKEN)));
    expect(told).not.toContain(TOKEN);
    expect(told).not.toContain(ACME.customerId);
  });
});

describe('a token MEGA refused', () => {
  let server: MegaServer;
  beforeAll(async () => {
    server = await createMegaServer({ quiet: true });
  });
  afterAll(() => server.close());
  beforeEach(() => server.reset());

  /** The demo account on the local server, with session storage as a restarted background finds it. */
  function setup(saved: { partitions: string[] | null } = { partitions: null }) {
    const account: Account = { ...ACME, baseUrl: server.url, customerId: DEMO_CUSTOMER_ID };
    const active: Connection = {
      settings: { ...DEFAULT_SETTINGS, accounts: [account], activeAccountId: account.id },
      account,
      token: DEMO_TOKEN,
    };
    const refusedStore = {
      load: async () => saved.partitions,
      save: async (partitions: string[]) => void (saved.partitions = [...partitions]),
    };
    const service = createConnection({
      loadConnection: async () => active,
      readToken: async () => DEMO_TOKEN,
      refusedStore,
    });
    const ask = () =>
      service
        .clientFor(active)!
        .listLeads({ limit: 1 })
        .catch(() => null);
    return { service, active, ask, saved };
  }

  it('is remembered until MEGA accepts it again, also across a restart of the background', async () => {
    const { service, active, ask, saved } = setup();
    expect(await service.tokenRefused(active)).toBe(false);
    server.injectFault({ type: 'status', status: 401 });
    await ask();
    expect(await service.tokenRefused(active)).toBe(true);
    const restarted = setup(saved);
    expect(await restarted.service.tokenRefused(restarted.active)).toBe(true);
    await restarted.ask();
    expect(await restarted.service.tokenRefused(restarted.active)).toBe(false);
  });

  it('is not held against the account once its token is changed (a new revision)', async () => {
    const { service, active, ask } = setup();
    server.injectFault({ type: 'status', status: 401 });
    await ask();
    const edited = { ...active, account: { ...active.account!, revision: 2 } };
    expect(await service.tokenRefused(edited)).toBe(false);
  });
});

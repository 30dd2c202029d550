import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Account } from '@/utils/storage';
import { connectionStatusOf, type Connection } from './connection';

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
  return { settings: { ...DEFAULT_SETTINGS, accounts: [ACME, GLOBEX], activeAccountId: account?.id ?? null }, account, token };
}

describe('the connection status the popup is told', () => {
  it.each<[string, Connection, object]>([
    ['set up with the active account', connection(GLOBEX, TOKEN), { configured: true, baseUrl: 'http://127.0.0.1:8787', activeAccountId: 'a2' }],
    ['not set up while the active account has no token', connection(ACME, null), { configured: false, activeAccountId: 'a1' }],
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

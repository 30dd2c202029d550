/**
 * For tests of the background against the local MEGA server: the demo customer's account at the
 * server's address, with its token, as the background's connection service reads it.
 */
import { DEMO_CUSTOMER_ID, DEMO_TOKEN } from '@/server/credentials';
import { createConnection, type Connection } from './connection';
import { DEFAULT_SETTINGS, type Account, type Settings } from '@/utils/storage';

export function demoAccountAt(baseUrl: string, token = DEMO_TOKEN, settings: Partial<Settings> = {}) {
  const account: Account = {
    id: 'demo',
    name: 'Demo',
    customerId: DEMO_CUSTOMER_ID,
    baseUrl,
    tokenMemory: 'local',
    revision: 1,
  };
  const saved: Connection = {
    settings: { ...DEFAULT_SETTINGS, accounts: [account], activeAccountId: account.id, ...settings },
    account,
    token,
  };
  const connection = createConnection({ loadConnection: async () => saved, readToken: async () => token });
  return { account, saved, connection };
}

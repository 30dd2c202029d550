import { describe, expect, it } from 'vitest';
import { RateBudget } from '@/utils/api/rate-budget';
import { DEFAULT_SETTINGS, type Account } from '@/utils/storage';
import type { MegaClient } from './api/client';
import type { Connection, ConnectionService } from './connection';
import { createDeviceCopy } from './device-copy';
import type { LeadIndex } from './lead-index/lead-index';

const ACCOUNT: Account = {
  id: 'account-1',
  name: 'Acme',
  customerId: 'customer-1',
  baseUrl: 'https://app.gomega.ai',
  tokenMemory: 'local',
  revision: 1,
};
const ACTIVE: Connection = {
  settings: { ...DEFAULT_SETTINGS, accounts: [ACCOUNT], activeAccountId: ACCOUNT.id, keepCopyFor: [ACCOUNT.id] },
  account: ACCOUNT,
  token: 'token',
};

/** A copy whose account MEGA has (or has not) refused; the index itself is a stand-in that records what it was asked. */
function setup() {
  const state = { refused: false, syncs: 0 };
  const index = {
    syncIfDue: async () => void (state.syncs += 1),
    status: async () => ({ state: 'ready' }),
    close: async () => undefined,
  } as unknown as LeadIndex;
  const connection = {
    load: async () => ACTIVE,
    accountFor: () => ({ client: {} as MegaClient, budget: new RateBudget({ now: Date.now }) }),
    tokenRefused: async () => state.refused,
  } as unknown as ConnectionService;
  const copy = createDeviceCopy({ connection, open: async () => index });
  return { copy, index, state };
}

describe('the copy on this device after MEGA refused the token', () => {
  it('answers nothing and does not sync while the token is refused, and answers again once it is accepted', async () => {
    const { copy, index, state } = setup();
    expect(await copy.indexFor(ACTIVE)).toBe(index);
    state.refused = true;
    expect(await copy.indexFor(ACTIVE)).toBeNull();
    await copy.syncIfDue();
    expect(state.syncs).toBe(0);
    state.refused = false;
    expect(await copy.indexFor(ACTIVE)).toBe(index);
  });

  it('still shows its status on the options page, so the user can see and delete it', async () => {
    const { copy, state } = setup();
    state.refused = true;
    expect(await copy.status()).toEqual({ state: 'ready' });
  });
});

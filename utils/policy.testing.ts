/**
 * For the tests of the administrator's policy and the settings in effect: an account the policy
 * deploys, and settings a user saved with an account of their own.
 */
import { DEFAULT_SETTINGS, type Account, type Settings } from './storage';

export const CUSTOMER = '3f2a9c4e-1b7d-4e8a-9c0f-2d5e6a7b8c9d';
export const OTHER_CUSTOMER = '9e1f0c2a-5b6d-4c7e-8f90-a1b2c3d4e5f6';

export const HEAD_OFFICE = { name: 'Head office', customerId: CUSTOMER, baseUrl: 'https://mega.example.com/' };

export const OWN: Account = {
  id: 'a1',
  name: 'My own',
  customerId: OTHER_CUSTOMER,
  baseUrl: 'https://app.gomega.ai',
  tokenMemory: 'local',
  revision: 3,
};

export function user(patch: Partial<Settings> = {}): Settings {
  return { ...DEFAULT_SETTINGS, accounts: [OWN], activeAccountId: OWN.id, ...patch };
}

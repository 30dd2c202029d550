// Fixed, fake credentials for the local MEGA server. They are fixed so that the demo, the unit
// tests and the browser tests (which may run the server in another process) all agree on them.
// None of them is valid anywhere but on this local server.
import type { Scope } from './types.ts';

export const DEMO_CUSTOMER_ID = '3f2b8c1e-5d4a-4e7b-9c6f-1a2b3c4d5e6f';
export const OTHER_CUSTOMER_ID = '8d7e6f5a-4b3c-4d2e-8f1a-9b8c7d6e5f4a';

/** leads:read + leads:write, locked to DEMO_CUSTOMER_ID. */
export const DEMO_TOKEN = 'mega_c6c92bd206bac9581768ea2aff8b6c3b8623701fa4c08586f47f6896b62c41ce';
/** Only public_api:leads:read: listing works, creating gives 403. */
export const READ_ONLY_TOKEN = 'mega_c1c67c762aa208df06eb9638c5fe25dc28057c7daa02ead69817b1827c0719a9';
/** Only public_api:webhooks:manage: listing gives 403. */
export const NO_READ_TOKEN = 'mega_5f07f43bdd1b813c479168562c23a908b86a5ec4af01906e24fb6a7101ccf991';
/**
 * leads:read + leads:write, locked to OTHER_CUSTOMER_ID: the second demo account (its own leads,
 * see seed.ts); using it for the demo customer gives 403.
 */
export const OTHER_CUSTOMER_TOKEN = 'mega_75dfe587a7ce5ebfc7a28aa95c99fa614420f37e330e583007cb3f26896616f2';

/** The accounts the demo offers, to try switching between two customers of one MEGA. */
export const DEMO_ACCOUNTS = [
  { label: 'Demo customer', customerId: DEMO_CUSTOMER_ID, token: DEMO_TOKEN },
  { label: 'Second customer', customerId: OTHER_CUSTOMER_ID, token: OTHER_CUSTOMER_TOKEN },
] as const;

export interface TokenGrant {
  customerId: string;
  scopes: readonly Scope[];
}

export const TOKEN_GRANTS: ReadonlyMap<string, TokenGrant> = new Map<string, TokenGrant>([
  [DEMO_TOKEN, { customerId: DEMO_CUSTOMER_ID, scopes: ['public_api:leads:read', 'public_api:leads:write'] }],
  [READ_ONLY_TOKEN, { customerId: DEMO_CUSTOMER_ID, scopes: ['public_api:leads:read'] }],
  [NO_READ_TOKEN, { customerId: DEMO_CUSTOMER_ID, scopes: ['public_api:webhooks:manage'] }],
  [
    OTHER_CUSTOMER_TOKEN,
    { customerId: OTHER_CUSTOMER_ID, scopes: ['public_api:leads:read', 'public_api:leads:write'] },
  ],
]);

// A client for tests against the local server: the demo credentials, and waits short enough that
// a retried call stays well within a test's time.
import { DEMO_CUSTOMER_ID, DEMO_TOKEN } from '@/server/credentials';
import { createMegaClient, type MegaClient, type MegaClientConfig } from './client';

export function quickClient(baseUrl: string, overrides: Partial<MegaClientConfig> = {}): MegaClient {
  return createMegaClient({
    baseUrl,
    token: DEMO_TOKEN,
    customerId: DEMO_CUSTOMER_ID,
    timeoutMs: 2_000,
    backoffMs: 5,
    maxRetryAfterSeconds: 2,
    ...overrides,
  });
}

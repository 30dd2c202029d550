/**
 * Which MEGA account the background talks to, the API client for it, and what MEGA last said of
 * the rate budget. Also the options page's "Test connection", which may try unsaved details.
 */
import { createMegaClient, type MegaClient } from './api/client';
import { MegaApiError, toApiFailure, type ApiFailure } from '@/utils/api/errors';
import { checkBaseUrl } from '@/utils/base-url';
import { t } from '@/utils/i18n';
import type { ConnectionDraft, ConnectionStatus, TestConnectionReply } from '@/utils/protocol';
import { partitionOf, type Account, type Settings } from '@/utils/storage';

/** The settings in effect, the active account and its token, as the background reads them. */
export interface Connection {
  settings: Settings;
  account: Account | null;
  token: string | null;
}

/** Keep this many requests of the rate-limit window for the user's explicit searches. */
const RATE_LIMIT_RESERVE = 3;

export interface ConnectionDeps {
  /** The saved connection, with the effective settings (see `utils/settings.ts`). */
  loadConnection: () => Promise<Connection>;
  /** The saved token of any account (Test connection may test one that is not active). */
  readToken: (accountId: string) => Promise<string | null>;
  createClient?: typeof createMegaClient;
  now?: () => number;
}

/** The partition the active account's data is kept under, or null when no account is set up. */
export function partitionFor(connection: Connection): string | null {
  return connection.account ? partitionOf(connection.account) : null;
}

/** What a client is built from: any change needs a new one. */
function clientKey({ account, token }: Connection): string {
  return JSON.stringify([account?.id, account?.baseUrl, account?.customerId, token]);
}

/** What the popup is told: set up or not, and the accounts to pick from (names only). */
export function connectionStatusOf({ settings, account, token }: Connection): ConnectionStatus {
  const accounts = settings.accounts.map(({ id, name }) => ({ id, name }));
  const activeAccountId = account?.id ?? null;
  return account && token && account.customerId
    ? { configured: true, baseUrl: account.baseUrl, accounts, activeAccountId }
    : { configured: false, accounts, activeAccountId };
}

export function notConnectedFailure(): ApiFailure {
  return toApiFailure(new MegaApiError('unauthenticated', { message: t('failureNotConnected') }));
}

export function createConnection(deps: ConnectionDeps) {
  const now = deps.now ?? Date.now;
  const makeClient = deps.createClient ?? createMegaClient;
  let client: { key: string; client: MegaClient } | undefined;
  /**
   * The latest RateLimit-* headers per account, so selection lookups back off before the server
   * says 429. The budget belongs to the token: each account has its own.
   */
  const rateLimits = new Map<string, { remaining: number; resetAt: number }>();

  /**
   * The saved token of the account being tested, but only to the address it was saved for: a
   * newly typed base URL must not receive it (the user types the token again for that one).
   */
  async function savedTokenFor(draft: ConnectionDraft, baseUrl: string): Promise<string | null> {
    if (!draft.accountId) return null;
    const saved = await deps.loadConnection();
    const account = saved.settings.accounts.find((candidate) => candidate.id === draft.accountId);
    if (!account) return null;
    const savedBase = checkBaseUrl(account.baseUrl);
    if (!savedBase.ok || savedBase.url !== baseUrl) return null;
    return deps.readToken(account.id);
  }

  return {
    load: deps.loadConnection,

    /** The API client for this connection, or null when the extension is not set up. */
    clientFor(connection: Connection): MegaClient | null {
      const { account, token } = connection;
      const base = checkBaseUrl(account?.baseUrl ?? '');
      if (!account || !token || !account.customerId || !base.ok) return null;
      const key = clientKey(connection);
      if (client?.key !== key) {
        const partition = partitionOf(account);
        client = {
          key,
          client: makeClient({
            baseUrl: base.url,
            token,
            customerId: account.customerId,
            onRateLimit: (info) => {
              rateLimits.set(partition, { remaining: info.remaining, resetAt: now() + info.resetSeconds * 1000 });
            },
          }),
        };
      }
      return client.client;
    },

    /** A rate-limit failure when automatic lookups of this account should wait for the window to refill. */
    rateLimitedFailure(partition: string): ApiFailure | null {
      const rateLimit = rateLimits.get(partition);
      if (!rateLimit || rateLimit.remaining > RATE_LIMIT_RESERVE || now() >= rateLimit.resetAt) return null;
      const seconds = Math.max(1, Math.ceil((rateLimit.resetAt - now()) / 1000));
      return toApiFailure(new MegaApiError('rate_limited', { retryAfterSeconds: seconds }));
    },

    /** The user asked to try again: let the next request of this account through. */
    forgetRateLimit(partition: string): void {
      rateLimits.delete(partition);
    },

    /** One real request (limit=1) with the given, possibly unsaved, connection details. */
    async test(draft: ConnectionDraft): Promise<TestConnectionReply> {
      const base = checkBaseUrl(draft.baseUrl);
      if (!base.ok) {
        return { ok: false, failure: toApiFailure(new MegaApiError('bad_request', { message: base.reason })) };
      }
      const token = draft.token || (await savedTokenFor(draft, base.url));
      if (!token) {
        const message = t(draft.accountId ? 'failureTokenForNewAddress' : 'failureNotConnected');
        return { ok: false, failure: toApiFailure(new MegaApiError('unauthenticated', { message })) };
      }
      const probe = makeClient({ baseUrl: base.url, token, customerId: draft.customerId });
      try {
        const page = await probe.listLeads({ limit: 1 });
        return { ok: true, total: page.total };
      } catch (error) {
        return { ok: false, failure: toApiFailure(error) };
      }
    },

    /** A new token, customer or base URL: the next request builds a new client. */
    reset(): void {
      client = undefined;
    },
  };
}

export type ConnectionService = ReturnType<typeof createConnection>;

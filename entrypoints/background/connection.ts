/**
 * Which MEGA account the background talks to, the API client for it, and what MEGA last said of
 * the rate budget. Also the options page's "Test connection", which may try unsaved details.
 */
import { createMegaClient, type MegaClient } from './api/client';
import { MegaApiError, toApiFailure, type ApiFailure } from '@/utils/api/errors';
import { checkBaseUrl } from '@/utils/base-url';
import { t } from '@/utils/i18n';
import type { ConnectionDraft, TestConnectionReply } from '@/utils/protocol';
import type { Connection } from '@/utils/storage';

/** Keep this many requests of the rate-limit window for the user's explicit searches. */
const RATE_LIMIT_RESERVE = 3;

export interface ConnectionDeps {
  /** The saved connection, with the effective settings (see `utils/settings.ts`). */
  loadConnection: () => Promise<Connection>;
  createClient?: typeof createMegaClient;
  now?: () => number;
}

/** What identifies the account answers come from: a change of any part empties the cache. */
export function connectionKey({ settings, token }: Connection): string {
  return JSON.stringify([settings.baseUrl, settings.customerId, token]);
}

export function notConnectedFailure(): ApiFailure {
  return toApiFailure(new MegaApiError('unauthenticated', { message: t('failureNotConnected') }));
}

export function createConnection(deps: ConnectionDeps) {
  const now = deps.now ?? Date.now;
  const makeClient = deps.createClient ?? createMegaClient;
  let client: { key: string; client: MegaClient } | undefined;
  /** The latest RateLimit-* headers, so selection lookups back off before the server says 429. */
  let rateLimit: { remaining: number; resetAt: number } | undefined;

  return {
    load: deps.loadConnection,

    /** The API client for this connection, or null when the extension is not set up. */
    clientFor(connection: Connection): MegaClient | null {
      const { settings, token } = connection;
      const base = checkBaseUrl(settings.baseUrl);
      if (!token || !settings.customerId || !base.ok) return null;
      const key = JSON.stringify([base.url, settings.customerId, token]);
      if (client?.key !== key) {
        client = {
          key,
          client: makeClient({
            baseUrl: base.url,
            token,
            customerId: settings.customerId,
            onRateLimit: (info) => {
              rateLimit = { remaining: info.remaining, resetAt: now() + info.resetSeconds * 1000 };
            },
          }),
        };
      }
      return client.client;
    },

    /** A rate-limit failure when automatic lookups should wait for the window to refill. */
    rateLimitedFailure(): ApiFailure | null {
      if (!rateLimit || rateLimit.remaining > RATE_LIMIT_RESERVE || now() >= rateLimit.resetAt) return null;
      const seconds = Math.max(1, Math.ceil((rateLimit.resetAt - now()) / 1000));
      return toApiFailure(new MegaApiError('rate_limited', { retryAfterSeconds: seconds }));
    },

    /** The user asked to try again: let the next request through. */
    forgetRateLimit(): void {
      rateLimit = undefined;
    },

    /** One real request (limit=1) with the given, possibly unsaved, connection details. */
    async test(draft: ConnectionDraft): Promise<TestConnectionReply> {
      const base = checkBaseUrl(draft.baseUrl);
      if (!base.ok) {
        return { ok: false, failure: toApiFailure(new MegaApiError('bad_request', { message: base.reason })) };
      }
      const token = draft.token || (await deps.loadConnection()).token;
      if (!token) return { ok: false, failure: notConnectedFailure() };
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
      rateLimit = undefined;
    },
  };
}

export type ConnectionService = ReturnType<typeof createConnection>;

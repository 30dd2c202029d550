/**
 * Which MEGA account the background talks to, the API client for it, and its share of MEGA's
 * rate limit (see `utils/api/rate-budget.ts`). Also the options page's "Test connection", which
 * may try unsaved details.
 */
import { createMegaClient, type MegaClient } from './api/client';
import { MegaApiError, toApiFailure, type ApiFailure } from '@/utils/api/errors';
import { RateBudgets, type RateBudget, type RateBudgetStatus, type RequestPriority } from '@/utils/api/rate-budget';
import { checkBaseUrl } from '@/utils/base-url';
import { t } from '@/utils/i18n';
import type { ConnectionDraft, TestConnectionReply } from '@/utils/protocol';
import type { Connection } from '@/utils/storage';

export interface ConnectionDeps {
  /** The saved connection, with the effective settings (see `utils/settings.ts`). */
  loadConnection: () => Promise<Connection>;
  createClient?: typeof createMegaClient;
  now?: () => number;
  /** For the jitter of rate-limit waits; default Math.random. */
  random?: () => number;
}

/** The API client of an account and its rate budget. */
export interface Account {
  client: MegaClient;
  budget: RateBudget;
}

/** What identifies the account answers come from: a change of any part empties the cache. */
export function connectionKey({ settings, token }: Connection): string {
  return JSON.stringify([settings.baseUrl, settings.customerId, token]);
}

export function notConnectedFailure(): ApiFailure {
  return toApiFailure(new MegaApiError('unauthenticated', { message: t('failureNotConnected') }));
}

/**
 * Counts one request of this priority against the account's budget, or throws `rate_limited`
 * (with the wait) when the budget keeps it back. Call it just before the request is sent.
 */
export function spend(budget: RateBudget, priority: RequestPriority): void {
  const decision = budget.request(priority);
  if (!decision.ok) throw new MegaApiError('rate_limited', { retryAfterSeconds: decision.retryAfterSeconds });
}

export function createConnection(deps: ConnectionDeps) {
  const now = deps.now ?? Date.now;
  const makeClient = deps.createClient ?? createMegaClient;
  let current: ({ key: string } & Account) | undefined;
  /**
   * Every account's budget, kept across a switch of account: MEGA counts per token, and a token
   * switched back to has spent what it spent.
   */
  const budgets = new RateBudgets({ now, ...(deps.random ? { random: deps.random } : {}) });

  /** The API client and budget for this connection, or null when the extension is not set up. */
  function accountFor(connection: Connection): Account | null {
    const { settings, token } = connection;
    const base = checkBaseUrl(settings.baseUrl);
    if (!token || !settings.customerId || !base.ok) return null;
    const key = JSON.stringify([base.url, settings.customerId, token]);
    if (current?.key !== key) {
      const budget = budgets.for(key);
      current = {
        key,
        budget,
        client: makeClient({
          baseUrl: base.url,
          token,
          customerId: settings.customerId,
          onRateLimit: (info) => budget.observe(info),
          onRateLimited: (seconds) => budget.rateLimited(seconds),
        }),
      };
    }
    return current;
  }

  return {
    load: deps.loadConnection,

    accountFor,

    /** The API client for this connection, or null when the extension is not set up. */
    clientFor(connection: Connection): MegaClient | null {
      return accountFor(connection)?.client ?? null;
    },

    /** Where this connection's rate budget stands, for the popup; null when not known. */
    budgetStatus(connection: Connection): RateBudgetStatus | null {
      return accountFor(connection)?.budget.status() ?? null;
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

    /** A new token, customer or base URL: the next request builds a new client (budgets stay). */
    reset(): void {
      current = undefined;
    },
  };
}

export type ConnectionService = ReturnType<typeof createConnection>;

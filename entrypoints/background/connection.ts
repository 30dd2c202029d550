/**
 * Which MEGA account the background talks to, the API client for it, and its share of MEGA's
 * rate limit (see `utils/api/rate-budget.ts`). Also the options page's "Test connection", which
 * may try unsaved details.
 */
import { createMegaClient, type MegaClient } from './api/client';
import { MegaApiError, toApiFailure, type ApiFailure, type FailureReason } from '@/utils/api/errors';
import {
  RateBudgets,
  type RateBudget,
  type RateBudgetStatus,
  type RateLimitName,
  type RequestPriority,
} from '@/utils/api/rate-budget';
import { checkBaseUrl } from '@/utils/base-url';
import type { ConnectionDraft, ConnectionStatus, TestConnectionReply } from '@/utils/protocol';
import { partitionOf, type Account, type Settings } from '@/utils/storage';

/** The settings in effect, the active account and its token, as the background reads them. */
export interface Connection {
  settings: Settings;
  account: Account | null;
  token: string | null;
}

export interface ConnectionDeps {
  /** The saved connection, with the effective settings (see `utils/settings.ts`). */
  loadConnection: () => Promise<Connection>;
  /** The saved token of any account (Test connection may test one that is not active). */
  readToken: (accountId: string) => Promise<string | null>;
  createClient?: typeof createMegaClient;
  now?: () => number;
  /** For the jitter of rate-limit waits; default Math.random. */
  random?: () => number;
  /**
   * The partitions whose token MEGA refused (401), kept where a restarted background finds them
   * (session storage); memory only when absent.
   */
  refusedStore?: { load(): Promise<string[] | null>; save(partitions: string[]): Promise<void> };
}

/** The API client of an account and its rate budgets. */
export interface AccountLink {
  client: MegaClient;
  budget: RateBudget;
  /** The bulk import's own: MEGA counts it apart from every other request. */
  bulkBudget: RateBudget;
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
/** `budget`: where the account's rate budget stands, once an answer from MEGA has said. */
export function connectionStatusOf(
  { settings, account, token }: Connection,
  budget: RateBudgetStatus | null = null,
): ConnectionStatus {
  const accounts = settings.accounts.map(({ id, name }) => ({ id, name }));
  const activeAccountId = account?.id ?? null;
  return account && token && account.customerId
    ? { configured: true, baseUrl: account.baseUrl, accounts, activeAccountId, ...(budget ? { budget } : {}) }
    : { configured: false, accounts, activeAccountId };
}

export function notConnectedFailure(): ApiFailure {
  return { kind: 'unauthenticated', reason: 'not-connected' };
}

/**
 * Counts one request of this priority against the budget, or throws `rate_limited` (with the
 * wait, and the `reason` whose words fit) when the budget keeps it back. Call it just before the
 * request is sent.
 */
export function spend(budget: RateBudget, priority: RequestPriority, reason?: FailureReason): void {
  const decision = budget.request(priority);
  if (!decision.ok) {
    throw new MegaApiError('rate_limited', {
      retryAfterSeconds: decision.retryAfterSeconds,
      ...(reason ? { reason } : {}),
    });
  }
}

export function createConnection(deps: ConnectionDeps) {
  const now = deps.now ?? Date.now;
  const makeClient = deps.createClient ?? createMegaClient;
  let current: ({ key: string } & AccountLink) | undefined;
  /**
   * Every account's budget, kept across a switch of account: MEGA counts per token, and a token
   * switched back to has spent what it spent.
   */
  const budgets = new RateBudgets({ now, ...(deps.random ? { random: deps.random } : {}) });
  /**
   * Accounts (partitions: a new token is a new one) whose token MEGA refused the last time it was
   * sent. Nothing kept on the device answers for such an account (the copy of its leads, see
   * device-copy.ts) until MEGA accepts the token again: a revoked token must not go on showing leads.
   */
  let refused: Promise<Set<string>> | undefined;
  const loadRefused = () =>
    (refused ??= (deps.refusedStore?.load() ?? Promise.resolve(null)).then(
      (saved) => new Set(saved ?? []),
      () => new Set<string>(),
    ));
  async function noteTokenAnswer(partition: string, accepted: boolean): Promise<void> {
    const partitions = await loadRefused();
    if (partitions.has(partition) !== accepted) return;
    if (accepted) partitions.delete(partition);
    else partitions.add(partition);
    await deps.refusedStore?.save([...partitions]).catch(() => undefined);
  }

  /** The API client and budget for this connection, or null when the extension is not set up. */
  function accountFor(connection: Connection): AccountLink | null {
    const { account, token } = connection;
    const base = checkBaseUrl(account?.baseUrl ?? '');
    if (!account || !token || !account.customerId || !base.ok) return null;
    const key = clientKey(connection);
    if (current?.key !== key) {
      const budgetKey = JSON.stringify([base.url, token]);
      const budget = budgets.for(budgetKey);
      const bulkBudget = budgets.for(budgetKey, 'bulk');
      const budgetOf = (limit: RateLimitName) => (limit === 'bulk' ? bulkBudget : budget);
      current = {
        key,
        budget,
        bulkBudget,
        client: makeClient({
          baseUrl: base.url,
          token,
          customerId: account.customerId,
          onRateLimit: (info, limit) => budgetOf(limit).observe(info),
          onRateLimited: (seconds, limit) => budgetOf(limit).rateLimited(seconds),
          onTokenAnswer: (accepted) => void noteTokenAnswer(partitionOf(account), accepted),
        }),
      };
    }
    return current;
  }

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

    accountFor,

    /** The API client for this connection, or null when the extension is not set up. */
    clientFor(connection: Connection): MegaClient | null {
      return accountFor(connection)?.client ?? null;
    },

    /** Whether MEGA refused this connection's token the last time it was sent (401). */
    async tokenRefused(connection: Connection): Promise<boolean> {
      const partition = partitionFor(connection);
      return partition !== null && (await loadRefused()).has(partition);
    },

    /** Where this connection's rate budget stands, for the popup; null when not known. */
    budgetStatus(connection: Connection): RateBudgetStatus | null {
      return accountFor(connection)?.budget.status() ?? null;
    },

    /** One real request (limit=1) with the given, possibly unsaved, connection details. */
    async test(draft: ConnectionDraft): Promise<TestConnectionReply> {
      const base = checkBaseUrl(draft.baseUrl);
      if (!base.ok) {
        return { ok: false, failure: { kind: 'bad_request', reason: 'base-url', baseUrlProblem: base.problem } };
      }
      const token = draft.token || (await savedTokenFor(draft, base.url));
      if (!token) {
        const reason = draft.accountId ? 'token-for-new-address' : 'not-connected';
        return { ok: false, failure: { kind: 'unauthenticated', reason } };
      }
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

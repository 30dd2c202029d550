/**
 * Adding, editing, removing and switching MEGA accounts, for the options page and the popup.
 *
 * A token is written before the settings that refer to it, and an edit of the token, customer id
 * or base URL bumps the account's revision in the same settings write: the background, which
 * reacts to the settings change, then always sees the new credentials together, and never serves
 * what the old ones fetched (docs/security.md §8). Every write goes through `updateSettings`
 * (`utils/settings.ts`), so the first one keeps what the user was shown. `locale` is the browser's
 * language the page showed its suggestions in.
 *
 * An account the administrator deployed without a token takes the user's own: only the token and
 * where it is kept are the user's, the rest stays as the policy says (docs/admin-policy.md).
 */
import { t } from './i18n';
import { checkBaseUrl } from './base-url';
import type { AppliedPolicy } from './managed-policy';
import { updateSettings } from './settings';
import type { Account, Settings, TokenMemory } from './storage';
import { forgetHiddenMatches } from './hidden-matches';
import { clearToken, moveToken, writeToken } from './token-vault';

export interface AccountDraft {
  /** Absent for a new account. */
  id?: string;
  name: string;
  customerId: string;
  baseUrl: string;
  tokenMemory: TokenMemory;
  /** A new token, or null to keep the saved one. */
  token: string | null;
}

/** Why a name cannot be used, or null when it can: names tell accounts apart in the popup. */
export function checkAccountName(name: string, accounts: readonly Account[], selfId?: string): string | null {
  const wanted = name.trim();
  if (!wanted) return t('accountNameEmpty');
  if (wanted.length > 80) return t('accountNameTooLong');
  const clash = accounts.some(
    (account) => account.id !== selfId && account.name.trim().toLowerCase() === wanted.toLowerCase(),
  );
  return clash ? t('accountNameTaken', wanted) : null;
}

function sameCredentials(a: Account, b: AccountDraft): boolean {
  return a.customerId === b.customerId && checkBaseUrl(a.baseUrl).ok && a.baseUrl === b.baseUrl;
}

/**
 * The settings with this account added or updated (first account: also made active), and the
 * account as saved. Throws a user-facing message when the name is taken or the account is managed.
 */
export function withAccount(
  settings: Settings,
  draft: AccountDraft,
  newId: () => string,
): { settings: Settings; account: Account } {
  const existing = draft.id ? settings.accounts.find((account) => account.id === draft.id) : undefined;
  if (draft.id && !existing) throw new Error(t('accountGone'));
  if (existing?.managed) throw new Error(t('accountManaged'));
  const nameProblem = checkAccountName(draft.name, settings.accounts, draft.id);
  if (nameProblem) throw new Error(nameProblem);
  const credentialsChanged = !existing || draft.token !== null || !sameCredentials(existing, draft);
  const account: Account = {
    id: existing?.id ?? newId(),
    name: draft.name.trim(),
    customerId: draft.customerId,
    baseUrl: draft.baseUrl,
    tokenMemory: draft.tokenMemory,
    revision: existing ? existing.revision + (credentialsChanged ? 1 : 0) : 1,
  };
  const accounts = existing
    ? settings.accounts.map((candidate) => (candidate.id === account.id ? account : candidate))
    : [...settings.accounts, account];
  return { account, settings: { ...settings, accounts, activeAccountId: settings.activeAccountId ?? account.id } };
}

/** Saves an account: its token first, then the settings that refer to it, in one write. */
export async function saveAccount(
  draft: AccountDraft,
  { newId = () => crypto.randomUUID(), locale }: { newId?: () => string; locale?: string } = {},
): Promise<Account> {
  let saved: Account | undefined;
  await updateSettings(async (current) => {
    const { settings, account } = withAccount(current, draft, newId);
    const before = current.accounts.find((candidate) => candidate.id === account.id);
    if (draft.token !== null) await writeToken(account.id, draft.token, account.tokenMemory);
    else if (before && before.tokenMemory !== account.tokenMemory) await moveToken(account.id, account.tokenMemory);
    saved = account;
    return settings;
  }, locale);
  // Set: updateSettings runs the change once, and throws when it cannot.
  return saved!;
}

/** The settings without this account; the next one becomes active when it was the active one. */
export function withoutAccount(settings: Settings, id: string): Settings {
  const index = settings.accounts.findIndex((account) => account.id === id);
  if (index < 0) return settings;
  if (settings.accounts[index]!.managed) throw new Error(t('accountManaged'));
  const accounts = settings.accounts.filter((account) => account.id !== id);
  const activeAccountId =
    settings.activeAccountId === id
      ? ((accounts[index] ?? accounts[index - 1] ?? null)?.id ?? null)
      : settings.activeAccountId;
  // A copy kept for it is deleted by the background, which sees the account gone.
  const keepCopyFor = settings.keepCopyFor.filter((kept) => kept !== id);
  return { ...settings, accounts, activeAccountId, keepCopyFor };
}

/** Removes an account and its token; its cached answers go with it (the background drops them). */
export async function removeAccount(id: string, locale?: string): Promise<void> {
  await updateSettings((current) => withoutAccount(current, id), locale);
  await Promise.all([clearToken(id), forgetHiddenMatches(id)]);
}

/** The user's own token for a deployed account, as the options page's form gives it. */
export interface OwnTokenDraft {
  accountId: string;
  /** A new token, or null to keep the saved one. */
  token: string | null;
  tokenMemory: TokenMemory;
}

/**
 * The settings with the user's own token recorded for a deployed account, entered for the address
 * the policy gives it. Throws a user-facing message when the account is no longer deployed, when
 * the administrator deploys a token for it (theirs wins), or when no token is typed and none of
 * the user's applies.
 */
export function withOwnToken(
  current: Settings,
  inEffect: Pick<AppliedPolicy, 'settings' | 'tokens' | 'ownTokenIds'>,
  draft: OwnTokenDraft,
  now: number,
): Settings {
  const account = inEffect.settings.accounts.find((candidate) => candidate.id === draft.accountId);
  if (!account?.managed) throw new Error(t('accountGone'));
  if (inEffect.tokens[account.id]) throw new Error(t('tokenDeployedWins'));
  const before = current.ownTokens[account.id];
  if (draft.token === null && (!before || !inEffect.ownTokenIds.has(account.id))) throw new Error(t('tokenEmpty'));
  // A new token is saved later than the one before, even within one millisecond.
  const savedAt = draft.token === null ? before!.savedAt : Math.max(now, (before?.savedAt ?? 0) + 1);
  const own = { tokenMemory: draft.tokenMemory, baseUrl: account.baseUrl, savedAt };
  return { ...current, ownTokens: { ...current.ownTokens, [account.id]: own } };
}

/** Saves the user's own token for a deployed account: the token first, then the settings, in one write. */
export async function saveOwnToken(
  draft: OwnTokenDraft,
  { now = Date.now, locale }: { now?: () => number; locale?: string } = {},
): Promise<void> {
  await updateSettings(async (current, inEffect) => {
    const { ownTokens } = withOwnToken(current, inEffect, draft, now());
    const before = current.ownTokens[draft.accountId];
    if (draft.token !== null) await writeToken(draft.accountId, draft.token, draft.tokenMemory);
    else if (before?.tokenMemory === draft.tokenMemory) return null;
    else await moveToken(draft.accountId, draft.tokenMemory);
    return { ownTokens };
  }, locale);
}

/**
 * Removes the user's own token of a deployed account: the settings stop naming it first, so
 * nothing sends it once the page says it is gone.
 */
export async function removeOwnToken(accountId: string, locale?: string): Promise<void> {
  await updateSettings((current) => {
    if (!(accountId in current.ownTokens)) return null;
    const ownTokens = { ...current.ownTokens };
    delete ownTokens[accountId];
    return { ownTokens };
  }, locale);
  await clearToken(accountId);
}

/** Makes another account the one lookups and searches use. */
export async function setActiveAccount(id: string, locale?: string): Promise<void> {
  await updateSettings(
    (_, inEffect) => (inEffect.settings.activeAccountId === id ? null : { activeAccountId: id }),
    locale,
  );
}

/**
 * The settings with "Keep a copy of my leads on this device" on or off for one account. Deployed
 * accounts may keep a copy too: it is the user's device, not the administrator's setting.
 */
export function withKeepCopy(settings: Settings, accountId: string, on: boolean): Settings {
  const others = settings.keepCopyFor.filter((id) => id !== accountId);
  return { ...settings, keepCopyFor: on ? [...others, accountId] : others };
}

/**
 * Turns the on-device copy on or off for an account, in one settings write. The background reacts:
 * it starts copying the active account's leads, or deletes a copy no account keeps any more.
 */
export async function setKeepCopy(accountId: string, on: boolean, locale?: string): Promise<void> {
  await updateSettings(
    (current) => (current.keepCopyFor.includes(accountId) === on ? null : withKeepCopy(current, accountId, on)),
    locale,
  );
}

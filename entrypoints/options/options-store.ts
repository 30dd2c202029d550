/**
 * The options page's reads and writes. The page reads the settings in effect (the user's, with
 * the administrator's policy applied) and the last four characters of each saved token; a full
 * token is read only to build that hint, and the page keeps the hint, never the token. It writes
 * through `updateSettings` (`utils/settings.ts`), which keeps what the page showed on the first
 * save and leaves locked values alone.
 */
import {
  checkAccountName,
  removeAccount,
  removeOwnToken,
  saveAccount,
  saveOwnToken,
  setKeepCopy,
  withAccount,
  withOwnToken,
  withoutAccount,
  type AccountDraft,
  type OwnTokenDraft,
} from '@/utils/accounts';
import { readEffectiveSettings, updateSettings, watchSettings, type EffectiveSettings } from '@/utils/settings';
import { withSiteListEdits } from '@/utils/sites';
import { sessionTokensItem, type Account } from '@/utils/storage';
import { tokenInEffect } from '@/utils/token-vault';
import { releaseHostAccess, type HostPermissions } from './permissions';
import type { CardSettings } from './card-form';
import { savedTokenHint, type GlobalSettings } from './settings-form';

export interface OptionsState {
  effective: EffectiveSettings;
  /** "Saved token ending in •••• abcd" by account id, or null where no token is saved. */
  tokenHints: Readonly<Record<string, string | null>>;
  /** The browser's language the page shows its suggestions in (the default phone region). */
  locale: string;
}

/** `policyWaitMs`: see `readEffectiveSettings`; the state says `policyPending` when it ran out. */
export async function loadOptionsState(locale: string, policyWaitMs = Infinity): Promise<OptionsState> {
  const effective = await readEffectiveSettings(locale, policyWaitMs);
  const hints = await Promise.all(
    effective.settings.accounts.map(async (account) => {
      const token = await tokenInEffect(effective, account);
      return [account.id, token ? savedTokenHint(token) : null] as const;
    }),
  );
  return { effective, tokenHints: Object.fromEntries(hints), locale };
}

/**
 * Where a deployed account's token comes from, as its row says: the administrator's (also over
 * one the user had entered), the user's own, one the user entered for the address the account had
 * before, or none. Null for the user's own accounts.
 */
export type DeployedToken = 'deployed' | 'deployed-over-own' | 'own' | 'own-elsewhere' | 'none';

export function deployedTokenOf(effective: EffectiveSettings, account: Account): DeployedToken | null {
  if (!account.managed) return null;
  const entered = account.id in effective.settings.ownTokens;
  if (effective.tokens[account.id]) return entered ? 'deployed-over-own' : 'deployed';
  if (effective.ownTokenIds.has(account.id)) return 'own';
  return entered ? 'own-elsewhere' : 'none';
}

/** Calls back when anything the page shows may have changed: settings, session tokens, the policy. */
export function watchOptionsState(onChange: () => void): () => void {
  const stopSettings = watchSettings(onChange);
  const stopSession = sessionTokensItem.watch(onChange);
  return () => {
    stopSettings();
    stopSession();
  };
}

/** Refused before anything is stored: a name another account has, or one it may not change. */
export class AccountRefused extends Error {
  constructor(
    message: string,
    /** The form field the refusal is about, if any. */
    readonly field: 'name' | null,
  ) {
    super(message);
  }
}

/** Runs a check that throws a sentence for the user, and throws that as a refusal. */
function refuseUnless(check: () => unknown): void {
  try {
    check();
  } catch (error) {
    throw new AccountRefused(error instanceof Error ? error.message : String(error), null);
  }
}

/** The base URLs still in use once `without` is gone or moved. */
function baseUrlsBesides(state: OptionsState, without: string): string[] {
  return state.effective.settings.accounts
    .filter((account) => account.id !== without)
    .map((account) => account.baseUrl);
}

/** Saves an account (its token first); gives back host access its old server no longer needs. */
export async function saveAccountFromPage(
  draft: AccountDraft,
  state: OptionsState,
  permissions?: HostPermissions,
): Promise<Account> {
  // The user's own accounts and the deployed ones share one set of names: the policy would hide
  // an account of the user's named like one of its own.
  const { accounts } = state.effective.settings;
  const nameProblem = checkAccountName(draft.name, accounts, draft.id);
  if (nameProblem) throw new AccountRefused(nameProblem, 'name');
  refuseUnless(() => withAccount(state.effective.settings, draft, () => 'new'));
  const previous = draft.id ? accounts.find((account) => account.id === draft.id) : undefined;
  const saved = await saveAccount(draft, { locale: state.locale });
  if (previous && previous.baseUrl !== saved.baseUrl) {
    await releaseHostAccess(previous.baseUrl, [...baseUrlsBesides(state, saved.id), saved.baseUrl], permissions);
  }
  return saved;
}

/** Removes an account and its token; gives back host access no other account needs. */
export async function removeAccountFromPage(
  account: Account,
  state: OptionsState,
  permissions?: HostPermissions,
): Promise<void> {
  refuseUnless(() => withoutAccount(state.effective.settings, account.id));
  await removeAccount(account.id, state.locale);
  await releaseHostAccess(account.baseUrl, baseUrlsBesides(state, account.id), permissions);
}

/** Saves the user's own token for a deployed account (the token first). */
export async function saveOwnTokenFromPage(draft: OwnTokenDraft, state: OptionsState): Promise<void> {
  refuseUnless(() => withOwnToken(state.effective.settings, state.effective, draft, Date.now()));
  await saveOwnToken(draft, { locale: state.locale });
}

/** Removes the user's own token of a deployed account. */
export async function removeOwnTokenFromPage(account: Account, state: OptionsState): Promise<void> {
  await removeOwnToken(account.id, state.locale);
}

/**
 * Stores the settings that apply to every account: what the user changed from what the form
 * showed (`shown`), over the settings as they are now. A site the popup's switch added or took out
 * meanwhile stays so; the accounts stay as they are.
 */
export async function saveGlobalSettings(
  wanted: GlobalSettings,
  shown: GlobalSettings,
  state: OptionsState,
): Promise<void> {
  await updateSettings((current) => {
    const change: Partial<GlobalSettings> = {};
    if (wanted.defaultRegion !== shown.defaultRegion) change.defaultRegion = wanted.defaultRegion;
    if (wanted.trigger !== shown.trigger) change.trigger = wanted.trigger;
    if (wanted.allowCreate !== shown.allowCreate) change.allowCreate = wanted.allowCreate;
    change.disabledSites = withSiteListEdits(current.disabledSites, shown.disabledSites, wanted.disabledSites);
    return change;
  }, state.locale);
}

/** The language Lead Lens speaks: "auto" or a language's tag. Every open page follows it. */
export async function saveLanguage(language: string, state: OptionsState): Promise<void> {
  await updateSettings({ language }, state.locale);
}

/** "Keep a copy of my leads on this device", on or off for one account. */
export async function setKeepCopyFromPage(accountId: string, on: boolean, state: OptionsState): Promise<void> {
  await setKeepCopy(accountId, on, state.locale);
}

/** Stores the lead card's settings, in one write; a value the policy locks keeps the user's own. */
export async function saveCardSettings(wanted: CardSettings, state: OptionsState): Promise<void> {
  await updateSettings(wanted, state.locale);
}

/**
 * The options page's reads and writes. The page reads the settings in effect (the user's, with
 * the administrator's policy applied) and the last four characters of each saved token; a full
 * token is read only to build that hint, and the page keeps the hint, never the token.
 */
import { browser } from 'wxt/browser';
import {
  checkAccountName,
  removeAccount,
  saveAccount,
  setKeepCopy,
  withAccount,
  withoutAccount,
  type AccountDraft,
} from '@/utils/accounts';
import type { PolicySetting } from '@/utils/managed-policy';
import { readEffectiveSettings, type EffectiveSettings } from '@/utils/settings';
import { readSettings, sessionTokensItem, settingsItem, type Account, type Settings } from '@/utils/storage';
import { readToken } from '@/utils/token-vault';
import { releaseHostAccess, type HostPermissions } from './permissions';
import type { CardSettings } from './card-form';
import { savedTokenHint, type GlobalSettings } from './settings-form';

export interface OptionsState {
  effective: EffectiveSettings;
  /** "Saved token ending in •••• abcd" by account id, or null where no token is saved. */
  tokenHints: Readonly<Record<string, string | null>>;
}

const GLOBAL_KEYS = ['defaultRegion', 'trigger', 'disabledSites', 'allowCreate'] as const satisfies readonly (keyof GlobalSettings &
  PolicySetting)[];

export async function loadOptionsState(locale: string): Promise<OptionsState> {
  const effective = await readEffectiveSettings(locale);
  const hints = await Promise.all(
    effective.settings.accounts.map(async (account) => {
      const token = effective.tokens[account.id] ?? (await readToken(account.id));
      return [account.id, token ? savedTokenHint(token) : null] as const;
    }),
  );
  return { effective, tokenHints: Object.fromEntries(hints) };
}

/** Calls back when anything the page shows may have changed: settings, session tokens, the policy. */
export function watchOptionsState(onChange: () => void): () => void {
  const stopSettings = settingsItem.watch(onChange);
  const stopSession = sessionTokensItem.watch(onChange);
  const managed = browser.storage.managed as typeof browser.storage.managed | undefined;
  const onPolicy = () => onChange();
  managed?.onChanged?.addListener(onPolicy);
  return () => {
    stopSettings();
    stopSession();
    managed?.onChanged?.removeListener(onPolicy);
  };
}

/** The global settings as the user wants them, keeping their own value where the policy locks one. */
function withGlobals(current: Settings, wanted: GlobalSettings, locked: ReadonlySet<PolicySetting>): Settings {
  const next: Settings = { ...current };
  for (const key of GLOBAL_KEYS) {
    if (!locked.has(key)) Object.assign(next, { [key]: wanted[key] });
  }
  return next;
}

/**
 * Until the user first saves, the page shows suggestions (the region of the browser's language,
 * the administrator's unlocked values). Whatever is saved first makes them the user's own, so
 * they stay what the page showed instead of falling back to the built-in defaults.
 */
export async function keepShownSettings(state: OptionsState): Promise<void> {
  if (state.effective.saved) return;
  const { settings: shown, locked } = state.effective;
  const next = withGlobals(await readSettings(), shown, locked);
  // The lead card's settings the administrator suggests, too.
  if (!locked.has('leadUrlTemplate')) next.leadUrlTemplate = shown.leadUrlTemplate;
  if (!locked.has('customFieldLabels')) next.customFieldLabels = shown.customFieldLabels;
  await settingsItem.setValue(next);
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
  return state.effective.settings.accounts.filter((account) => account.id !== without).map((account) => account.baseUrl);
}

/** Saves an account (its token first); gives back host access its old server no longer needs. */
export async function saveAccountFromPage(
  draft: AccountDraft,
  state: OptionsState,
  permissions?: HostPermissions,
): Promise<Account> {
  const current = await readSettings();
  // The user's own accounts and the deployed ones share one set of names: the policy would hide
  // an account of the user's named like one of its own.
  const accounts = [...state.effective.settings.accounts.filter((account) => account.managed), ...current.accounts];
  const nameProblem = checkAccountName(draft.name, accounts, draft.id);
  if (nameProblem) throw new AccountRefused(nameProblem, 'name');
  refuseUnless(() => withAccount({ ...current, accounts }, draft, () => 'new'));
  const previous = draft.id ? current.accounts.find((account) => account.id === draft.id) : undefined;
  await keepShownSettings(state);
  const saved = await saveAccount(draft);
  if (previous && previous.baseUrl !== saved.baseUrl) {
    await releaseHostAccess(previous.baseUrl, [...baseUrlsBesides(state, saved.id), saved.baseUrl], permissions);
  }
  return saved;
}

/** Removes an account and its token; gives back host access no other account needs. */
export async function removeAccountFromPage(account: Account, state: OptionsState, permissions?: HostPermissions): Promise<void> {
  refuseUnless(() => withoutAccount(state.effective.settings, account.id));
  await keepShownSettings(state);
  await removeAccount(account.id);
  await releaseHostAccess(account.baseUrl, baseUrlsBesides(state, account.id), permissions);
}

/** Stores the settings that apply to every account; the accounts stay as they are. */
export async function saveGlobalSettings(wanted: GlobalSettings, locked: ReadonlySet<PolicySetting>): Promise<void> {
  await settingsItem.setValue(withGlobals(await readSettings(), wanted, locked));
}

/** "Keep a copy of my leads on this device", on or off for one account. */
export async function setKeepCopyFromPage(accountId: string, on: boolean, state: OptionsState): Promise<void> {
  await keepShownSettings(state);
  await setKeepCopy(accountId, on);
}

/** Stores the lead card's settings, in one write; a value the policy locks keeps the user's own. */
export async function saveCardSettings(wanted: CardSettings, state: OptionsState): Promise<void> {
  await keepShownSettings(state);
  const { locked } = state.effective;
  const next: Settings = { ...(await readSettings()), me: wanted.me };
  if (!locked.has('leadUrlTemplate')) next.leadUrlTemplate = wanted.leadUrlTemplate;
  if (!locked.has('customFieldLabels')) next.customFieldLabels = wanted.customFieldLabels;
  await settingsItem.setValue(next);
}

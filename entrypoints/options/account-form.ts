/**
 * What the account form accepts: a name, a token, a customer id and a base URL, checked the way
 * the settings form checks its fields (see `settings-form.ts`), and what Save and Test connection
 * make of them.
 *
 * A saved token is only ever sent to the address it was saved for (docs/security.md §5): when the
 * base URL of a saved account changes, the token has to be typed again, for Save as for Test
 * connection. The background holds to the same rule for Test connection.
 */
import { checkAccountName, type AccountDraft } from '@/utils/accounts';
import { checkBaseUrl } from '@/utils/base-url';
import { t } from '@/utils/i18n';
import type { ConnectionDraft } from '@/utils/protocol';
import { accountNameFor, DEFAULT_BASE_URL, type Account, type TokenMemory } from '@/utils/storage';
import { checkCustomerId, checkToken, normalizeTokenInput, type Checked } from './settings-form';

/** The account form's fields as the user left them. */
export interface AccountFormValues {
  /** Empty: the account is named after its customer. */
  name: string;
  /** A new token, or empty to keep the saved one. */
  token: string;
  customerId: string;
  baseUrl: string;
  tokenMemory: TokenMemory;
}

/** The fields that can be wrong, in the order they appear in the form. */
export const ACCOUNT_FIELDS = ['name', 'token', 'customerId', 'baseUrl'] as const;
export type AccountField = (typeof ACCOUNT_FIELDS)[number];
export type AccountErrors = Partial<Record<AccountField, string>>;

export interface AccountFormContext {
  /** Every account in effect, the administrator's too: names must tell them apart. */
  accounts: readonly Account[];
  /** The saved account being edited; null while adding one. */
  editing: Account | null;
  /** Whether a token is saved for the account being edited. */
  hasSavedToken: boolean;
}

export function blankAccountForm(): AccountFormValues {
  return { name: '', token: '', customerId: '', baseUrl: DEFAULT_BASE_URL, tokenMemory: 'local' };
}

/** The form for a saved account; the token field always starts empty. */
export function formFromAccount(account: Account): AccountFormValues {
  return {
    name: account.name,
    token: '',
    customerId: account.customerId,
    baseUrl: account.baseUrl,
    tokenMemory: account.tokenMemory,
  };
}

export function sameForm(a: AccountFormValues, b: AccountFormValues): boolean {
  return (Object.keys(a) as (keyof AccountFormValues)[]).every((key) => a[key] === b[key]);
}

/** The name the account gets when the field is left empty, once the customer id is valid. */
export function suggestedName(values: Pick<AccountFormValues, 'customerId'>): string | null {
  const customer = checkCustomerId(values.customerId);
  return customer.ok ? accountNameFor(customer.value) : null;
}

/** True when the base URL typed differs from the one the edited account's token was saved for. */
function movesAway(editing: Account | null, baseUrl: string): boolean {
  if (!editing) return false;
  const saved = checkBaseUrl(editing.baseUrl);
  return !saved.ok || saved.url !== baseUrl;
}

/** A typed token; null to keep the saved one (when there is one and it may go where it is asked to). */
function checkTokenField(
  values: AccountFormValues,
  context: AccountFormContext,
  baseUrl: string | null,
  whenMoved: string,
): Checked<string | null> {
  if (normalizeTokenInput(values.token) !== '' || !context.hasSavedToken) return checkToken(values.token);
  if (baseUrl !== null && movesAway(context.editing, baseUrl)) return { ok: false, error: whenMoved };
  return { ok: true, value: null };
}

export type AccountCheck = { ok: true; draft: AccountDraft } | { ok: false; errors: AccountErrors };

/** Every field at once: an account ready to save, or an error for each field that needs one. */
export function checkAccountForm(values: AccountFormValues, context: AccountFormContext): AccountCheck {
  const customerId = checkCustomerId(values.customerId);
  const base = checkBaseUrl(values.baseUrl);
  const token = checkTokenField(values, context, base.ok ? base.url : null, t('tokenForNewAddress'));
  const name = values.name.trim() || (customerId.ok ? accountNameFor(customerId.value) : '');
  // Left empty, the name comes from the customer id: nothing to fix here until that one is valid.
  const nameProblem = name ? checkAccountName(name, context.accounts, context.editing?.id) : null;

  if (nameProblem || !token.ok || !customerId.ok || !base.ok) {
    const errors: AccountErrors = {};
    if (nameProblem) errors.name = nameProblem;
    if (!token.ok) errors.token = token.error;
    if (!customerId.ok) errors.customerId = customerId.error;
    if (!base.ok) errors.baseUrl = base.reason;
    return { ok: false, errors };
  }
  return {
    ok: true,
    draft: {
      ...(context.editing ? { id: context.editing.id } : {}),
      name,
      customerId: customerId.value,
      baseUrl: base.url,
      tokenMemory: values.tokenMemory,
      token: token.value,
    },
  };
}

export type ConnectionCheck = { ok: true; connection: ConnectionDraft } | { ok: false; errors: AccountErrors };

/**
 * Just what Test connection needs: the base URL, the customer id and a token. With no token
 * typed, a saved account is named instead, and the background uses its saved token.
 */
export function checkAccountConnection(values: AccountFormValues, context: AccountFormContext): ConnectionCheck {
  const customerId = checkCustomerId(values.customerId);
  const base = checkBaseUrl(values.baseUrl);
  const token = checkTokenField(values, context, base.ok ? base.url : null, t('failureTokenForNewAddress'));
  if (!token.ok || !customerId.ok || !base.ok) {
    const errors: AccountErrors = {};
    if (!token.ok) errors.token = token.error;
    if (!customerId.ok) errors.customerId = customerId.error;
    if (!base.ok) errors.baseUrl = base.reason;
    return { ok: false, errors };
  }
  const connection: ConnectionDraft = { baseUrl: base.url, customerId: customerId.value };
  if (token.value !== null) connection.token = token.value;
  else if (context.editing) connection.accountId = context.editing.id;
  return { ok: true, connection };
}

/**
 * The token field of a deployed account's form: a typed token, or null to keep the user's own
 * saved one (there is nothing else to keep: the rest of the account is the administrator's).
 */
export function checkOwnToken(typed: string, hasSavedToken: boolean): Checked<string | null> {
  if (normalizeTokenInput(typed) === '' && hasSavedToken) return { ok: true, value: null };
  return checkToken(typed);
}

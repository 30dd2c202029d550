/**
 * What the options page's forms accept, and what their results say to the user: the checks of
 * each field, and the settings that apply to every account (the account form's own checks are in
 * `account-form.ts`).
 *
 * Everything here is pure: the form hands in what the user typed and gets back either settings
 * ready to store or one plain sentence per field that needs fixing. No message ever repeats the
 * token (docs/security.md §1): token errors describe its shape, never its text.
 */
import type { CountryCode } from 'libphonenumber-js/max';
import { formatWait, type ApiFailure } from '@/utils/api/errors';
import { messagesLocale, plural, t } from '@/utils/i18n';
import type { TestConnectionReply } from '@/utils/protocol';
import { siteFromText } from '@/utils/sites';
import type { HostAccess } from './permissions';
import type { LookupTrigger, Settings } from '@/utils/storage';

/** The settings that apply to every account, as stored. */
export type GlobalSettings = Pick<Settings, 'defaultRegion' | 'trigger' | 'disabledSites' | 'allowCreate'>;

/** The settings form's fields as the user left them: text as typed, choices as picked. */
export interface SettingsDraft {
  defaultRegion: string;
  trigger: LookupTrigger;
  /** One host per line, as typed. */
  disabledSites: string;
  allowCreate: boolean;
}

/** The fields of the settings form that can be wrong, in the order they appear on the page. */
export const CHECKED_FIELDS = ['defaultRegion', 'disabledSites'] as const;
export type CheckedField = (typeof CHECKED_FIELDS)[number];
export type FieldErrors = Partial<Record<CheckedField, string>>;

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

const TOKEN_PREFIX = 'mega_';
const TOKEN_HEX_LENGTH = 64;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The token without the whitespace and the `Bearer ` prefix that often come along when pasting. */
export function normalizeTokenInput(input: string): string {
  return input
    .trim()
    .replace(/^bearer(?:\s+|$)/i, '')
    .trim();
}

/** `mega_` followed by 64 hex digits (either case); the token's own text is kept as typed. */
export function checkToken(input: string): Checked<string> {
  const token = normalizeTokenInput(input);
  if (!token) return { ok: false, error: t('tokenEmpty') };
  if (!token.startsWith(TOKEN_PREFIX)) {
    return { ok: false, error: t('tokenNoPrefix') };
  }
  const digits = token.slice(TOKEN_PREFIX.length);
  if (/[^0-9a-f]/i.test(digits)) {
    return { ok: false, error: t('tokenNotHex') };
  }
  if (digits.length !== TOKEN_HEX_LENGTH) {
    return { ok: false, error: t('tokenWrongLength', String(TOKEN_HEX_LENGTH), String(digits.length)) };
  }
  return { ok: true, value: token };
}

/** A UUID, returned in lower case (the form MEGA uses). */
export function checkCustomerId(input: string): Checked<string> {
  const id = input.trim();
  if (!id) return { ok: false, error: t('customerIdEmpty') };
  if (!UUID.test(id)) {
    return { ok: false, error: t('customerIdInvalid') };
  }
  return { ok: true, value: id.toLowerCase() };
}

/**
 * An ISO 3166 country code that libphonenumber can read numbers for (`isRegion`, from regions.ts),
 * in upper case.
 */
export function checkRegion(input: string, isRegion: (code: string) => code is CountryCode): Checked<CountryCode> {
  const code = input.trim().toUpperCase();
  return isRegion(code) ? { ok: true, value: code } : { ok: false, error: t('regionInvalid') };
}

/** The site list: one host per line, blank lines and repeats dropped; every bad line is named. */
export function checkSiteList(text: string): Checked<string[]> {
  const hosts = new Set<string>();
  const bad: string[] = [];
  text.split(/\r\n|\r|\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (!line) return;
    const host = siteFromText(line);
    if (host) hosts.add(host);
    else bad.push(t('siteListLine', String(index + 1), shorten(line)));
  });
  if (bad.length === 0) return { ok: true, value: [...hosts] };
  const shown = bad.length > 3 ? [...bad.slice(0, 3), t('siteListMore', String(bad.length - 3))] : bad;
  return { ok: false, error: plural(bad.length, 'siteListBadOne', 'siteListBadOther', listOf(shown)) };
}

/** The text the site list shows for saved hosts. */
export function formatSiteList(sites: readonly string[]): string {
  return sites.join('\n');
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

function listOf(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return t('listAnd', items.slice(0, -1).join(', '), items[items.length - 1]!);
}

/** The settings form as it starts out for these settings. */
export function draftFromSettings(settings: GlobalSettings): SettingsDraft {
  return {
    defaultRegion: settings.defaultRegion,
    trigger: settings.trigger,
    disabledSites: formatSiteList(settings.disabledSites),
    allowCreate: settings.allowCreate,
  };
}

export type SettingsCheck = { ok: true; settings: GlobalSettings } | { ok: false; errors: FieldErrors };

/** Every field at once: settings ready to store, or an error for each field that needs one. */
export function checkSettingsDraft(
  draft: SettingsDraft,
  isRegion: (code: string) => code is CountryCode,
): SettingsCheck {
  const region = checkRegion(draft.defaultRegion, isRegion);
  const sites = checkSiteList(draft.disabledSites);
  if (!region.ok || !sites.ok) {
    const errors: FieldErrors = {};
    if (!region.ok) errors.defaultRegion = region.error;
    if (!sites.ok) errors.disabledSites = sites.error;
    return { ok: false, errors };
  }
  return {
    ok: true,
    settings: {
      defaultRegion: region.value,
      trigger: draft.trigger,
      disabledSites: sites.value,
      allowCreate: draft.allowCreate,
    },
  };
}

/** The only part of a saved token the page ever shows again. */
export function savedTokenHint(token: string): string {
  return t('savedTokenHint', token.slice(-4));
}

export interface StatusMessage {
  tone: 'success' | 'error' | 'progress';
  text: string;
}

/** What Test connection says for the background's reply, in plain words. */
export function describeConnectionResult(reply: TestConnectionReply, locale = messagesLocale()): StatusMessage {
  if (reply.ok) {
    const count = new Intl.NumberFormat(locale).format(reply.total);
    return { tone: 'success', text: plural(reply.total, 'connectedOne', 'connectedOther', count) };
  }
  return { tone: 'error', text: describeConnectionFailure(reply.failure) };
}

function describeConnectionFailure(failure: ApiFailure): string {
  switch (failure.kind) {
    case 'unauthenticated':
      return t('connUnauthenticated');
    case 'forbidden':
      return t('connForbidden');
    case 'rate_limited':
      return failure.retryAfterSeconds === undefined
        ? t('connRateLimited')
        : t('connRateLimitedWait', formatWait(Math.max(1, Math.ceil(failure.retryAfterSeconds))));
    case 'network':
      return t('connNetwork');
    case 'not_found':
    case 'contract':
      return t('connNotMegaApi');
    case 'timeout':
      return t('connTimeout');
    case 'server':
      return failure.status === undefined ? t('connServer') : t('connServerStatus', String(failure.status));
    case 'bad_request':
      return t('connBadRequest');
    case 'conflict':
    case 'unknown':
      return t('connUnknown');
  }
}

/** Why nothing happened when the browser did not grant access to the base URL's server. */
export function describeRefusedAccess(access: HostAccess, action: 'save' | 'test'): string | null {
  if (access.state === 'not-needed' || access.state === 'granted') return null;
  const host = access.origin.replace(/^[a-z]+:\/\//, '').replace(/\/\*$/, '');
  if (access.state === 'refused') return action === 'save' ? t('saveRefused', host) : t('testRefused', host);
  return action === 'save' ? t('saveUnavailable', host) : t('testUnavailable', host);
}

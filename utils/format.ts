/**
 * How lead values read to a person: relative times, exact dates, labels for the API's codes.
 * Times and numbers go through `Intl`, in the language the user chose (`messagesLocale()`); words come from the messages.
 */
import { elapsedBetween, type Elapsed } from './elapsed';
import { messagesLocale, t, type MessageKey } from './i18n';

/**
 * One formatter per language and options, made once: making one costs far more than using it,
 * and a list of 200 leads would make hundreds.
 */
const formatters = new Map<string, unknown>();

function cached<T>(key: string, make: () => T): T {
  if (!formatters.has(key)) formatters.set(key, make());
  return formatters.get(key) as T;
}

export function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  return cached(`number\n${locale}\n${JSON.stringify(options)}`, () => new Intl.NumberFormat(locale, options));
}

function relativeTimeFormat(locale: string, numeric: 'always' | 'auto'): Intl.RelativeTimeFormat {
  return cached(`relative\n${locale}\n${numeric}`, () => new Intl.RelativeTimeFormat(locale, { numeric }));
}

/** The largest unit first; each is shown once at least one whole one has passed. */
const UNITS: Array<[Intl.RelativeTimeFormatUnit, keyof Elapsed]> = [
  ['year', 'years'],
  ['month', 'months'],
  ['week', 'weeks'],
  ['day', 'days'],
  ['hour', 'hours'],
  ['minute', 'minutes'],
  ['second', 'seconds'],
];

/**
 * "3 days ago", "in 2 hours", "now". Whole units only, never rounded up: 19 months ago is
 * "1 year ago". Always a number ("1 day ago", not "yesterday"): "yesterday" names a calendar day,
 * which 40 hours ago may not be.
 */
export function relativeTime(iso: string, now: number = Date.now(), locale = messagesLocale()): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return iso;
  const elapsed = elapsedBetween(then, now);
  const sign = then < now ? -1 : 1;
  const format = relativeTimeFormat(locale, 'always');
  for (const [unit, field] of UNITS) {
    if (elapsed[field] >= 1) return format.format(sign * elapsed[field], unit);
  }
  return relativeTimeFormat(locale, 'auto').format(0, 'second');
}

/** The exact moment, for a tooltip: "12 March 2026, 14:05". */
export function exactDate(iso: string, locale = messagesLocale()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }).format(date);
}

/** "phone_call" → "Phone call", "google_ads" → "Google ads"; unknown codes still read well. */
export function humanize(code: string): string {
  const words = code.replace(/[_-]+/g, ' ').trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : code;
}

/** The API's lead statuses and source types that have a translated name; others are humanized. */
const STATUS_LABELS: Record<string, MessageKey> = {
  active: 'statusActive',
  won: 'statusWon',
  lost: 'statusLost',
  nurture: 'statusNurture',
  archived: 'statusArchived',
};

const SOURCE_TYPE_LABELS: Record<string, MessageKey> = {
  form: 'sourceForm',
  phone_call: 'sourcePhoneCall',
  email: 'sourceEmail',
  chat: 'sourceChat',
  sms: 'sourceSms',
  manual: 'sourceManual',
  import: 'sourceImport',
};

/** "won" → "Won"; null for a status the API reference does not name. */
export function knownStatusLabel(status: string): string | null {
  const key = Object.hasOwn(STATUS_LABELS, status) ? STATUS_LABELS[status] : undefined;
  return key ? t(key) : null;
}

export function statusLabel(status: string): string {
  return knownStatusLabel(status) ?? humanize(status);
}

export function sourceTypeLabel(code: string): string {
  const key = Object.hasOwn(SOURCE_TYPE_LABELS, code) ? SOURCE_TYPE_LABELS[code] : undefined;
  return key ? t(key) : humanize(code);
}

/** Platforms named by a word rather than a brand. */
const PLATFORM_LABELS: Record<string, MessageKey> = {
  google_organic: 'platformGoogleOrganic',
  direct: 'platformDirect',
  referral: 'platformReferral',
};

/** Brand names, the same in every language. */
const PLATFORM_NAMES: Record<string, string> = {
  google_ads: 'Google Ads',
  meta_ads: 'Meta Ads',
  hubspot: 'HubSpot',
  zoho: 'Zoho',
  ghl: 'GoHighLevel',
  shopify: 'Shopify',
  zenmaid: 'ZenMaid',
  lead_docket: 'Lead Docket',
  salesforce: 'Salesforce',
};

export function platformName(code: string): string {
  const key = Object.hasOwn(PLATFORM_LABELS, code) ? PLATFORM_LABELS[code] : undefined;
  if (key) return t(key);
  return (Object.hasOwn(PLATFORM_NAMES, code) ? PLATFORM_NAMES[code] : undefined) ?? humanize(code);
}

export function formatNumber(value: number, locale = messagesLocale()): string {
  return numberFormat(locale).format(value);
}

/** "MEGA budget: 12 of 60 this minute": what is left of the token's rate-limit window. */
export function formatRateBudget(status: { remaining: number; limit: number }, locale = messagesLocale()): string {
  return t('rateBudgetStatus', formatNumber(status.remaining, locale), formatNumber(status.limit, locale));
}

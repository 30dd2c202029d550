/**
 * How lead values read to a person: relative times, exact dates, labels for the API's codes.
 * Everything goes through `Intl`, in the browser's language.
 */
const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/** "3 days ago", "in 2 hours", "now". */
export function relativeTime(iso: string, now: number = Date.now(), locale?: string): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return iso;
  const seconds = Math.round((then - now) / 1000);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === 'second') {
      return format.format(Math.round(seconds / size), unit);
    }
  }
  return format.format(0, 'second');
}

/** The exact moment, for a tooltip: "12 March 2026, 14:05". */
export function exactDate(iso: string, locale?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }).format(date);
}

/** "phone_call" → "Phone call", "google_ads" → "Google ads"; unknown codes still read well. */
export function humanize(code: string): string {
  const words = code.replace(/[_-]+/g, ' ').trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : code;
}

const PLATFORM_NAMES: Record<string, string> = {
  google_ads: 'Google Ads',
  meta_ads: 'Meta Ads',
  google_organic: 'Google (organic)',
  hubspot: 'HubSpot',
  zoho: 'Zoho',
  ghl: 'GoHighLevel',
  shopify: 'Shopify',
  zenmaid: 'ZenMaid',
  lead_docket: 'Lead Docket',
  salesforce: 'Salesforce',
};

export function platformName(code: string): string {
  return PLATFORM_NAMES[code] ?? humanize(code);
}

export function formatNumber(value: number, locale?: string): string {
  return new Intl.NumberFormat(locale).format(value);
}

export function formatCustomValue(value: string | number | boolean | null): string {
  if (value === null) return '—';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number') return formatNumber(value);
  return value;
}

/**
 * A lead's custom fields as a person reads them: named by the labels the user or an administrator
 * gave their slugs, values formatted by type with `Intl`. Values are read as `unknown`: the API
 * documents scalars, but real data holds lists and objects too, and those must still read as text.
 * (No zod here: the card bundles this; the label map's schema is in `custom-field-labels.ts`.)
 */
import { humanize } from './format';
import { messagesLocale, t } from './i18n';

export const CUSTOM_FIELD_TYPES = ['currency', 'date', 'boolean', 'url', 'text'] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

/** How to show one field: `{ label: 'Budget', type: 'currency', currency: 'USD' }`. */
export interface CustomFieldLabel {
  label: string;
  type?: CustomFieldType;
  /** ISO 4217, upper case. Without one a currency field shows a plain number. */
  currency?: string;
}

/** Slug → how to show the field. Read from outside with `readCustomFieldLabels` (custom-field-labels.ts). */
export type CustomFieldLabels = Record<string, CustomFieldLabel>;

/** One custom field, ready to show; `href` only for an https link. */
export interface ShownCustomField {
  slug: string;
  label: string;
  text: string;
  href?: string;
}

/** How deep a list or object in a value is spelled out before the rest is elided. */
const MAX_DEPTH = 4;

interface Readable {
  text: string;
  /** More than one item or pair: needs brackets inside another list or object. */
  group: boolean;
}

function yesNo(value: boolean): string {
  return value ? t('valueYes') : t('valueNo');
}

/** Any value as text: lists "a, b", objects "Key: value, Key: value", nested ones in brackets. */
function readable(value: unknown, locale: string, depth: number): Readable | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') {
    const text = value.trim();
    return text ? { text, group: false } : null;
  }
  if (typeof value === 'number') {
    return Number.isFinite(value) ? { text: new Intl.NumberFormat(locale).format(value), group: false } : null;
  }
  if (typeof value === 'bigint') return { text: new Intl.NumberFormat(locale).format(value), group: false };
  if (typeof value === 'boolean') return { text: yesNo(value), group: false };
  if (typeof value !== 'object') return null;
  if (depth >= MAX_DEPTH) return { text: '…', group: false };
  const inner = (item: unknown) => {
    const read = readable(item, locale, depth + 1);
    return read === null ? null : read.group ? `(${read.text})` : read.text;
  };
  const parts = Array.isArray(value)
    ? value.map(inner)
    : Object.entries(value).map(([key, item]) => {
        const text = inner(item);
        return text === null ? null : `${humanize(key)}: ${text}`;
      });
  const shown = parts.filter((part): part is string => part !== null);
  return shown.length === 0 ? null : { text: shown.join(', '), group: shown.length > 1 };
}

const NUMERIC = /^-?\d+(?:\.\d+)?$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/i;

/** The value read as its labelled type, or null when it is not one; then it shows as plain text. */
function typed(
  value: unknown,
  { type, currency }: CustomFieldLabel,
  locale: string,
): Omit<ShownCustomField, 'slug' | 'label'> | null {
  const written = typeof value === 'string' ? value.trim() : undefined;
  switch (type) {
    case 'currency': {
      const amount = typeof value === 'number' ? value : written && NUMERIC.test(written) ? Number(written) : NaN;
      if (!Number.isFinite(amount)) return null;
      try {
        // A budget of 450000 reads "$450,000": cents only when there are some ("$450,000.50").
        const options: Intl.NumberFormatOptions = currency
          ? { style: 'currency', currency, trailingZeroDisplay: 'stripIfInteger' }
          : {};
        return { text: new Intl.NumberFormat(locale, options).format(amount) };
      } catch {
        return null;
      }
    }
    case 'date': {
      if (!written) return null;
      // A date without a time is a calendar day: shown in UTC, it cannot slip to the day before.
      if (DATE_ONLY.test(written)) {
        const day = Date.parse(`${written}T00:00:00Z`);
        if (Number.isNaN(day)) return null;
        return { text: new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(day) };
      }
      const moment = DATE_TIME.test(written) ? Date.parse(written.replace(' ', 'T')) : NaN;
      if (Number.isNaN(moment)) return null;
      return { text: new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(moment) };
    }
    case 'boolean': {
      if (typeof value === 'boolean') return { text: yesNo(value) };
      if (value === 1 || value === 0) return { text: yesNo(value === 1) };
      const word = written?.toLowerCase();
      if (word === 'true' || word === 'yes') return { text: yesNo(true) };
      if (word === 'false' || word === 'no') return { text: yesNo(false) };
      return null;
    }
    case 'url': {
      if (!written) return null;
      let url: URL;
      try {
        url = new URL(written);
      } catch {
        return null;
      }
      // Only https opens: javascript:, data: and plain http stay text.
      return url.protocol === 'https:' ? { text: written, href: url.href } : { text: written };
    }
    case 'text':
    case undefined:
      return null;
  }
}

function labelFor(slug: string, labels: CustomFieldLabels | undefined): CustomFieldLabel | undefined {
  return labels && Object.hasOwn(labels, slug) ? labels[slug] : undefined;
}

/** One field as shown, or null when it has nothing to show (null, empty text, empty list). */
export function formatCustomField(
  slug: string,
  value: unknown,
  labels: CustomFieldLabels | undefined,
  locale = messagesLocale(),
): ShownCustomField | null {
  const named = labelFor(slug, labels);
  const label = named?.label ?? humanize(slug);
  const formatted = named ? typed(value, named, locale) : null;
  if (formatted) return { slug, label, ...formatted };
  const read = readable(value, locale, 0);
  return read === null ? null : { slug, label, text: read.text };
}

/**
 * The fields worth showing: those with a label first, in the label map's order (the order
 * whoever named them chose), then the rest in the lead's own order.
 */
export function shownCustomFields(
  fields: Record<string, unknown> | null | undefined,
  labels: CustomFieldLabels | undefined,
  locale = messagesLocale(),
): ShownCustomField[] {
  if (!fields) return [];
  const slugs = Object.keys(fields);
  const labelled = Object.keys(labels ?? {}).filter((slug) => Object.hasOwn(fields, slug));
  const ordered = [...labelled, ...slugs.filter((slug) => !labelled.includes(slug))];
  return ordered
    .map((slug) => formatCustomField(slug, fields[slug], labels, locale))
    .filter((field): field is ShownCustomField => field !== null);
}

/**
 * Every word the extension shows comes from `public/_locales/<language>/messages.json`, read with
 * the browser's own `i18n.getMessage`, so a translation is one more file and no code change.
 *
 * Messages with values in them use Chrome's placeholders: `"Off on $HOST$"` with
 * `"placeholders": { "host": { "content": "$1" } }`, filled from `t('siteOffOn', host)`. Numbers
 * and dates are formatted with `Intl` before they go in.
 *
 * The content script reads no messages at all: the background words the little it shows (the card
 * frame's title, the button's label) in its replies, since a page's first read of the extension's
 * messages holds that page's thread for milliseconds.
 */
import { browser } from 'wxt/browser';
import english from '../public/_locales/en/messages.json';

/** The name of a message in the English file, which every other language follows. */
export type MessageKey = keyof typeof english;

interface MessageEntry {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

/** The message in the user's language (or English where a translation lacks it), filled in. */
export function t(key: MessageKey, ...substitutions: string[]): string {
  if (import.meta.env.MODE === 'test') return testMessage(key, substitutions);
  return browser.i18n.getMessage(key, substitutions);
}

/**
 * The `one` or the `other` message for a count, as the plural rules of the messages' language
 * pick it (English: one for 1, other for everything else). Pass the count already formatted.
 */
export function plural(count: number, one: MessageKey, other: MessageKey, ...substitutions: string[]): string {
  return t(pluralRules().select(count) === 'one' ? one : other, ...substitutions);
}

/** The language the messages are written in (the `locale` message of the file in use). */
export function messagesLocale(): string {
  return t('locale') || 'en';
}

/**
 * An extension page in the messages' language: its title, and the lang attribute that tells
 * screen readers and hyphenation which language the words are in. The HTML's own title is the
 * fallback until this runs.
 */
export function showPageIn(titleKey: MessageKey): void {
  document.title = t(titleKey);
  document.documentElement.lang = messagesLocale();
}

let rules: { locale: string; rules: Intl.PluralRules } | undefined;

function pluralRules(): Intl.PluralRules {
  const locale = messagesLocale();
  if (rules?.locale !== locale) {
    let made: Intl.PluralRules;
    try {
      made = new Intl.PluralRules(locale);
    } catch {
      made = new Intl.PluralRules('en');
    }
    rules = { locale, rules: made };
  }
  return rules.rules;
}

/**
 * Unit tests run on WXT's fake browser, whose `i18n.getMessage` is not implemented: there the
 * English file is read directly, unless a test provides `getMessage` itself. Production builds
 * drop this branch and the file with it; the browser reads the messages.
 */
function testMessage(key: MessageKey, substitutions: string[]): string {
  try {
    const provided = browser.i18n.getMessage(key, substitutions);
    if (provided) return provided;
  } catch {
    // Not mocked: read the file.
  }
  return formatMessage(english[key] as MessageEntry, substitutions);
}

/** What `getMessage` makes of a messages.json entry: placeholders filled, then `$1`…`$9` and `$$`. */
export function formatMessage(entry: MessageEntry, substitutions: readonly string[]): string {
  const contents = new Map(
    Object.entries(entry.placeholders ?? {}).map(([name, placeholder]) => [name.toLowerCase(), placeholder.content]),
  );
  return entry.message
    .replace(/\$([a-z0-9_@]+)\$/gi, (whole, name: string) => contents.get(name.toLowerCase()) ?? whole)
    .replace(/\$(\$|[1-9])/g, (_whole, which: string) =>
      which === '$' ? '$' : (substitutions[Number(which) - 1] ?? ''),
    );
}

/**
 * Every word the extension shows comes from `public/_locales/<language>/messages.json`, so a
 * translation is one more file and no code change.
 *
 * The extension reads those files itself, not through `browser.i18n`: the browser's reader speaks
 * the browser's language only, and Lead Lens speaks the one the user (or the administrator) chose.
 * A page loads the chosen language and English, its fallback for any message the language lacks,
 * once at boot (`loadLanguage`); `t()` and `plural()` are synchronous from then on. The manifest's
 * `__MSG_name__` strings stay the browser's.
 *
 * Messages with values in them use Chrome's placeholders: `"Off on $HOST$"` with
 * `"placeholders": { "host": { "content": "$1" } }`, filled from `t('siteOffOn', host)`. Numbers
 * and dates are formatted with `Intl` in `messagesLocale()` before they go in.
 *
 * The content script reads no messages at all: the background words the little it shows (the card
 * frame's title, the button's label) in its replies, since a page's first read of the extension's
 * messages holds that page's thread for milliseconds.
 */
import { browser } from 'wxt/browser';
import english from '../public/_locales/en/messages.json';
import { LANGUAGES, languageFor, type Language } from './languages';

/** The name of a message in the English file, which every other language follows. */
export type MessageKey = keyof typeof english;

export interface MessageEntry {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

export type Catalogue = Record<string, MessageEntry>;

interface Loaded {
  language: Language;
  messages: Catalogue;
  english: Catalogue;
}

let loaded: Loaded | undefined;

/** Reads a messages file the extension ships, by its path from the extension's root. */
export type ReadCatalogue = (path: string) => Promise<Catalogue>;

async function fetchCatalogue(path: string): Promise<Catalogue> {
  const response = await fetch(browser.runtime.getURL(path as '/'));
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return (await response.json()) as Catalogue;
}

/**
 * The browser's UI language, which "Automatic" follows. Outside a browser (unit tests) there is
 * none, and English is it.
 */
export function browserUiLanguage(): string {
  try {
    return browser.i18n.getUILanguage?.() || globalThis.navigator?.language || 'en';
  } catch {
    return globalThis.navigator?.language ?? 'en';
  }
}

/**
 * Loads the messages of `choice` ("auto" for the browser's UI language, or a language tag) and of
 * English beside them. A language whose file is missing or unreadable speaks English: a word is
 * never left empty.
 */
export async function loadLanguage(choice: string, read: ReadCatalogue = fetchCatalogue): Promise<Language> {
  const language = languageFor(choice === 'auto' ? browserUiLanguage() : choice);
  const englishFile = read(LANGUAGES[0]!.path);
  const own = language.folder === 'en' ? englishFile : read(language.path).catch(() => englishFile);
  const [englishMessages, messages] = await Promise.all([englishFile, own]);
  loaded = { language, messages, english: englishMessages };
  return language;
}

/** The message in the chosen language (or English where the language lacks it), filled in. */
export function t(key: MessageKey, ...substitutions: string[]): string {
  return message(key, substitutions);
}

function message(key: string, substitutions: readonly string[]): string {
  if (loaded) {
    const entry = loaded.messages[key] ?? loaded.english[key];
    return entry ? formatMessage(entry, substitutions) : '';
  }
  // Nothing loaded yet (a context that has not booted, or a unit test): the browser's reader.
  if (import.meta.env.MODE === 'test') return testMessage(key as MessageKey, substitutions);
  return browser.i18n.getMessage(key as MessageKey, substitutions as string[]);
}

function hasMessage(key: string): boolean {
  if (loaded) return key in loaded.messages || key in loaded.english;
  // As `message` reads it; the English file is in unit tests only, never in a build's scripts.
  if (import.meta.env.MODE === 'test') return key in english;
  return browser.i18n.getMessage(key as MessageKey) !== '';
}

/**
 * The message for a count in the form the chosen language's plural rules pick (CLDR's zero, one,
 * two, few, many or other). English names a family by its two forms, `leadsOne` and `leadsOther`;
 * a language adds the forms it needs under the same stem (`leadsFew`, `leadsMany`…). A form the
 * language does not have falls back to `<stem>Other`. Pass the count already formatted.
 */
export function plural(count: number, one: MessageKey, other: MessageKey, ...substitutions: string[]): string {
  const category = pluralRules().select(count);
  const stem = other.replace(/Other$/, '');
  const wanted = category === 'one' ? one : `${stem}${category[0]!.toUpperCase()}${category.slice(1)}`;
  return message(hasMessage(wanted) ? wanted : other, substitutions);
}

/** The language the messages are written in, as a BCP 47 tag: "en", "pt-BR", "es-419". */
export function messagesLocale(): string {
  return message('locale', []) || 'en';
}

/** The chosen language, once loaded; English until then. */
export function currentLanguage(): Language {
  return loaded?.language ?? LANGUAGES[0]!;
}

/**
 * An extension page in the messages' language: its title, the lang attribute that tells screen
 * readers and hyphenation which language the words are in, and the direction they are written in.
 * The HTML's own title is the fallback until this runs.
 */
export function showPageIn(titleKey: MessageKey): void {
  document.title = t(titleKey);
  document.documentElement.lang = messagesLocale();
  document.documentElement.dir = currentLanguage().dir;
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
 * Unit tests that load no language run on WXT's fake browser, whose `i18n.getMessage` is not
 * implemented: there the English file is read directly, unless a test provides `getMessage`
 * itself. Production builds drop this branch and the file with it.
 */
function testMessage(key: MessageKey, substitutions: readonly string[]): string {
  try {
    const provided = browser.i18n.getMessage(key, substitutions as string[]);
    if (provided) return provided;
  } catch {
    // Not mocked: read the file.
  }
  const entry = (english as Catalogue)[key];
  return entry ? formatMessage(entry, substitutions) : '';
}

/** Forgets the loaded language, for unit tests that load one. */
export function unloadLanguage(): void {
  loaded = undefined;
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

/**
 * Every language against English, so no later change leaves one behind: each folder under
 * public/_locales and the two generated pseudo-locales. A language whose folder is not there yet is
 * not checked (docs/translating.md).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import english from '../public/_locales/en/messages.json';
import { pseudoLocales } from '../build/pseudo-locales';
import type { Catalogue } from './i18n';
import { LANGUAGES, languageFor } from './languages';

const LOCALES = fileURLToPath(new URL('../public/_locales', import.meta.url));
const ENGLISH = english as Catalogue;

/**
 * Messages a translation may leave as English says them: names (of the product, of MEGA, of
 * brands), codes and words that are the same in most languages. Anything else identical to
 * English is a message left untranslated.
 */
const SAME_IN_EVERY_LANGUAGE = new Set([
  'Lead Lens',
  'MEGA',
  'OK',
  'ID',
  'URL',
  'API',
  'SMS',
  'Email',
  'E-mail',
  // Examples: a company, a currency code, host names.
  'Acme',
  'USD',
  'mail.example.com\nintranet.example',
]);

/**
 * Messages, by folder and key, that a language says as English does although they are words
 * ("Status" in German): each is a translator's decision, listed so it is not taken for a miss.
 */
const SAME_AS_ENGLISH: Record<string, string[]> = {
  de: [
    'name',
    'score',
    'status',
    'sourceChat',
    'sourceImport',
    'fieldLabel',
    'fieldTypeText',
    'panelGroupKnown',
    'panelNamePlaceholder',
  ],
  es: ['valueNo', 'sourceChat', 'sourceManual', 'leadsOne', 'leadsOther'],
  fr: [
    'waitMinutesOne',
    'waitMinutesOther',
    'score',
    'interactionsOne',
    'interactionsOther',
    'source',
    'sourceChat',
    'platformDirect',
    'leadsOne',
    'leadsOther',
    'fieldTypeDate',
  ],
  id: ['status', 'sourceChat', 'sourceManual', 'leadsOne', 'fieldSlug'],
  it: ['valueNo', 'sourceChat', 'leadsOne', 'account', 'panelGroupKnown'],
  nl: [
    'score',
    'status',
    'sourceChat',
    'sourceImport',
    'platformDirect',
    'leadsOne',
    'leadsOther',
    'sectionAccounts',
    'account',
    'recent',
    'panelGroupKnown',
  ],
  pl: ['status', 'sourceImport', 'leadsOne'],
  pt_BR: ['status', 'sourceChat', 'sourceManual', 'leadsOne', 'leadsOther'],
  sv: ['status', 'sourceImport', 'leadsOne', 'leadsOther', 'fieldTypeText'],
  tr: ['sourceForm'],
  vi: ['leadsOne', 'fieldSlug'],
  zh_CN: ['fieldSlug'],
};

/** A message with no words of its own (only placeholders, digits, signs) is never "untranslated". */
const hasWords = (message: string) => /\p{L}{2,}/u.test(message.replace(/\$[A-Za-z0-9_@]+\$/g, ''));

/** The plural families of English: `<stem>One` and `<stem>Other`. */
const PLURAL_STEMS = Object.keys(ENGLISH)
  .filter((key) => key.endsWith('One') && `${key.slice(0, -3)}Other` in ENGLISH)
  .map((key) => key.slice(0, -3));

const FORMS = ['Zero', 'One', 'Two', 'Few', 'Many', 'Other'];

/** A message's placeholders as the code fills them: name → content. */
function placeholdersOf(catalogue: Catalogue, key: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(catalogue[key]?.placeholders ?? {}).map(([name, { content }]) => [name.toLowerCase(), content]),
  );
}

/** The placeholders a message's text uses, by name. */
function usedIn(message: string): string[] {
  return [...new Set([...message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((match) => match[1]!.toLowerCase()))].sort();
}

const translations: Array<[string, Catalogue]> = [
  ...readdirSync(LOCALES)
    .filter((folder) => folder !== 'en' && existsSync(join(LOCALES, folder, 'messages.json')))
    .map((folder): [string, Catalogue] => [
      folder,
      JSON.parse(readFileSync(join(LOCALES, folder, 'messages.json'), 'utf8')) as Catalogue,
    ]),
  ...pseudoLocales(ENGLISH).map(({ tag, catalogue }): [string, Catalogue] => [tag, catalogue]),
];

describe.each(translations)('the %s messages', (name, catalogue) => {
  const locale = catalogue.locale?.message ?? '';

  it('name their language as a BCP 47 tag of a language Lead Lens offers', () => {
    expect(() => new Intl.Locale(locale), `locale "${locale}"`).not.toThrow();
    if (!name.includes('-')) expect(languageFor(locale).folder).toBe(name);
  });

  it('have every message of English, with its placeholders, and no message English does not have', () => {
    const missing = Object.keys(ENGLISH).filter((key) => !catalogue[key]?.message?.trim());
    expect(missing, 'missing or empty').toEqual([]);
    for (const key of Object.keys(ENGLISH)) {
      expect(placeholdersOf(catalogue, key), `placeholders of ${key}`).toEqual(placeholdersOf(ENGLISH, key));
      expect(usedIn(catalogue[key]!.message), `placeholders ${key} uses`).toEqual(usedIn(ENGLISH[key]!.message));
    }
    const extra = Object.keys(catalogue).filter(
      (key) => !(key in ENGLISH) && !PLURAL_STEMS.some((stem) => FORMS.some((form) => key === `${stem}${form}`)),
    );
    expect(extra, 'not in English').toEqual([]);
  });

  it('have every plural form the language needs, and none it does not', () => {
    const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
    const needed = new Set([
      'One',
      'Other',
      ...categories.map((category) => category[0]!.toUpperCase() + category.slice(1)),
    ]);
    for (const stem of PLURAL_STEMS) {
      const has = FORMS.filter((form) => `${stem}${form}` in catalogue);
      expect(has, `forms of ${stem} for ${locale} (${categories.join(', ')})`).toEqual(
        FORMS.filter((form) => needed.has(form)),
      );
    }
  });

  it('leave nothing in English but names and codes', () => {
    const untranslated = Object.keys(ENGLISH).filter((key) => {
      const message = catalogue[key]?.message ?? '';
      if (key === 'locale' || message !== ENGLISH[key]!.message || !hasWords(message)) return false;
      return !SAME_IN_EVERY_LANGUAGE.has(message) && !SAME_AS_ENGLISH[name]?.includes(key);
    });
    expect(untranslated).toEqual([]);
  });
});

describe('the languages', () => {
  it('have a folder each that Lead Lens offers, and nothing else under _locales', () => {
    const offered = new Set(LANGUAGES.map((language) => language.folder));
    expect(readdirSync(LOCALES).filter((folder) => !offered.has(folder))).toEqual([]);
  });
});

describe('the pseudo-locales', () => {
  const [long, rtl] = pseudoLocales(ENGLISH);

  it('make every message longer, accented and bracketed, its placeholders kept', () => {
    expect(long!.catalogue.settingsSaved!.message).toMatch(/^\[Šéţţíñĝš šáṽéð\. [~ ]+\]$/);
    expect(long!.catalogue.siteOffOn!.message).toMatch(/^\[Óƒƒ óñ \$HOST\$ [~ ]+\]$/);
    const ratio = long!.catalogue.settingsSaved!.message.length / ENGLISH.settingsSaved!.message.length;
    expect(ratio).toBeGreaterThanOrEqual(1.4);
  });

  it("write every message right to left, with Arabic's six plural forms", () => {
    expect(rtl!.catalogue.settingsSaved!.message).toBe('\u202eSettings saved.\u202c');
    expect(rtl!.catalogue.siteOffOn!.message).toBe('\u202eOff on \u202c$HOST$');
    expect(Object.keys(rtl!.catalogue).filter((key) => key.startsWith('leadsMatch'))).toHaveLength(6);
  });
});

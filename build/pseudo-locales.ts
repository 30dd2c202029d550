/**
 * Two made-up languages generated from English, to see what translation does to the layout before
 * any translator has: `en-XA`, every message accented, about 40% longer and in brackets (a cut-off
 * end shows as a missing "]"), and `ar-XB`, every message written right to left with Arabic's
 * plural forms. They are written into the build beside the real ones (`pseudo-locales/`), left out
 * of the store's zip, and offered on the options page in development builds only.
 */
import type { Catalogue, MessageEntry } from '../utils/i18n';

const ACCENTED: Record<string, string> = Object.fromEntries(
  [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((letter, index) => [
    letter,
    [...'áƀçðéƒĝĥíĵķļɱñóþǫŕšţúṽŵẋýžÁƁÇÐÉƑĜĤÍĴĶĻṀÑÓÞǪŔŠŢÚṼŴẊÝŽ'][index]!,
  ]),
);

/** A placeholder or a `$1`…`$9` / `$$` stays as it is: the code fills it. */
const PLACEHOLDER = /(\$[A-Za-z0-9_@]+\$|\$[1-9$])/g;

/** Applies `change` to the words of a message, never to its placeholders. */
function wordsOf(message: string, change: (text: string) => string): string {
  return message
    .split(PLACEHOLDER)
    .map((part, index) => (index % 2 === 1 ? part : change(part)))
    .join('');
}

/**
 * "[Šéţţíñĝš šáṽéð. ~~~~ ~~]": accented, ~40% longer, bracketed. The padding comes in words of
 * four, as a longer language's words would: one long run would only test how a page breaks a word.
 */
function longer(message: string): string {
  const letters = message.replace(PLACEHOLDER, '').length;
  const accented = wordsOf(message, (text) => [...text].map((char) => ACCENTED[char] ?? char).join(''));
  const padding = '~'.repeat(Math.ceil(letters * 0.4)).replace(/(~{4})(?=~)/g, '$1 ');
  return `[${accented} ${padding}]`;
}

/** Each run of words as a right-to-left override, so Latin letters read as a right-to-left script does. */
function rightToLeft(message: string): string {
  return wordsOf(message, (text) => (text.trim() ? `\u202e${text}\u202c` : text));
}

export interface PseudoLocale {
  /** Its file in the build. */
  file: string;
  tag: string;
  catalogue: Catalogue;
}

/** The plural families of English: stems with a `One` and an `Other` message. */
function pluralStems(english: Catalogue): string[] {
  return Object.keys(english)
    .filter((key) => key.endsWith('One') && `${key.slice(0, -3)}Other` in english)
    .map((key) => key.slice(0, -3));
}

function pseudo(english: Catalogue, tag: string, change: (message: string) => string): Catalogue {
  const catalogue: Catalogue = {};
  for (const [key, entry] of Object.entries(english)) {
    catalogue[key] = { ...entry, message: key === 'locale' ? tag : change(entry.message) } satisfies MessageEntry;
  }
  // Every form the language's rules pick, as its translators would write them.
  const categories = new Intl.PluralRules(tag).resolvedOptions().pluralCategories;
  for (const stem of pluralStems(english)) {
    for (const category of categories) {
      const key = `${stem}${category[0]!.toUpperCase()}${category.slice(1)}`;
      catalogue[key] ??= { ...catalogue[`${stem}Other`]! };
    }
  }
  return catalogue;
}

export function pseudoLocales(english: Catalogue): PseudoLocale[] {
  return [
    { file: 'pseudo-locales/en_XA.json', tag: 'en-XA', catalogue: pseudo(english, 'en-XA', longer) },
    { file: 'pseudo-locales/ar_XB.json', tag: 'ar-XB', catalogue: pseudo(english, 'ar-XB', rightToLeft) },
  ];
}

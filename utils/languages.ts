/**
 * The languages Lead Lens speaks, and which of them a language tag asks for.
 *
 * Each is named in its own language in the "Language" setting, so a person who cannot read the
 * current one still finds theirs; those names are the same whatever the language shown.
 */

export interface Language {
  /** BCP 47, as the settings and the policy name it: "de", "pt-BR". */
  tag: string;
  /** The folder of its messages under `_locales` (Chrome's spelling: "pt_BR"). */
  folder: string;
  /** Its messages file, from the extension's root. */
  path: string;
  /** Its name in itself. */
  name: string;
  dir: 'ltr' | 'rtl';
}

const RIGHT_TO_LEFT = new Set(['ar', 'he', 'fa', 'ur']);

function language(tag: string, name: string, folder = tag.replace('-', '_')): Language {
  const dir = RIGHT_TO_LEFT.has(tag.split('-')[0]!) ? 'rtl' : 'ltr';
  return { tag, folder, path: `/_locales/${folder}/messages.json`, name, dir };
}

/** English first: it is every other language's fallback. The rest in the order of their tags. */
export const LANGUAGES: readonly Language[] = [
  language('en', 'English'),
  language('ar', 'العربية'),
  language('de', 'Deutsch'),
  language('es', 'Español (Latinoamérica)'),
  language('fr', 'Français'),
  language('he', 'עברית'),
  language('hi', 'हिन्दी'),
  language('id', 'Bahasa Indonesia'),
  language('it', 'Italiano'),
  language('ja', '日本語'),
  language('ko', '한국어'),
  language('nl', 'Nederlands'),
  language('pl', 'Polski'),
  language('pt-BR', 'Português (Brasil)'),
  language('ru', 'Русский'),
  language('sv', 'Svenska'),
  language('tr', 'Türkçe'),
  language('uk', 'Українська'),
  language('vi', 'Tiếng Việt'),
  language('zh-CN', '简体中文'),
];

/**
 * Generated from English when the extension is built (build/pseudo-locales.ts), to see what a
 * longer or right-to-left language does to the layout. Chosen only in development builds and
 * by the browser cases; never offered in a release.
 */
export const PSEUDO_LANGUAGES: readonly Language[] = [
  { ...language('en-XA', '[Ƥşèúδô]'), path: '/pseudo-locales/en_XA.json' },
  { ...language('ar-XB', 'Pseudo RTL'), path: '/pseudo-locales/ar_XB.json', dir: 'rtl' },
];

/** Where a language without a file of its own goes: its language's one regional variety. */
const REGION_DEFAULTS: Record<string, string> = { es: 'es', pt: 'pt-BR', zh: 'zh-CN' };

/**
 * The language `tag` asks for: that exact language, else its language's default variety
 * ("es-MX" → Latin American Spanish, "pt-PT" → Brazilian Portuguese), else English.
 */
export function languageFor(tag: string): Language {
  const wanted = tag.replace(/_/g, '-').toLowerCase();
  const all = [...LANGUAGES, ...PSEUDO_LANGUAGES];
  const exact = all.find((candidate) => candidate.tag.toLowerCase() === wanted);
  if (exact) return exact;
  const base = wanted.split('-')[0]!;
  const fallback = REGION_DEFAULTS[base] ?? base;
  return LANGUAGES.find((candidate) => candidate.tag.toLowerCase() === fallback.toLowerCase()) ?? LANGUAGES[0]!;
}

/** Whether `tag` names one of the languages offered (what a saved setting or a policy may hold). */
export function isLanguageTag(tag: string): boolean {
  return [...LANGUAGES, ...PSEUDO_LANGUAGES].some((candidate) => candidate.tag === tag);
}

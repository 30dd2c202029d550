import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import messages from '../public/_locales/en/messages.json';
import {
  currentLanguage,
  formatMessage,
  loadLanguage,
  messagesLocale,
  plural,
  t,
  unloadLanguage,
  type Catalogue,
  type MessageKey,
} from './i18n';
import { languageFor } from './languages';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

interface Entry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}
const entries = messages as Record<string, Entry>;
const keys = Object.keys(entries);

/** Files under `dir` (relative to the project) whose names end in one of `endings`. */
function filesIn(dir: string, endings: string[]): string[] {
  const found: string[] = [];
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (endings.some((ending) => entry.name.endsWith(ending))) found.push(path);
    }
  };
  walk(join(ROOT, dir));
  return found;
}

const isTest = (path: string) => /\.test\.tsx?$/.test(path);

/** The code that can show words to the user: the extension's own sources, without tests. */
const SOURCES = ['components', 'entrypoints', 'utils']
  .flatMap((dir) => filesIn(dir, ['.ts', '.tsx']))
  .filter((path) => !isTest(path));
/** Where the manifest and the HTML pages name messages as __MSG_name__. */
const MANIFEST_SOURCES = [join(ROOT, 'wxt.config.ts'), ...filesIn('entrypoints', ['.html'])];

const read = (path: string) => readFileSync(path, 'utf8');
const where = (path: string) => relative(ROOT, path);

/** Message names passed to t(), plural(), showPageIn() and browser.i18n.getMessage(). */
function keysCalledIn(source: string): string[] {
  const called: string[] = [];
  for (const match of source.matchAll(/\b(?:t|showPageIn|getMessage)\(\s*'([^']+)'/g)) called.push(match[1]!);
  for (const match of source.matchAll(/\bplural\([^,]+,\s*'([^']+)',\s*'([^']+)'/g)) called.push(match[1]!, match[2]!);
  return called;
}

describe('messages.json', () => {
  it('has a valid name, a message and a description where needed for every entry', () => {
    const lowerCase = new Set<string>();
    for (const key of keys) {
      // Chrome: letters, digits and underscores; names are case-insensitive; "@@" is reserved.
      expect(key, key).toMatch(/^[A-Za-z0-9_]+$/);
      expect(lowerCase.has(key.toLowerCase()), `${key} differs from another name only in case`).toBe(false);
      lowerCase.add(key.toLowerCase());
      expect(entries[key]!.message.trim(), key).not.toBe('');
    }
  });

  it('declares every placeholder a message uses, and uses every one it declares', () => {
    for (const [key, entry] of Object.entries(entries)) {
      const used = new Set(
        [...entry.message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((match) => match[1]!.toLowerCase()),
      );
      const declared = Object.keys(entry.placeholders ?? {});
      expect(declared.map((name) => name.toLowerCase()).sort(), `placeholders of ${key}`).toEqual([...used].sort());
      const contents = declared.map((name) => entry.placeholders![name]!.content).sort();
      // Filled from t()'s substitutions, in order: $1, $2, ...
      expect(contents, `placeholder contents of ${key}`).toEqual(declared.map((_, index) => `$${index + 1}`));
      for (const name of declared) {
        expect(entry.placeholders![name]!.example, `example for ${key}.${name}`).toBeTruthy();
      }
    }
  });

  it('has a message for every name the code asks for', () => {
    const missing: string[] = [];
    for (const path of SOURCES) {
      for (const key of keysCalledIn(read(path))) {
        // The browser's predefined messages (@@ui_locale, ...) are not in the file.
        if (!key.startsWith('@@') && !(key in entries)) missing.push(`${where(path)}: ${key}`);
      }
    }
    for (const path of MANIFEST_SOURCES) {
      for (const match of read(path).matchAll(/__MSG_(\w+)__/g)) {
        if (!(match[1]! in entries)) missing.push(`${where(path)}: ${match[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('has no message that nothing shows', () => {
    const code = [...SOURCES, ...MANIFEST_SOURCES].map(read).join('\n');
    // A name is used where it is written as a string ('name', in a call or a table of message
    // names typed MessageKey) or as __MSG_name__ in the manifest or a page.
    const unused = keys.filter((key) => !code.includes(`'${key}'`) && !code.includes(`__MSG_${key}__`));
    expect(unused).toEqual([]);
  });

  it('names its own language', () => {
    expect(entries.locale?.message).toBe('en');
    expect(messagesLocale()).toBe('en');
  });
});

describe('t', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('gives the English message, with its placeholders filled in', () => {
    expect(t('settingsSaved')).toBe('Settings saved.');
    expect(t('siteOffOn', 'mail.example.com')).toBe('Off on mail.example.com');
    expect(t('tokenWrongLength', '64', '12')).toBe(
      'After “mega_”, a token has 64 characters; this one has 12. Copy the whole token.',
    );
  });

  it('asks the browser first', () => {
    const getMessage = vi.spyOn(fakeBrowser.i18n, 'getMessage').mockReturnValue('Einstellungen gespeichert.');
    expect(t('settingsSaved')).toBe('Einstellungen gespeichert.');
    expect(getMessage).toHaveBeenCalledWith('settingsSaved', []);
    t('siteOffOn', 'example.com');
    expect(getMessage).toHaveBeenLastCalledWith('siteOffOn', ['example.com']);
  });

  it('picks the one or the other form by the plural rules of the messages language', () => {
    expect(plural(1, 'leadsOne', 'leadsOther', '1')).toBe('1 lead');
    expect(plural(0, 'leadsOne', 'leadsOther', '0')).toBe('0 leads');
    expect(plural(1234, 'leadsOne', 'leadsOther', '1,234')).toBe('1,234 leads');
    expect(plural(1, 'connectedOne', 'connectedOther', '1')).toBe('Connected to MEGA: 1 lead.');
  });

  it('fills messages the way the browser does', () => {
    const entry = {
      message: 'Pay $AMOUNT$ $$ to $who$ ($1)',
      placeholders: { amount: { content: '$2' }, WHO: { content: '$1' } },
    };
    expect(formatMessage(entry, ['Ann', '5'])).toBe('Pay 5 $ to Ann (Ann)');
    // A missing substitution is left empty; a substitution is never read as a placeholder.
    expect(formatMessage(entry, ['$2'])).toBe('Pay  $ to $2 ($2)');
  });

  it('is typed by the message names', () => {
    const key: MessageKey = 'extName';
    expect(t(key)).toBe('Lead Lens');
    // @ts-expect-error: not a message name.
    const misspelt = () => t('noSuchMessage');
    expect(misspelt).toBeTypeOf('function');
  });
});

/** Attributes whose text a person reads or hears. */
const WORDED_ATTRIBUTES = new Set([
  'aria-label',
  'aria-description',
  'title',
  'placeholder',
  'alt',
  'label',
  'legend',
  'hint',
  'detail',
  'intro',
]);

/**
 * Text in JSX that is written out instead of read from the messages. Nothing is allowed yet; an
 * entry would be `'path: text'` with the reason beside it.
 */
const ALLOWED_JSX_TEXT = new Set<string>([]);

const hasWords = (text: string) => /\p{L}/u.test(text);

function jsxTextIn(path: string): string[] {
  const source = ts.createSourceFile(path, read(path), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const report = (text: string) => found.push(`${where(path)}: ${text.trim().replace(/\s+/g, ' ')}`);

  /**
   * String literals an expression can evaluate to. Not the arguments of calls (message names,
   * separators), not what is compared in a condition, and not nested JSX (visited on its own).
   */
  const literalsIn = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      literalsIn(node.expression);
      return;
    }
    if (ts.isJsxElement(node) || ts.isJsxSelfClosingElement(node) || ts.isJsxFragment(node)) return;
    if (ts.isConditionalExpression(node)) {
      literalsIn(node.whenTrue);
      literalsIn(node.whenFalse);
      return;
    }
    if (ts.isBinaryExpression(node)) {
      const operator = node.operatorToken.kind;
      if (
        operator === ts.SyntaxKind.PlusToken ||
        operator === ts.SyntaxKind.BarBarToken ||
        operator === ts.SyntaxKind.QuestionQuestionToken
      ) {
        literalsIn(node.left);
        literalsIn(node.right);
      } else if (operator === ts.SyntaxKind.AmpersandAmpersandToken) {
        literalsIn(node.right);
      }
      return;
    }
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      if (hasWords(node.text)) report(node.text);
      return;
    }
    if (ts.isTemplateExpression(node)) {
      const parts = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join('');
      if (hasWords(parts)) report(parts);
    }
    ts.forEachChild(node, literalsIn);
  };

  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node) && hasWords(node.text)) report(node.text);
    if (
      ts.isJsxExpression(node) &&
      node.expression &&
      (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))
    ) {
      literalsIn(node.expression);
    }
    if (ts.isJsxAttribute(node) && WORDED_ATTRIBUTES.has(node.name.getText(source)) && node.initializer) {
      if (ts.isStringLiteral(node.initializer)) {
        if (hasWords(node.initializer.text)) report(node.initializer.text);
      } else if (ts.isJsxExpression(node.initializer) && node.initializer.expression) {
        literalsIn(node.initializer.expression);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('components', () => {
  it('show no words written in the code', () => {
    const written = SOURCES.filter((path) => path.endsWith('.tsx'))
      .flatMap(jsxTextIn)
      .filter((text) => !ALLOWED_JSX_TEXT.has(text));
    expect(written).toEqual([]);
  });

  it('leave the content script without the messages helper: the background words what it shows', () => {
    // utils/i18n would bring the messages helper into every page's content script (size budget),
    // and a page's first read of the messages holds its thread (import-graph.test.ts holds that).
    for (const file of ['selection-lookups.ts', 'card-host.ts']) {
      expect(read(join(ROOT, 'entrypoints/content', file))).not.toMatch(/from '[^']*\/i18n'/);
    }
  });
});

/** A Polish file with a few messages, the few and many forms of a plural among them. */
const POLISH: Catalogue = {
  locale: { message: 'pl' },
  settingsSaved: { message: 'Zapisano ustawienia.' },
  leadsOne: { message: '$COUNT$ lead', placeholders: { count: { content: '$1' } } },
  leadsFew: { message: '$COUNT$ leady', placeholders: { count: { content: '$1' } } },
  leadsMany: { message: '$COUNT$ leadów', placeholders: { count: { content: '$1' } } },
  leadsOther: { message: '$COUNT$ leada', placeholders: { count: { content: '$1' } } },
};

/** Reads the extension's files from these catalogues by path; a path not there is a missing file. */
function filesOf(files: Record<string, Catalogue>) {
  const asked: string[] = [];
  const read = (path: string) => {
    asked.push(path);
    const file = files[path];
    return file ? Promise.resolve(file) : Promise.reject(new Error(`${path}: 404`));
  };
  return { read, asked };
}

const ENGLISH_FILE = { '/_locales/en/messages.json': messages as Catalogue };

describe('loadLanguage', () => {
  afterEach(() => {
    unloadLanguage();
    vi.restoreAllMocks();
  });

  it('speaks the chosen language, and English for a message the language lacks', async () => {
    const { read } = filesOf({ ...ENGLISH_FILE, '/_locales/pl/messages.json': POLISH });
    await loadLanguage('pl', read);
    expect(t('settingsSaved')).toBe('Zapisano ustawienia.');
    expect(t('siteOffOn', 'example.com')).toBe('Off on example.com');
    expect(messagesLocale()).toBe('pl');
  });

  it('picks every plural form the language has, and the other form for one it lacks', async () => {
    const { read } = filesOf({ ...ENGLISH_FILE, '/_locales/pl/messages.json': POLISH });
    await loadLanguage('pl', read);
    expect(plural(1, 'leadsOne', 'leadsOther', '1')).toBe('1 lead');
    expect(plural(3, 'leadsOne', 'leadsOther', '3')).toBe('3 leady');
    expect(plural(5, 'leadsOne', 'leadsOther', '5')).toBe('5 leadów');
    expect(plural(1.5, 'leadsOne', 'leadsOther', '1,5')).toBe('1,5 leada');
    // No Polish forms of this family at all: English, by the English rules' categories.
    expect(plural(5, 'connectedOne', 'connectedOther', '5')).toBe('Connected to MEGA: 5 leads.');
  });

  it('speaks English when the language has no file', async () => {
    const { read, asked } = filesOf(ENGLISH_FILE);
    await loadLanguage('ja', read);
    expect(asked).toContain('/_locales/ja/messages.json');
    expect(t('settingsSaved')).toBe('Settings saved.');
    expect(messagesLocale()).toBe('en');
  });

  it("follows the browser's language when the choice is automatic", async () => {
    vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('pl-PL');
    const { read } = filesOf({ ...ENGLISH_FILE, '/_locales/pl/messages.json': POLISH });
    expect((await loadLanguage('auto', read)).tag).toBe('pl');
    expect(t('settingsSaved')).toBe('Zapisano ustawienia.');
  });

  it('reads English once when English is chosen', async () => {
    const { read, asked } = filesOf(ENGLISH_FILE);
    await loadLanguage('en', read);
    expect(asked).toEqual(['/_locales/en/messages.json']);
    expect(currentLanguage().dir).toBe('ltr');
  });
});

describe('languageFor', () => {
  it.each([
    ['de', 'de'],
    ['de-AT', 'de'],
    ['pt-BR', 'pt-BR'],
    ['pt-PT', 'pt-BR'],
    ['pt', 'pt-BR'],
    ['es-419', 'es'],
    ['es-MX', 'es'],
    ['es-ES', 'es'],
    ['zh-TW', 'zh-CN'],
    ['zh_CN', 'zh-CN'],
    ['ar-EG', 'ar'],
    ['he', 'he'],
    ['fa', 'en'],
    ['', 'en'],
  ])('%s speaks %s', (tag, expected) => {
    expect(languageFor(tag).tag).toBe(expected);
  });

  it('writes Arabic and Hebrew right to left', () => {
    expect(languageFor('ar').dir).toBe('rtl');
    expect(languageFor('he-IL').dir).toBe('rtl');
    expect(languageFor('ja').dir).toBe('ltr');
  });
});

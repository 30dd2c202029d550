// One linter for the whole repository. ESLint with typescript-eslint for the language rules and
// import-x for the module graph: `no-cycle` fails on any import cycle, and the boundary rules below
// say what each context may import (see docs/architecture.md, "What runs where").
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const CONTEXTS = ['background', 'content', 'marks.content', 'card', 'add-lead', 'popup', 'options'];
/** The scripts that run in web pages: the content script, and the marks script that shares its in-page modules. */
const IN_PAGE = ['content', 'marks.content'];

/** Imports of another context's folder, by alias or relative path. */
const otherContexts = (...own) =>
  CONTEXTS.filter((name) => !own.includes(name)).flatMap((name) => [
    `@/entrypoints/${name}`,
    `@/entrypoints/${name}/**`,
    `**/${name}/**`,
  ]);

const restricted = (patterns, paths = []) => ['error', { paths, patterns }];

const BACKGROUND_ONLY = {
  group: ['@/entrypoints/background', '@/entrypoints/background/**', '**/background/**'],
  message: 'Only the background imports background modules: it alone holds the token and calls MEGA.',
};

/** Code the browser must never run: HTML from strings, strings as code. */
const NO_INJECTION = [
  {
    selector: 'AssignmentExpression > MemberExpression.left[property.name=/^(innerHTML|outerHTML)$/]',
    message: 'No HTML injection: build nodes and set textContent.',
  },
  { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: 'No HTML injection.' },
  {
    selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
    message:
      'No HTML injection: the build makes it set textContent (build/strict-bundle.ts), so the markup would show as text.',
  },
  { selector: "CallExpression[callee.name='eval']", message: 'No eval.' },
  { selector: "NewExpression[callee.name='Function']", message: 'No new Function.' },
];

/**
 * The one road to the settings: utils/settings.ts reads them with the administrator's policy applied
 * and writes them with the first save's rule and the policy's locks. The raw record, its defaults
 * and the storage areas behind it stay in the settings modules.
 */
const SETTINGS_MODULES = ['utils/settings.ts', 'utils/storage.ts'];
const ONE_ROAD =
  'Read and write settings through utils/settings.ts (readEffectiveSettings, updateSettings, watchSettings).';
const RAW_SETTINGS = ['settingsItem', 'readSettings', 'hasSavedSettings', 'DEFAULT_SETTINGS'];
const RAW_STORAGE_AREAS = {
  selector: "MemberExpression[object.property.name='storage'][property.name=/^(local|sync|managed)$/]",
  message: `storage.local, .sync and .managed hold the settings and the policy. ${ONE_ROAD}`,
};

/**
 * What a script that runs in web pages may import: its own folder (and `mayImport`'s), the small
 * shared modules, and the protocol's types (type-only imports vanish from the bundle; its schemas
 * do not).
 */
const inPage = (files, ...mayImport) => ({
  files,
  ignores: ['**/*.test.ts'],
  rules: {
    '@typescript-eslint/no-restricted-imports': restricted([
      {
        group: [
          'zod',
          'zod/**',
          'libphonenumber-js',
          'libphonenumber-js/**',
          'preact',
          'preact/**',
          'ky',
          '@webext-core/**',
        ],
        message: 'Too heavy for the content script (8 KB budget).',
      },
      {
        group: ['wxt/browser'],
        allowTypeImports: true,
        message:
          'wxt/browser touches the extension API as it loads: use extensionApi() (entrypoints/content/extension-api.ts).',
      },
      {
        group: ['@/components/**', '**/components/**'],
        message: 'The content script draws no UI: the card is an extension page.',
      },
      BACKGROUND_ONLY,
      {
        group: otherContexts(...mayImport),
        message: 'A script in web pages imports only its own modules and the small shared ones.',
      },
      {
        group: [
          '@/utils/**',
          '!@/utils/selection-check',
          '!@/utils/selection-script',
          '!@/utils/marks',
          '!@/utils/protocol',
          '../**',
        ],
        message:
          'The content script may use utils/selection-check, utils/selection-script and utils/marks, and the types of utils/protocol.',
      },
      {
        group: ['@/utils/protocol', './protocol'],
        allowTypeImports: true,
        message: "Only the protocol's types: its zod schemas stay in the background.",
      },
    ]),
  },
});

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      '.output/',
      '.wxt/',
      'test-results/',
      'bench/results.json',
      'screenshots/',
      '.tmp/',
      'out/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // Rules that need the types: the TypeScript files only, read through tsconfig.json.
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // A promise nobody awaits loses its rejection; `void` marks the few that are fire-and-forget on purpose.
      '@typescript-eslint/no-floating-promises': 'error',
    },
  },
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-syntax': ['error', ...NO_INJECTION],
    },
  },
  // Shared code serves every context, so it imports none of them.
  {
    files: ['utils/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}'],
    ignores: ['**/*.test.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restricted([
        {
          group: ['@/entrypoints/**', '**/entrypoints/**'],
          message: 'utils/ and components/ are shared: no context imports here.',
        },
      ]),
    },
  },
  // utils/ is shared by contexts without a UI too: no Preact, no components.
  {
    files: ['utils/**/*.{ts,tsx}'],
    ignores: ['**/*.test.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restricted([
        { group: ['@/entrypoints/**', '**/entrypoints/**'], message: 'utils/ is shared: no context imports here.' },
        {
          group: ['preact', 'preact/**', '@/components/**', '**/components/**'],
          message: 'UI lives in components/ or a page.',
        },
      ]),
    },
  },
  // Each context keeps to its own folder and the shared ones.
  ...CONTEXTS.filter((name) => !IN_PAGE.includes(name)).map((name) => ({
    files: [`entrypoints/${name}/**/*.{ts,tsx}`],
    rules: {
      '@typescript-eslint/no-restricted-imports': restricted([
        ...(name === 'background' ? [] : [BACKGROUND_ONLY]),
        {
          group: otherContexts(name),
          message: `entrypoints/${name}/ imports only its own modules, utils/ and components/.`,
        },
        ...(name === 'background'
          ? [{ group: ['preact', 'preact/**', '@/components/**'], message: 'The background has no UI.' }]
          : []),
      ]),
    },
  })),
  // The content script runs in every page: tiny, no UI library, no schemas, no phone parser, no
  // messaging library (entrypoints/content/messenger.ts speaks its wire format in a few lines).
  // entrypoints/content/import-graph.test.ts holds the bundle's whole import graph to the same.
  // The selection script (which the content script imports on a page's first selecting gesture)
  // and the marks script run in the same pages and may use the content script's in-page modules
  // (layer, messenger, read-selection); the content script never pulls in theirs.
  inPage(
    ['entrypoints/content/**/*.ts', 'utils/selection-check.ts', 'utils/selection-script.ts', 'utils/marks.ts'],
    'content',
  ),
  inPage(['entrypoints/selection.content/**/*.ts'], 'content', 'selection.content'),
  inPage(['entrypoints/marks.content/**/*.ts'], 'content', 'marks.content'),
  {
    files: ['utils/selection-check.ts', 'utils/selection-script.ts', 'utils/marks.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restricted([
        {
          group: ['./*', '!./protocol', '@/**', '../**'],
          message: 'The content script bundles this module: it imports nothing of ours.',
        },
        {
          group: ['./protocol'],
          allowTypeImports: true,
          message: "Only the protocol's types: its zod schemas stay in the background.",
        },
        {
          group: ['zod', 'zod/**', 'libphonenumber-js', 'libphonenumber-js/**', 'preact', 'preact/**'],
          message: 'Too heavy for the content script.',
        },
      ]),
    },
  },
  // Only the settings modules touch the raw settings (tests set them up as the user left them).
  {
    files: ['entrypoints/**/*.{ts,tsx}', 'utils/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}'],
    ignores: ['**/*.test.{ts,tsx}', '**/*.testing.ts', ...SETTINGS_MODULES],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'wxt/utils/storage', message: 'Storage items are defined in utils/storage.ts.' }],
          patterns: [{ group: ['@/utils/storage', '**/storage'], importNames: RAW_SETTINGS, message: ONE_ROAD }],
        },
      ],
      'no-restricted-syntax': ['error', ...NO_INJECTION, RAW_STORAGE_AREAS],
    },
  },
  // Tests and tools may reach across contexts to set things up, but never form a cycle.
  {
    files: [
      '**/*.test.{ts,tsx}',
      'e2e/**',
      'bench/**',
      'scripts/**',
      'server/**',
      'checks/**',
      'build/**',
      '*.config.ts',
      '*.config.js',
    ],
    rules: { '@typescript-eslint/no-restricted-imports': 'off' },
  },
);

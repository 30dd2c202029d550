/**
 * The content script runs in every page and frame, so what it imports is what every page pays
 * for; the selection script it brings in on a page's first selecting gesture, and the marks
 * script, are what a page pays once the user selects there or turned marks on. Their import graphs
 * (type-only imports aside, which leave nothing in the bundle) must hold no zod, no
 * libphonenumber-js and no Preact, and nothing from the extension's other contexts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Every module specifier a file imports or re-exports for its values. */
function valueImports(source: string): string[] {
  const found: string[] = [];
  const statement = /^\s*(import|export)\s+(type\s+)?([^'";]*?from\s+)?['"]([^'"]+)['"]/gm;
  for (const match of source.matchAll(statement)) {
    const [, keyword, typeOnly, clause = '', specifier] = match;
    if (typeOnly || !specifier) continue;
    // `export { a }` with no `from` is not an import; `import './x'` (no clause) still is.
    if (keyword === 'export' && !clause) continue;
    found.push(specifier);
  }
  return found;
}

function resolveFile(from: string, specifier: string): string | null {
  const base = specifier.startsWith('@/') ? join(ROOT, specifier.slice(2)) : join(dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && candidate.match(/\.tsx?$/)) return candidate;
  }
  return null;
}

function importGraph(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const specifier of valueImports(readFileSync(file, 'utf8'))) {
      if (specifier.startsWith('.') || specifier.startsWith('@/')) {
        const next = resolveFile(file, specifier);
        if (!next) throw new Error(`${relative(ROOT, file)}: cannot resolve ${specifier}`);
        visit(next);
      } else {
        packages.add(specifier);
      }
    }
  };
  visit(entry);
  return { files: [...files].map((file) => relative(ROOT, file)).sort(), packages: [...packages].sort() };
}

describe('the import graph of the content script every page gets', () => {
  it('is its loader alone: what it listens to, and how it brings in the selection script', () => {
    expect(importGraph(join(ROOT, 'entrypoints/content/index.ts'))).toEqual({
      files: [
        'entrypoints/content/gesture.ts',
        'entrypoints/content/index.ts',
        'entrypoints/content/loader.ts',
        'entrypoints/content/on-demand.ts',
        'utils/selection-script.ts',
      ],
      packages: ['wxt/utils/define-content-script'],
    });
  });
});

describe.each([
  ['the selection script', 'entrypoints/selection.content/', ['utils/selection-check.ts', 'utils/selection-script.ts']],
  // The marks script's own folder, and the content script's in-page modules (layer, messenger).
  [
    'the marks script',
    'entrypoints/marks.content/',
    ['utils/marks.ts', 'utils/selection-check.ts', 'utils/selection-script.ts'],
  ],
])("%s's import graph", (_name, folder, shared) => {
  const graph = importGraph(join(ROOT, folder, 'index.ts'));

  it('imports no library but WXT’s content-script definition', () => {
    expect(graph.packages).toEqual(['wxt/utils/define-content-script']);
  });

  it('holds only content-script modules and the few shared ones it needs', () => {
    const inPage = (file: string) => file.startsWith(folder) || file.startsWith('entrypoints/content/');
    expect(graph.files.filter((file) => !inPage(file))).toEqual(shared);
  });

  it.each(['zod', 'libphonenumber-js', 'preact', '@webext-core/messaging', 'wxt/browser'])('has no %s', (library) => {
    expect(graph.packages.filter((name) => name === library || name.startsWith(`${library}/`))).toEqual([]);
  });

  it("reads none of the extension's messages: a page's first read holds its thread for milliseconds", () => {
    // The background words what the content scripts show (utils/protocol.ts, CardTicket).
    const readers = graph.files.filter((file) => /\bi18n\s*\./.test(readFileSync(join(ROOT, file), 'utf8')));
    expect(readers).toEqual([]);
  });
});

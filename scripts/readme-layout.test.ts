/**
 * The README's "Layout" table is where a newcomer starts, so it must match the tree: every path it
 * lists exists, every file it names in a row exists, and every top-level folder of the repository
 * and every entrypoint (a folder or a script directly under `entrypoints/`) has a row, also one
 * added but not committed yet.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

interface LayoutRow {
  /** The row's path, without a trailing slash, e.g. "entrypoints/background". */
  path: string;
  /** Paths written in code style in the description, e.g. "api/client.ts", "e2e/README.md". */
  mentions: string[];
  /** Targets of the description's relative links, e.g. "docs/security.md". */
  links: string[];
}

const trimSlash = (path: string) => path.replace(/\/+$/, '');

/** Something a reader would take for a file or folder: a slash in it, or a file extension. */
const looksLikePath = (text: string) => !/\s/.test(text) && (text.includes('/') || /\.[a-z0-9]+$/i.test(text));

/** The rows of the table under the "Layout" heading. */
function readLayout(readme: string): LayoutRow[] {
  const section = readme.split(/^#{2,3} Layout[ \t]*$/m)[1]?.split(/^#{1,3} /m)[0] ?? '';
  const rows: LayoutRow[] = [];
  for (const line of section.split('\n')) {
    const cells = line
      .split(/(?<!\\)\|/)
      .slice(1, -1)
      .map((cell) => cell.trim());
    const path = /^`([^`]+)`$/.exec(cells[0] ?? '')?.[1];
    if (!path) continue; // the header and the separator line
    const description = cells.slice(1).join(' | ');
    rows.push({
      path: trimSlash(path),
      mentions: [...description.matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? '').filter(looksLikePath),
      links: [...description.matchAll(/\]\(([^)\s]+)\)/g)]
        .map((m) => (m[1] ?? '').split('#')[0] ?? '')
        .filter((target) => target !== '' && !/^[a-z]+:/i.test(target)),
    });
  }
  return rows;
}

/** What a row refers to that is not there. A mention is read inside the row's folder, else from the root. */
function missingPaths(rows: readonly LayoutRow[], exists: (path: string) => boolean): string[] {
  const missing: string[] = [];
  for (const row of rows) {
    if (!exists(row.path)) missing.push(row.path);
    for (const mention of row.mentions) {
      const name = trimSlash(mention);
      if (!exists(`${row.path}/${name}`) && !exists(name)) missing.push(`${row.path}: ${mention}`);
    }
    for (const link of row.links) if (!exists(trimSlash(link))) missing.push(`${row.path}: link ${link}`);
  }
  return missing;
}

/** A file WXT builds an entrypoint from when it lies directly in entrypoints/ (a test is none). */
const isEntrypointFile = (name: string) => /\.(ts|tsx|js|jsx|html)$/.test(name) && !/\.test\.[a-z]+$/.test(name);

/**
 * Top-level folders (not dot-folders, not node_modules) and the entrypoints: the folders under
 * entrypoints/ and the scripts and pages directly in it.
 */
function foldersOf(files: readonly string[]): { topLevel: string[]; entrypoints: string[] } {
  const topLevel = new Set<string>();
  const entrypoints = new Set<string>();
  for (const file of files) {
    const parts = file.split('/');
    const [first, second] = parts;
    if (parts.length < 2 || !first || first.startsWith('.') || first === 'node_modules') continue;
    topLevel.add(first);
    if (first !== 'entrypoints' || !second) continue;
    if (parts.length >= 3 || isEntrypointFile(second)) entrypoints.add(`entrypoints/${second}`);
  }
  return { topLevel: [...topLevel].sort(), entrypoints: [...entrypoints].sort() };
}

/** The folders that no row lists, neither as its path nor as a folder above its path. */
function unlisted(rows: readonly LayoutRow[], folders: readonly string[]): string[] {
  return folders.filter((folder) => !rows.some((row) => row.path === folder || row.path.startsWith(`${folder}/`)));
}

/**
 * The files git tracks or would track (new ones not ignored count: a folder added today needs its
 * row before it is committed); without git (e.g. an unpacked sources zip), what is on disk outside
 * .gitignore.
 */
function repositoryFiles(): string[] {
  try {
    return execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
      cwd: ROOT,
      encoding: 'utf8',
    })
      .split('\0')
      .filter(Boolean);
  } catch {
    const ignored = new Set(
      readFileSync(join(ROOT, '.gitignore'), 'utf8')
        .split('\n')
        .map((line) => trimSlash(line.trim())),
    );
    const listing = (dir: string) =>
      readdirSync(join(ROOT, dir), { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && !ignored.has(entry.name))
        .map((entry) => (dir ? `${dir}/${entry.name}` : entry.name));
    const entrypointFiles = readdirSync(join(ROOT, 'entrypoints'), { withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => `entrypoints/${entry.name}`);
    return [...[...listing(''), ...listing('entrypoints')].map((folder) => `${folder}/(file)`), ...entrypointFiles];
  }
}

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const rows = readLayout(README);
const folders = foldersOf(repositoryFiles());
const onDisk = (path: string) => existsSync(join(ROOT, path));

describe('README layout table', () => {
  it('is found under its heading', () => {
    expect(rows.map((row) => row.path)).toContain('utils');
  });

  it.each(rows.map((row) => [row.path, row] as const))(
    'lists %s, and everything its row names exists',
    (_path, row) => {
      expect(missingPaths([row], onDisk)).toEqual([]);
    },
  );

  it('has a row for every top-level folder', () => {
    expect(folders.topLevel.length).toBeGreaterThan(3);
    expect(unlisted(rows, folders.topLevel)).toEqual([]);
  });

  it('has a row for every entrypoint: each folder under entrypoints/ and each script directly in it', () => {
    expect(folders.entrypoints.length).toBeGreaterThan(0);
    expect(unlisted(rows, folders.entrypoints)).toEqual([]);
  });
});

describe('how the table is read', () => {
  const sample = [
    '# Project',
    '### Layout',
    '',
    '| path | what is there |',
    '| --- | --- |',
    '| `entrypoints/popup/` | the popup: `main.tsx`, `npm run dev`, see `e2e/README.md` |',
    '| `docs/` | [design](docs/design.md#parts), [site](https://example.com) |',
    '',
    '## Next',
    '| `not/in/the/table/` | below the next heading |',
  ].join('\n');
  const sampleRows = readLayout(sample);

  it('takes the rows under the heading, their code-style paths and their relative links', () => {
    expect(sampleRows).toEqual([
      { path: 'entrypoints/popup', mentions: ['main.tsx', 'e2e/README.md'], links: [] },
      { path: 'docs', mentions: [], links: ['docs/design.md'] },
    ]);
  });

  it.each<[string, string[], string[]]>([
    [
      'everything exists',
      ['entrypoints/popup', 'entrypoints/popup/main.tsx', 'e2e/README.md', 'docs', 'docs/design.md'],
      [],
    ],
    [
      'a file named in a row is gone',
      ['entrypoints/popup', 'e2e/README.md', 'docs', 'docs/design.md'],
      ['entrypoints/popup: main.tsx'],
    ],
    [
      'a listed folder and a link target are gone',
      ['entrypoints/popup/main.tsx', 'e2e/README.md'],
      ['entrypoints/popup', 'docs', 'docs: link docs/design.md'],
    ],
  ])('reports what is missing when %s', (_case, present, expected) => {
    expect(missingPaths(sampleRows, (path) => present.includes(path))).toEqual(expected);
  });

  it.each<[string, string[], string[]]>([
    ['a listed folder', ['docs/a.md', 'entrypoints/popup/main.tsx'], []],
    ['a top-level folder without a row', ['server/a.ts', 'docs/a.md'], ['server']],
    ['dot-folders, node_modules and top-level files', ['.ci/run', 'node_modules/x/a.js', 'README.md'], []],
  ])('finds every top-level folder without a row: %s', (_case, files, expected) => {
    expect(unlisted(sampleRows, foldersOf(files).topLevel)).toEqual(expected);
  });

  it('finds a folder under entrypoints/ without a row', () => {
    const { entrypoints } = foldersOf([
      'entrypoints/popup/main.tsx',
      'entrypoints/options/main.tsx',
      'entrypoints/readme.md',
    ]);
    expect(entrypoints).toEqual(['entrypoints/options', 'entrypoints/popup']);
    expect(unlisted(sampleRows, entrypoints)).toEqual(['entrypoints/options']);
  });

  it('finds a script directly in entrypoints/ without a row, and leaves out tests there', () => {
    const { entrypoints } = foldersOf([
      'entrypoints/popup/main.tsx',
      'entrypoints/marks.content.ts',
      'entrypoints/card.tsx',
      'entrypoints/card.test.tsx',
    ]);
    expect(entrypoints).toEqual(['entrypoints/card.tsx', 'entrypoints/marks.content.ts', 'entrypoints/popup']);
    expect(unlisted(sampleRows, entrypoints)).toEqual(['entrypoints/card.tsx', 'entrypoints/marks.content.ts']);
  });
});

/**
 * Every command in the README's command table works: each one `npm test` does not already run is
 * run here as a reader types it, and what it promises is checked (the PNGs it writes, the request
 * it answers, the packages it makes). `npm test` runs this file after the Chromium suite, beside
 * the rest of the Firefox suite, on builds of its own: `screenshots` and `zip` build the extension
 * again, and the suites test copies taken before (scripts/vitest.commands.config.ts).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { LEADS_PATH } from '../server/mega-server.ts';
import { authHeaders } from '../server/test-support.ts';
import { runStep } from './lib/run.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  scripts: Record<string, string>;
};

const HERE = 'run here';
/** How each command of the README's table is held to work, or why it is not run. */
const HOW_CHECKED: Record<string, string> = {
  'npm test': 'this run',
  'npm run test:unit': 'npm test runs the same suite (vitest.config.ts)',
  'npm run test:chromium': 'npm test runs the same suite after its own build',
  'npm run test:firefox': 'npm test runs the same suite after its own build',
  'npm run build': 'npm test runs it',
  'npm run build:firefox': 'npm test runs it',
  'npm run typecheck': 'npm test runs it',
  'npm run format:check': 'npm test runs it',
  'npm run lint:firefox': 'checks/package.test.ts runs the same web-ext lint on the Firefox build',
  'npm run format': 'not run: it rewrites the files; format:check runs the same Prettier',
  'npm run dev': 'not run: a watcher that opens a browser and runs until stopped',
  'npm run dev:firefox': 'not run: a watcher that opens a browser and runs until stopped',
  'npm run bench': 'not run: a benchmark of several minutes, and no test (it times things)',
  'npm run demo': HERE,
  'npm run server': HERE,
  'npm run screenshots': HERE,
  'npm run icons': HERE,
  'npm run zip': HERE,
};

/** The commands in the README's "Commands" table, without their arguments (`-- DIR`). */
function readmeCommands(readme: string): string[] {
  const section = readme.split(/^## Commands[ \t]*$/m)[1]?.split(/^## /m)[0] ?? '';
  const firstCells = section.split('\n').flatMap((line) => (line.startsWith('| `') ? [line.split('|')[1] ?? ''] : []));
  return firstCells.flatMap((cell) =>
    [...cell.matchAll(/`([^`]+)`/g)].map((match) => (match[1] ?? '').split(' -- ')[0]!.trim()),
  );
}

interface Png {
  width: number;
  height: number;
  bytes: number;
}

/** A PNG's size from its header; undefined when the file is not a PNG. */
function readPng(path: string): Png | undefined {
  const data = readFileSync(path);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (data.length < 24 || !data.subarray(0, 8).equals(signature)) return undefined;
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20), bytes: data.length };
}

/** The names of the files in a zip archive, from its central directory. */
function zipEntries(path: string): string[] {
  const data = readFileSync(path);
  const end = data.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) return [];
  const count = data.readUInt16LE(end + 10);
  let at = data.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let i = 0; i < count && data.readUInt32LE(at) === 0x02014b50; i += 1) {
    const nameLength = data.readUInt16LE(at + 28);
    names.push(data.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + data.readUInt16LE(at + 30) + data.readUInt16LE(at + 32);
  }
  return names;
}

/** Width and height a screenshot is at least: the options page whole, the popup at its size, a card with its page around it. */
const SMALLEST_SCREEN: Record<string, [number, number]> = { options: [1100, 800], popup: [400, 580], card: [300, 200] };

const scratch = mkdtempSync(join(tmpdir(), 'lead-lens-commands-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const npmRun = (args: string[], timeoutMs: number, env?: NodeJS.ProcessEnv) =>
  runStep('npm', ['run', '--silent', ...args], { timeoutMs, capture: true, env });

describe("the README's commands", () => {
  it('each one is run by npm test, run here, or said why not', () => {
    const commands = readmeCommands(README);
    expect(commands).toContain('npm run demo');
    expect([...new Set(commands)].sort()).toEqual(Object.keys(HOW_CHECKED).sort());
  });

  it('each `npm run` one is a script of package.json', () => {
    const missing = readmeCommands(README)
      .filter((command) => command.startsWith('npm run '))
      .map((command) => command.slice('npm run '.length))
      .filter((script) => !(script in PACKAGE.scripts));
    expect(missing).toEqual([]);
  });

  // With a display (macOS, Windows, a desktop) it would open a browser instead.
  it.skipIf(process.platform === 'darwin' || process.platform === 'win32')(
    'npm run demo, with no display, says so and what to run instead, and builds nothing',
    async () => {
      const env = { ...process.env };
      delete env.DISPLAY;
      delete env.WAYLAND_DISPLAY;
      const result = await npmRun(['demo'], 60_000, env);
      expect(result.timedOut).toBe(false);
      expect(result.output).toContain('No display here');
      expect(result.output).toContain('npm run screenshots -- out/');
      expect(result.output).not.toContain('Building');
      // Non-zero, as nothing was opened, but its own way out: no stack trace.
      expect(result.code).toBe(1);
      expect(result.output).not.toMatch(/\n\s+at /);
    },
  );

  it('npm run server -- --port <free> answers a lead search, and stops on SIGTERM', async () => {
    const child = spawn('npm', ['run', '--silent', 'server', '--', '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    try {
      let output = '';
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no address printed:\n${output}`)), 30_000);
        const onData = (chunk: Buffer) => {
          output += chunk.toString();
          const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
          if (match?.[1]) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        void exited.then(() => reject(new Error(`exited before listening:\n${output}`)));
      });
      const response = await fetch(`${url}${LEADS_PATH}?search=jane`, { headers: authHeaders() });
      expect(response.status).toBe(200);
      const page = (await response.json()) as { leads: Array<{ contact_name?: string | null }> };
      expect(page.leads.map((lead) => lead.contact_name)).toContain('Jane Cooper');
    } finally {
      // The whole process group: npm and the server under it.
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
    }
    await exited;
  });

  it('npm run screenshots -- DIR writes every screen, light and dark, as real pictures', async () => {
    const dir = join(scratch, 'screenshots');
    // English and one right-to-left language: each other language is the same pages with another
    // setting, and the browser cases show that every language reaches them.
    const result = await npmRun(['screenshots', '--', dir, '--languages', 'en,ar'], 240_000);
    expect(result.timedOut, result.output).toBe(false);
    expect(result.code, result.output).toBe(0);
    const pictures = (folder: string) => readdirSync(folder).filter((file) => file.endsWith('.png'));
    expect(
      readdirSync(dir).filter((file) => !file.endsWith('.png')),
      'folders of other languages',
    ).toEqual(['ar']);
    expect(pictures(join(dir, 'ar')).length, 'pictures in Arabic').toBeGreaterThanOrEqual(6);
    const shots = Object.fromEntries(pictures(dir).map((file) => [file, readPng(join(dir, file))]));
    const expected = ['options', 'popup', 'card'].flatMap((screen) => [`${screen}-light.png`, `${screen}-dark.png`]);
    expect(Object.keys(shots).sort()).toEqual([...expected, 'card-error.png', 'card-no-match.png'].sort());
    for (const [file, png] of Object.entries(shots)) {
      // A blank picture compresses to a few hundred bytes; a screen with text is tens of kB.
      expect(png?.bytes, file).toBeGreaterThan(10_000);
      const [minWidth, minHeight] = SMALLEST_SCREEN[file.split('-')[0] ?? ''] ?? [1, 1];
      expect(png?.width, file).toBeGreaterThanOrEqual(minWidth);
      expect(png?.height, file).toBeGreaterThanOrEqual(minHeight);
    }
  });

  it('npm run icons -- DIR renders each icon of public/icon/ at its size', async () => {
    const dir = join(scratch, 'icons');
    const result = await npmRun(['icons', '--', dir], 120_000);
    expect(result.code, result.output).toBe(0);
    const icons = readdirSync(join(ROOT, 'public', 'icon')).filter((file) => file.endsWith('.png'));
    expect(icons.length).toBeGreaterThan(0);
    for (const file of icons) {
      const size = Number.parseInt(file, 10);
      expect(readPng(join(dir, file)), file).toMatchObject({ width: size, height: size });
    }
  });

  it('npm run zip makes the Chrome, Firefox and sources packages', async () => {
    const result = await npmRun(['zip'], 180_000);
    expect(result.code, result.output).toBe(0);
    const zip = (kind: string) => join(ROOT, '.output', `lead-lens-${PACKAGE.version}-${kind}.zip`);
    for (const kind of ['chrome', 'firefox']) {
      expect(existsSync(zip(kind)), zip(kind)).toBe(true);
      expect(zipEntries(zip(kind))).toEqual(expect.arrayContaining(['manifest.json', 'content-scripts/content.js']));
    }
    const sources = zipEntries(zip('sources'));
    expect(sources).toEqual(
      expect.arrayContaining(['package.json', 'package-lock.json', 'wxt.config.ts', 'README.md']),
    );
    expect(sources.filter((name) => /^(node_modules|\.output|test-results)\//.test(name))).toEqual([]);
  });
});

// Where `wxt build` leaves each browser's extension, and how big the scripts in it are: one place
// for the package checks (checks/), the browser suites (e2e/) and the benchmark (bench/).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Each target's folder under .output/. */
export const TARGETS = { chrome: 'chrome-mv3', firefox: 'firefox-mv2' } as const;
export type Target = keyof typeof TARGETS;

/** The npm script that builds a target. */
export const BUILD_COMMAND: Record<Target, string> = { chrome: 'npm run build', firefox: 'npm run build:firefox' };

/**
 * Where a browser suite finds a copy of a build taken for it (`npm test` takes one before it runs
 * the suites beside steps that build again); without it, a suite copies .output/ itself.
 */
export const BUILD_COPY_ENV: Record<Target, string> = {
  chrome: 'LEAD_LENS_CHROME_BUILD',
  firefox: 'LEAD_LENS_FIREFOX_BUILD',
};

/** `.output/chrome-mv3` or `.output/firefox-mv2` of this checkout. */
export function outputDir(target: Target): string {
  return join(ROOT, '.output', TARGETS[target]);
}

/**
 * What runs on every page a user opens may weigh at most this, gzipped (docs/architecture.md); so
 * may the selection script the content script brings in on a page's first selecting gesture.
 */
export const CONTENT_SCRIPT_GZIP_BUDGET = 8 * 1024;
/**
 * What the extension puts in a page only where the user asked for it (the marks, on a site they
 * turned them on for; the side panel's read of a page) may weigh at most this: it costs no other
 * page anything, and the bench measures its whole main-thread work on a large page.
 */
export const ON_REQUEST_SCRIPT_GZIP_BUDGET = 9 * 1024;

/**
 * The size of `bytes` gzipped at zlib's default level, 6: what `gzip` writes without options (so
 * `gzip -c < file | wc -c` gives the same number) and what web servers and bundle-size tools
 * commonly send and report. Level 9 packs a few bytes tighter; holding the budget at 6 is the
 * stricter reading of "8 KB gzipped".
 */
export function gzipSize(bytes: Uint8Array): number {
  return gzipSync(bytes, { level: 6 }).length;
}

export interface ScriptSize {
  /** Its path in the build, e.g. "content-scripts/content.js". */
  file: string;
  raw: number;
  gzip: number;
  /** Whether the manifest puts it in every page. */
  everyPage: boolean;
  /**
   * Whether a page may load it (web-accessible): the selection script, which the content script
   * imports on the first selecting gesture in a page. Neither: it runs only where the user asked.
   */
  onGesture: boolean;
  /** What it may weigh gzipped: CONTENT_SCRIPT_GZIP_BUDGET or ON_REQUEST_SCRIPT_GZIP_BUDGET. */
  budget: number;
}

/** Every script under content-scripts/ of a build folder, raw and gzipped, with its budget. */
export function contentScriptSizes(buildDir: string): ScriptSize[] {
  const manifest = JSON.parse(readFileSync(join(buildDir, 'manifest.json'), 'utf8')) as {
    content_scripts?: Array<{ js?: string[] }>;
    // MV3 lists resources in groups; MV2 (Firefox) lists them.
    web_accessible_resources?: Array<string | { resources?: string[] }>;
  };
  const everyPage = new Set((manifest.content_scripts ?? []).flatMap((script) => script.js ?? []));
  const accessible = new Set(
    (manifest.web_accessible_resources ?? []).flatMap((entry) =>
      typeof entry === 'string' ? [entry] : (entry.resources ?? []),
    ),
  );
  const folder = join(buildDir, 'content-scripts');
  return readdirSync(folder)
    .filter((name) => name.endsWith('.js'))
    .map((name) => {
      const bytes = readFileSync(join(folder, name));
      const file = `content-scripts/${name}`;
      const always = everyPage.has(file);
      const onGesture = accessible.has(file);
      return {
        file,
        raw: bytes.length,
        gzip: gzipSize(bytes),
        everyPage: always,
        onGesture,
        budget: always || onGesture ? CONTENT_SCRIPT_GZIP_BUDGET : ON_REQUEST_SCRIPT_GZIP_BUDGET,
      };
    });
}

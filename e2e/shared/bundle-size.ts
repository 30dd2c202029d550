// The size of the built content script, which every web page loads: its budget is 8 KB gzipped
// (docs/architecture.md, "Performance budgets"). Checked on the build each suite runs, with no
// browser.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, test } from 'vitest';
import { builtExtension } from './build.ts';

export const CONTENT_SCRIPT_GZIP_BUDGET = 8 * 1024;

export interface ScriptSize {
  file: string;
  raw: number;
  gzip: number;
}

/** Every script under content-scripts/ of a build, raw and gzipped (level 9, as servers send it). */
export function contentScriptSizes(dir: string): ScriptSize[] {
  const scripts = join(dir, 'content-scripts');
  return readdirSync(scripts)
    .filter((name) => name.endsWith('.js'))
    .map((name) => {
      const bytes = readFileSync(join(scripts, name));
      return { file: `content-scripts/${name}`, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
    });
}

/** A test that prints the content script's size in this build and holds it to the budget. */
export function testContentScriptSize(target: 'chrome-mv3' | 'firefox-mv2', buildCommand: string): void {
  test(`the built content script is at most 8 KB gzipped (${target})`, () => {
    const sizes = contentScriptSizes(builtExtension(target, buildCommand));
    expect(sizes.length, 'content scripts in the build').toBeGreaterThan(0);
    for (const size of sizes) {
      console.log(
        `${target} ${size.file}: ${size.raw} bytes, ${size.gzip} bytes gzipped ` +
          `(budget ${CONTENT_SCRIPT_GZIP_BUDGET}, ${(size.gzip / 1024).toFixed(2)} KB)`,
      );
      expect(size.gzip, `${size.file} gzipped`).toBeLessThanOrEqual(CONTENT_SCRIPT_GZIP_BUDGET);
    }
  });
}

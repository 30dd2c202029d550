/** The built packages as the stores will see them: size of what runs on every page, lint. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { builtManifest, outputDir, ROOT, type Target } from './built';

const CONTENT_SCRIPT_BUDGET_GZIP = 8192;

describe('built packages', () => {
  it.each<Target>(['chrome', 'firefox'])('keeps the %s content script within 8 KB gzipped', (target) => {
    const [script] = builtManifest(target).content_scripts ?? [];
    const file = `${outputDir(target)}/${script?.js[0]}`;
    const code = readFileSync(file);
    const gzipped = gzipSync(code, { level: 9 }).length;
    console.log(
      `${target} content script: ${code.length} bytes, ${gzipped} bytes gzipped (budget ${CONTENT_SCRIPT_BUDGET_GZIP})`,
    );
    expect(gzipped).toBeLessThanOrEqual(CONTENT_SCRIPT_BUDGET_GZIP);
  });

  it('passes web-ext lint on the Firefox build with no errors, warnings or notices', () => {
    const bin = `${ROOT}node_modules/.bin/web-ext`;
    let output: string;
    try {
      output = execFileSync(
        bin,
        ['lint', '--source-dir', outputDir('firefox'), '--output', 'json', '--no-config-discovery'],
        {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
    } catch (error) {
      // web-ext exits non-zero on errors; its JSON report is still on stdout.
      output = String((error as { stdout?: string }).stdout ?? '');
    }
    const report = JSON.parse(output.slice(output.indexOf('{'))) as {
      summary: { errors: number; warnings: number; notices: number };
      errors: unknown[];
      warnings: unknown[];
      notices: unknown[];
    };
    expect([...report.errors, ...report.warnings, ...report.notices]).toEqual([]);
    expect(report.summary).toEqual({ errors: 0, warnings: 0, notices: 0 });
  });
});

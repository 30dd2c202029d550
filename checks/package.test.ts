/** The built packages as the stores will see them: size of what runs on every page, lint. */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CONTENT_SCRIPT_GZIP_BUDGET, contentScriptSizes } from '../scripts/lib/build-output.ts';
import { outputDir, ROOT, type Target } from './built';

describe('built packages', () => {
  it.each<Target>(['chrome', 'firefox'])('keeps each %s content script within 8 KB gzipped', (target) => {
    const sizes = contentScriptSizes(outputDir(target));
    expect(sizes.length, 'content scripts in the build').toBeGreaterThan(0);
    for (const { file, raw, gzip } of sizes) {
      console.log(`${target} ${file}: ${raw} bytes, ${gzip} bytes gzipped (budget ${CONTENT_SCRIPT_GZIP_BUDGET})`);
      expect(gzip, `${file} gzipped`).toBeLessThanOrEqual(CONTENT_SCRIPT_GZIP_BUDGET);
    }
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

/** The built packages as the stores will see them: size of what runs on every page, lint. */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { contentScriptSizes } from '../scripts/lib/build-output.ts';
import { outputDir, ROOT, type Target } from './built';

describe('built packages', () => {
  it.each<Target>(['chrome', 'firefox'])(
    'keeps the %s content script that runs on every page, and the selection script it brings in, within 8 KB gzipped, and those run on request within 9 KB',
    (target) => {
      const sizes = contentScriptSizes(outputDir(target));
      expect(
        sizes.filter((size) => size.everyPage).map((size) => size.file),
        'the scripts the manifest puts in every page',
      ).toEqual(['content-scripts/content.js']);
      expect(
        sizes.filter((size) => size.onGesture).map((size) => size.file),
        'the scripts a page may load',
      ).toEqual(['content-scripts/selection.js']);
      for (const { file, raw, gzip, budget } of sizes) {
        console.log(`${target} ${file}: ${raw} bytes, ${gzip} bytes gzipped (budget ${budget})`);
        expect(gzip, `${file} gzipped`).toBeLessThanOrEqual(budget);
      }
    },
  );

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

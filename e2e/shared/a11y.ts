// axe-core for the suites: its source, read once from the installed package, and how findings
// are judged and printed.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeFinding } from './types.ts';

let source: string | undefined;

/** axe.min.js, to evaluate in a page or frame (it defines `window.axe`). */
export function axeSource(): string {
  source ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  return source;
}

/** What a page must never have: violations axe rates serious or critical. */
export function blocking(findings: readonly AxeFinding[]): AxeFinding[] {
  return findings.filter((finding) => finding.impact === 'serious' || finding.impact === 'critical');
}

/** One line per finding, with the elements it was found on. */
export function describeFindings(findings: readonly AxeFinding[]): string {
  if (findings.length === 0) return '  (none)';
  return findings
    .map((finding) => {
      const heading = `  ${finding.impact ?? 'unrated'} ${finding.id}: ${finding.help}`;
      return [heading, ...finding.targets.map((target) => `      at ${target}`)].join('\n');
    })
    .join('\n');
}

/**
 * A build step that keeps two library code paths out of the extension, so the shipped code holds
 * no string evaluation and no HTML injection (docs/security.md §6) and store linters
 * (web-ext lint) have nothing to flag:
 *
 * - zod probes whether `new Function` works, to decide on its optional compiled parsers. Every
 *   Lead Lens context forbids eval by its content security policy, so the answer is always "no";
 *   the build states it instead of probing (a probe would also log a CSP violation).
 * - Preact's `dangerouslySetInnerHTML` writes `innerHTML`. Lead Lens never uses it; the build turns
 *   that one assignment into `textContent`, so any future use shows text instead of parsing HTML.
 */
import type { Plugin } from 'vite';

interface Rewrite {
  file: RegExp;
  pattern: RegExp;
  replacement: string;
}

const REWRITES: Rewrite[] = [
  {
    file: /[\\/]node_modules[\\/]zod[\\/]v4[\\/]core[\\/]util\.js$/,
    pattern: /export const allowsEval = [^;]*?cached\(\(\) => \{[\s\S]*?\n\}\);/,
    replacement: 'export const allowsEval = { value: false };',
  },
  {
    file: /[\\/]node_modules[\\/]preact[\\/]dist[\\/]preact\.(module\.js|mjs)$/,
    pattern: /\.innerHTML=([\w$]+)\.__html/g,
    replacement: '.textContent=$1.__html',
  },
];

export function strictBundle(): Plugin {
  return {
    name: 'lead-lens:strict-bundle',
    enforce: 'pre',
    transform(code, id) {
      const path = id.split('?')[0] ?? id;
      for (const rewrite of REWRITES) {
        if (!rewrite.file.test(path)) continue;
        const next = code.replace(rewrite.pattern, rewrite.replacement);
        // A library update that moved the code must fail the build, not ship the old path silently.
        if (next === code) this.error(`strict-bundle: the expected code was not found in ${path}`);
        return { code: next, map: null };
      }
      return undefined;
    },
  };
}

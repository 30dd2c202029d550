/**
 * A build step for the card frame's page (card.html): its style sheets go inline into the
 * page, so the frame loads the page and one script (entrypoints/card-frame.tsx) and nothing
 * else before it can show the card. The sheets stay separate files in the source, shared with the
 * popup and the options page.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Plugin } from 'vite';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SHEETS = ['components/theme.css', 'components/lead.css', 'entrypoints/card/card.css'];

/**
 * A sheet's `url('….svg')` (relative to the sheet) as a data: URL of that file, so the page
 * fetches no image either. Percent-encoded, so it holds no "<" or quote.
 */
function inlineSvgUrls(css: string, sheet: string): string {
  return css.replace(/url\('([^']+\.svg)'\)/g, (_match, path: string) => {
    const svg = readFileSync(new URL(path, pathToFileURL(`${ROOT}${sheet}`)), 'utf8');
    return `url("data:image/svg+xml,${encodeURIComponent(svg.replace(/\s+/g, ' ').trim())}")`;
  });
}

/** The sheets, without comments, with runs of whitespace folded and their SVG images inline. */
export function cardCss(): string {
  return SHEETS.map((sheet) => inlineSvgUrls(readFileSync(`${ROOT}${sheet}`, 'utf8'), sheet))
    .join('\n')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .trim();
}

export function cardPage(): Plugin {
  return {
    name: 'lead-lens:card-page',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        if (!/[\\/]card[\\/]index\.html$|[\\/]card\.html$/.test(context.filename)) return html;
        // A string, not HTML parsing: the sheets hold no "<" (checked so a change cannot break out).
        const css = cardCss();
        if (css.includes('<')) throw new Error('card-page: a style sheet contains "<"');
        // WXT adds a module-preload helper to every page; this page loads no modules.
        const page = html.replace(/<script type="module"[^>]*_virtual_wxt-html-plugins[^>]*><\/script>\s*/, '');
        return page.replace('</head>', `<style>${css}</style></head>`);
      },
    },
  };
}

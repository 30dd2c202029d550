/**
 * A build step for the card frame's page (popover.html): its style sheets go inline into the
 * page, so the frame loads the page and one script (entrypoints/popover-card.tsx) and nothing
 * else before it can show the card. The sheets stay separate files in the source, shared with the
 * popup and the options page.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SHEETS = ['components/theme.css', 'components/lead.css', 'entrypoints/popover/popover.css'];

/** The sheets, without comments and with runs of whitespace folded (no other rewriting). */
export function popoverCss(): string {
  return SHEETS.map((sheet) => readFileSync(`${ROOT}${sheet}`, 'utf8'))
    .join('\n')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .trim();
}

export function popoverPage(): Plugin {
  return {
    name: 'lead-lens:popover-page',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        if (!/[\\/]popover[\\/]index\.html$|[\\/]popover\.html$/.test(context.filename)) return html;
        // A string, not HTML parsing: the sheets hold no "<" (checked so a change cannot break out).
        const css = popoverCss();
        if (css.includes('<')) throw new Error('popover-page: a style sheet contains "<"');
        // WXT adds a module-preload helper to every page; this page loads no modules.
        const page = html.replace(/<script type="module"[^>]*_virtual_wxt-html-plugins[^>]*><\/script>\s*/, '');
        return page.replace('</head>', `<style>${css}</style></head>`);
      },
    },
  };
}

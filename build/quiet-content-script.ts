/**
 * A build step that keeps WXT's content-script context out of the content script.
 *
 * WXT starts every content script through a `ContentScriptContext`, whose constructor announces
 * the script to the page: it dispatches a DOM event on `document` and posts a message to the
 * window, both named after the extension's id. Any page can listen for them, which makes every
 * site able to tell that Lead Lens is installed. Lead Lens needs none of the context's helpers (its
 * content script sets up its own listeners), so the build gives WXT's entry a context that does
 * nothing, and nothing reaches the page at load.
 */
import type { Plugin } from 'vite';

const CONTEXT_MODULE = 'wxt/utils/content-script-context';
const SILENT = '\0lead-lens:silent-content-script-context';

export function quietContentScript(): Plugin {
  return {
    name: 'lead-lens:quiet-content-script',
    enforce: 'pre',
    resolveId(source) {
      return source === CONTEXT_MODULE ? SILENT : undefined;
    },
    load(id) {
      if (id !== SILENT) return undefined;
      // The same shape WXT's entry constructs and hands to `main`, with no side effects.
      return 'export class ContentScriptContext { constructor(name, options) { this.contentScriptName = name; this.options = options; } }';
    },
  };
}

/**
 * A build step that starts the content script without WXT's content-script context.
 *
 * WXT starts every isolated-world content script through a `ContentScriptContext`, whose
 * constructor announces the script to the page: it dispatches a DOM event on `document` and posts a
 * message to the window, both named after the extension's id. Any page can listen for them, which
 * tells every site that Lead Lens is installed. Lead Lens uses none of the context's helpers (its
 * content script sets up its own listeners), so the build replaces WXT's entry module with one
 * that only calls the script's `main()`: nothing reaches the page at load, and the page-load cost
 * of the context, its location watcher and the async start-up wrapper goes too.
 */
import type { Plugin } from 'vite';

/** The id WXT resolves its isolated-world entry to, followed by the content script's path. */
const ENTRY = '\0virtual:wxt-content-script-isolated-world-entrypoint?';

export function quietContentScript(): Plugin {
  return {
    name: 'lead-lens:quiet-content-script',
    enforce: 'post',
    transform(code, id) {
      if (!id.startsWith(ENTRY)) return undefined;
      // A WXT update that no longer starts scripts this way must fail the build, not ship the old path.
      if (!code.includes('new ContentScriptContext(')) {
        this.error('quiet-content-script: WXT no longer starts content scripts through ContentScriptContext');
      }
      const script = JSON.stringify(id.slice(ENTRY.length));
      return { code: `import definition from ${script};\ndefinition.main();\n`, map: null };
    },
  };
}

/**
 * What the content script every page gets (loader.ts) and the selection script it brings in on
 * demand (utils/selection-script.ts) agree on. The first is about 1 KB, since a content script's
 * cost at page load is mostly V8 compiling it in each new page; the second holds everything a
 * selection lookup needs.
 *
 * The selection script is web-accessible, as `import()` from a content script requires: in Chrome
 * only under a per-session address (`use_dynamic_url`), in Firefox under the per-install one, so no
 * page can tell from it which extension is installed. Its import is not among the page's resource
 * timings either, and the page's own Content-Security-Policy does not apply to it.
 */
import type { WxtBrowser } from 'wxt/browser';
import type { OpenMark } from '@/utils/marks';
import { SELECTION_HOOK, SELECTION_SCRIPT_FILE } from '@/utils/selection-script';

/** The input events the content script hands over, heard on `window` as they are captured. */
export type HeardType = 'mousedown' | 'mouseup' | 'keydown' | 'keyup';

/**
 * A trusted input event as the content script heard it during its dispatch: its path and (in a
 * shadow tree) its target are gone once the dispatch is over, so they are kept here. An event heard
 * while the selection script loaded is handed over afterwards, no longer live.
 */
export interface Heard {
  event: Event & { type: HeardType };
  /** `composedPath()[0]`: the node the event happened on, also inside a shadow root. */
  origin: Node | null;
  /** `event.target` as the listener saw it (outside a closed shadow root, its host). */
  target: EventTarget | null;
  /**
   * Still being dispatched: `preventDefault()` still counts, and a listener added now hears this
   * very event on its way back up, after the page's own listeners.
   */
  live: boolean;
}

/** The selection script's controls. */
export interface SelectionLookups {
  /** An input event the content script heard (trusted only). */
  hear(heard: Heard): void;
  /** Sets up messaging, so that the background can reach this frame. */
  listen(): void;
  /** A known-lead mark was clicked (the marks script runs in the same world). */
  openMark: OpenMark;
}

/**
 * The extension API under the name both browsers give it in content scripts. Named here, not
 * reached through extension-api.ts, because the import below must read `chrome.runtime.getURL(…)`
 * as written for Firefox's add-on linter to accept a module address that is not a literal.
 */
declare const chrome: WxtBrowser;

/**
 * The selection script's controls when it runs in this frame: brought in by a gesture, by a
 * clicked mark, or by the background (the context menu or the shortcut, triggers.ts).
 */
export function selectionScript(): SelectionLookups | undefined {
  return (globalThis as unknown as Record<string, SelectionLookups | undefined>)[SELECTION_HOOK];
}

/** Brings the selection script into this frame's content-script world, once; its controls. */
export async function loadSelectionScript(): Promise<SelectionLookups> {
  if (!selectionScript()) await import(/* @vite-ignore */ chrome.runtime.getURL(`/${SELECTION_SCRIPT_FILE}`));
  const lookups = selectionScript();
  if (!lookups) throw new Error('The selection script did not start');
  return lookups;
}

import { defineContentScript } from 'wxt/utils/define-content-script';
import { createSelectionLookups } from '@/entrypoints/content/selection-lookups';
import { SELECTION_HOOK } from '@/utils/selection-script';

export default defineContentScript({
  // Not in the manifest: the content script imports it on the first gesture in a frame that can
  // select text (entrypoints/content/loader.ts), so a page no one selects in pays nothing for it.
  // Once per world: the background may also run it in a frame that has it (triggers.ts).
  registration: 'runtime',
  matches: [],
  main: () => {
    const world = globalThis as unknown as Record<string, unknown>;
    world[SELECTION_HOOK] ??= createSelectionLookups();
  },
});

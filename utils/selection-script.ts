/**
 * The selection script: everything a selection lookup needs in a page (the card, the checks),
 * which the content script every page gets imports on the first gesture that can select text
 * (entrypoints/content/loader.ts). The background runs it itself where it must reach a frame
 * whose content script has not brought it in yet (entrypoints/background/triggers.ts).
 *
 * It runs in the content scripts' own (isolated) world, and leaves its controls there under a
 * name; page scripts live in another world and never see it. The content scripts bundle this
 * module: it imports nothing.
 */

/** Where the build puts the selection script; it is web-accessible, as `import()` requires. */
export const SELECTION_SCRIPT_FILE = 'content-scripts/selection.js';

/** The name of the selection script's controls in the content scripts' world. */
export const SELECTION_HOOK = 'leadLensSelection';

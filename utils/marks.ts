/**
 * Known-lead marks: what the popup, the background and the two content scripts agree on.
 *
 * Marks run only on sites where the user switched them on ("Mark known leads on this site"). There
 * the background registers the marks script (`entrypoints/marks.content/`) for the site's pages,
 * which needs the browser's access to that site: asked for when the switch is turned on, given
 * back when it is turned off. The script runs in the content scripts' own world and hands a
 * clicked mark to the selection content script through a hook in that world, which page scripts
 * never see (like the wake-up call in `utils/wake.ts`).
 *
 * The content scripts bundle this module: it imports nothing.
 */

/** The id the marks script is registered under with `scripting.registerContentScripts`. */
export const MARKS_SCRIPT_ID = 'lead-lens-marks';

/** Where the build puts the marks script, as `registerContentScripts` and `executeScript` name it. */
export const MARKS_SCRIPT_FILE = 'content-scripts/marks.js';

/** The selection script's "open the card for this mark" call, in the content scripts' world. */
export const OPEN_MARK_HOOK = 'leadLensOpenMark';

/** The marks script's own controls in that world: started again, or stopped (the switch turned off). */
export const MARKS_HOOK = 'leadLensMarks';

export interface MarksControl {
  /** Reads the page again and asks which values are known (the account or its copy changed). */
  refresh(): void;
  /** Takes every mark away and stops watching the page. */
  stop(): void;
}

/** A mark's click, handed to the selection script: the value and where it is on the page now. */
export type OpenMark = (value: string, boxes: () => DOMRect[], anchor: Element, byKeyboard: boolean) => void;

/**
 * The host permission patterns for a site as the site lists keep it ("example.com" also covers
 * "www.example.com"), on http and https.
 */
export function markOrigins(site: string): string[] {
  const hosts = site.startsWith('[') || /^\d+(?:\.\d+){3}$/.test(site) ? [site] : [site, `www.${site}`];
  return hosts.flatMap((host) => [`http://${host}/*`, `https://${host}/*`]);
}

/** How many distinct values one `knownLeads` message may ask about. */
export const MAX_VALUES_ASKED = 200;

/**
 * "Leads on this page": what the panel, the background and the page-reading script agree on.
 *
 * The panel runs the page-reading script (`entrypoints/page-contacts.content/`) in the tab it
 * follows with `scripting.executeScript`, in every frame the extension may read. The script reads
 * the page with the marks' scanner and sends each frame's contacts to the panel, again whenever
 * the page changes. Only the values and a few words of the page around each go, to the panel
 * alone: no lead's name is ever handed to the page.
 *
 * The content script bundles this module: it imports nothing.
 */

/** Where the build puts the page-reading script, as `executeScript` names it. */
export const PAGE_CONTACTS_SCRIPT_FILE = 'content-scripts/page-contacts.js';

/** The script's control in the content scripts' world: a second injection asks it to send again. */
export const PAGE_CONTACTS_HOOK = 'leadLensPageContacts';

/** Most distinct values one frame sends: a directory page's worth. */
export const MAX_PAGE_CONTACTS = 2_000;

/** Longest context sent with a value, in characters. */
export const CONTEXT_CHARS = 80;

/** A phone number or email as a frame of the page shows it. */
export interface PageContact {
  /** As written on the page (the background reads it with the user's region). */
  value: string;
  /** A few words of the page around it: the row, item or paragraph it is in. */
  context: string;
  /** The other values in that same row, item or paragraph: one person's phone beside their email. */
  near: string[];
}

export interface PageContactsControl {
  /** Sends the frame's contacts to the panel again (a panel that just opened asks). */
  sendAgain(): void;
}

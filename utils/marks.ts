/**
 * Known-lead marks: what the popup, the background and the two content scripts agree on.
 *
 * Marks run only on sites where the user switched them on ("Mark known leads on this site"). There
 * the background registers the marks script (`entrypoints/marks.content/`) for the site's pages,
 * which needs the browser's access to that site: asked for when the switch is turned on, given
 * back when it is turned off. The script runs in the content scripts' own world and hands a
 * clicked mark to the selection script there (utils/selection-script.ts), which page scripts
 * never see.
 *
 * The content scripts bundle this module: it imports nothing.
 */

/** The id the marks script is registered under with `scripting.registerContentScripts`. */
export const MARKS_SCRIPT_ID = 'lead-lens-marks';

/** Where the build puts the marks script, as `registerContentScripts` and `executeScript` name it. */
export const MARKS_SCRIPT_FILE = 'content-scripts/marks.js';

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
 * A site as the list of marked sites keeps it: the bare host ("example.com", also
 * "www.example.com") for its https pages, and `http://` before it for its plain-http pages, which
 * are marked only where the user turned marks on from such a page: anyone on the network between
 * the user and an http site can add script to its pages.
 */
export function markSite(host: string, secure: boolean): string {
  const bare = host
    .trim()
    .toLowerCase()
    .replace(/^www\./, '');
  return secure ? bare : `http://${bare}`;
}

/** The host and whether the pages are https, of an entry of the marked sites. */
export function markSiteParts(site: string): { host: string; secure: boolean } {
  return site.startsWith('http://')
    ? { host: site.slice('http://'.length), secure: false }
    : { host: site, secure: true };
}

/** An entry of the marked sites in its one spelling ("WWW.Example.com" is "example.com"). */
export function normalMarkSite(site: string): string {
  const { host, secure } = markSiteParts(site.trim().toLowerCase());
  return markSite(host, secure);
}

/** The entry of the marked sites that a page at this address would be marked under, or null for no web page. */
export function markSiteOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const { protocol, hostname } = new URL(url);
    if (protocol !== 'https:' && protocol !== 'http:') return null;
    return markSite(hostname, protocol === 'https:');
  } catch {
    return null;
  }
}

/** The host permission patterns for an entry of the marked sites: its host, and its "www." host, on its scheme only. */
export function markOrigins(site: string): string[] {
  const { host, secure } = markSiteParts(site);
  const hosts = host.startsWith('[') || /^\d+(?:\.\d+){3}$/.test(host) ? [host] : [host, `www.${host}`];
  return hosts.map((name) => `${secure ? 'https' : 'http'}://${name}/*`);
}

/** How many distinct values one `knownLeads` message may ask about. */
export const MAX_VALUES_ASKED = 200;

/**
 * How many different values one page load may ask about. A CRM list shows 50 to 100 rows a page
 * with a phone number and an email each, an inbox 50 to 100 mails; a page that asks about more than
 * 300 is not a page a person reads, it is a page reading the marks.
 */
export const VALUES_PER_PAGE_LOAD = 300;

/**
 * How many different values the pages of one site may ask about in a day: some twenty such lists
 * worked through, or an inbox read all day. Past it, marks stop on the site until the next day.
 */
export const VALUES_PER_SITE_A_DAY = 2_000;

/**
 * Text a page adds by script: more than this many values within `ADDED_IN_BULK_MS` is a page
 * writing values for the marks to answer, not the next page of a list (an inbox or a CRM table
 * adds 50 to 200 values at a time, as the user asks for them). Marks stop on that page.
 */
export const ADDED_IN_BULK = 250;
export const ADDED_IN_BULK_MS = 10_000;

/**
 * How long a value must be on screen, readable, before it is asked about: a person's glance, and
 * long enough that a page cannot flash thousands of values past the marks.
 */
export const ON_SCREEN_MS = 500;

/** Why marks stopped on a page: too many values for one load, for the site today, or added in bulk. */
export type MarksStop = 'page' | 'day' | 'bulk';

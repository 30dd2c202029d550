/**
 * Site names as the "sites where lookups are off" list keeps them: one spelling per site, so the
 * options page, the popup's switch and the background's check always agree.
 */

/** "WWW.Example.com " and "example.com" are one site. */
export function normalizeHost(host: string): string {
  return host
    .trim()
    .toLowerCase()
    .replace(/^www\./, '');
}

/** The host of a web page address in the form the site list keeps, or null for anything else. */
export function webHost(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
    return normalizeHost(parsed.hostname);
  } catch {
    return null;
  }
}

/**
 * The host a user typed or pasted as one line of the site list: a bare host ("Mail.Example.com") or a pasted URL
 * ("https://mail.example.com/inbox"). Lower case and in its ASCII (punycode) form, which is what
 * `location.hostname` gives when the list is checked. Null when the line names no host.
 */
export function siteFromText(line: string): string | null {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(line) ? line : `http://${line}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password) return null;
  const host = url.hostname.replace(/\.$/, '');
  if (host.startsWith('[')) return host;
  const labels = host.split('.');
  const isLabel = (label: string) => /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/.test(label);
  return host.length > 0 && host.length <= 253 && labels.every(isLabel) ? host : null;
}

/** True when this host is in the list, however either is spelt. */
export function isSiteListed(sites: readonly string[], host: string): boolean {
  const bare = normalizeHost(host);
  return sites.some((site) => normalizeHost(site) === bare);
}

/**
 * Whether lookups are off for a selection made on these sites: its frame's own and its tab's top
 * page's. Off when either is listed, so a site's switch covers its pages with every frame in them
 * and its frames inside other sites' pages. Null, the top page not known, counts as listed
 * whenever the list holds any site: a site the user turned off is never guessed to be elsewhere.
 */
export function lookupsOffFor(disabledSites: readonly string[], sites: readonly string[] | null): boolean {
  if (sites === null) return disabledSites.length > 0;
  return sites.some((site) => isSiteListed(disabledSites, site));
}

/** A site list with this host taken out (every spelling), and put back in once when `listed`. */
export function withSiteListed(sites: readonly string[], host: string, listed: boolean): string[] {
  const bare = normalizeHost(host);
  const others = sites.filter((site) => normalizeHost(site) !== bare);
  return listed ? [...others, bare] : others;
}

/** The list of sites where lookups are off, with this host taken out (every spelling) or put in (once). */
export function withSite(disabledSites: readonly string[], host: string, lookupsOn: boolean): string[] {
  return withSiteListed(disabledSites, host, !lookupsOn);
}

/**
 * `current` with the edits that turned the list `before` into `after`: a site taken out goes in
 * every spelling, a site put in is added as spelt. What changed `current` meanwhile (the popup's
 * switch, another window) stays.
 */
export function withSiteListEdits(
  current: readonly string[],
  before: readonly string[],
  after: readonly string[],
): string[] {
  const removed = before.filter((site) => !isSiteListed(after, site));
  const kept = current.filter((site) => !isSiteListed(removed, site));
  return [...kept, ...after.filter((site) => !isSiteListed(before, site) && !isSiteListed(kept, site))];
}

/**
 * "Lookups on this site": which site the popup's switch is about, and turning lookups off and on
 * there through the settings' site list (the background reads that list, as in effect, before
 * every lookup). An administrator's list shows on the switch: locked, it cannot be changed here.
 *
 * The site is the one in the active tab. Clicking the toolbar button grants `activeTab`, which
 * lets the popup read that tab's address without the broad `tabs` permission. When popup.html is
 * open in a tab of its own (as in automated tests, or a user who bookmarked it), the active tab
 * is the popup itself, so the switch is about the tab used just before it instead.
 */
import { browser, type Browser } from 'wxt/browser';
import { sendMessage } from '@/utils/messaging';
import { isSiteListed, webHost, withSite } from '@/utils/sites';
import { readEffectiveSettings, updateSettings, watchSettings, type EffectiveSettings } from '@/utils/settings';

type Tab = Browser.tabs.Tab;

/** The part of `browser.tabs` used here, so tests can pass their own. */
export interface SiteTabs {
  query(queryInfo: { active?: boolean; currentWindow?: boolean }): Promise<Tab[]>;
  /** The tab this page runs in, or undefined in the toolbar popup. */
  getCurrent(): Promise<Tab | undefined>;
}

export type CurrentSite =
  /** A web page: the switch is shown for its host; `secure`: the page is https. */
  | { kind: 'site'; host: string; secure: boolean; tabId: number | undefined }
  /** The browser's own pages, files, extension pages, a new tab: lookups never run there. */
  | { kind: 'not-web' }
  /** No tab, or one whose address this extension may not read. */
  | { kind: 'unknown' };

export interface FindSiteOptions {
  tabs?: SiteTabs;
  /**
   * Asks the page in a tab for its scheme and host ("https://example.com") when the tab's
   * address is hidden from the extension (it is, without the `tabs` permission, for any tab but
   * the one `activeTab` was granted for). Resolves to null when the tab has no page that answers.
   */
  askHost?: (tabId: number) => Promise<string | null>;
}

/** How many earlier tabs to try when the popup runs in a tab of its own. */
const EARLIER_TABS_TRIED = 3;

/** Asks the content script in a tab's top frame for its page's scheme and host. */
export function askPageHost(tabId: number): Promise<string | null> {
  return sendMessage('pageHost', undefined, { tabId, frameId: 0 });
}

/** The site the switch in the popup is about. */
export async function findCurrentSite(options: FindSiteOptions = { askHost: askPageHost }): Promise<CurrentSite> {
  const tabs: SiteTabs = options.tabs ?? browser.tabs;
  const [self, [active]] = await Promise.all([
    tabs.getCurrent().catch(() => undefined),
    tabs.query({ active: true, currentWindow: true }).catch((): Tab[] => []),
  ]);
  if (active && (!self || active.id !== self.id)) return siteOfTab(active, options.askHost);

  // The popup is the active tab: look at the tabs the user was on before it, newest first.
  const others = (await tabs.query({ currentWindow: true }).catch((): Tab[] => []))
    .filter((tab) => tab.id !== self?.id)
    .sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0))
    .slice(0, EARLIER_TABS_TRIED);
  let found: CurrentSite = { kind: 'unknown' };
  for (const tab of others) {
    const site = await siteOfTab(tab, options.askHost);
    if (site.kind === 'site') return site;
    // A browser page just before the popup still tells the user why there is no switch.
    if (found.kind === 'unknown') found = site;
  }
  return found;
}

async function siteOfTab(tab: Tab, askHost: FindSiteOptions['askHost']): Promise<CurrentSite> {
  const url = tab.url ?? tab.pendingUrl;
  if (url) {
    const host = webHost(url);
    return host ? { kind: 'site', host, secure: url.startsWith('https:'), tabId: tab.id } : { kind: 'not-web' };
  }
  if (askHost && tab.id !== undefined) {
    const page = (await askHost(tab.id).catch(() => null)) ?? undefined;
    const host = webHost(page);
    if (host) return { kind: 'site', host, secure: !!page?.startsWith('https:'), tabId: tab.id };
  }
  return { kind: 'unknown' };
}

export interface SiteLookups {
  /** False where lookups are off on the site. */
  on: boolean;
  /**
   * What the administrator set: the whole list, `locked` (the switch is read-only), or this site,
   * `suggested` (lookups off here until the user turns them on); null for nothing.
   */
  admin: 'locked' | 'suggested' | null;
}

/** The switch for a host, as the settings in effect have it. */
function siteLookupsIn(
  effective: Pick<EffectiveSettings, 'settings' | 'locked' | 'policy'>,
  host: string,
): SiteLookups {
  const on = !isSiteListed(effective.settings.disabledSites, host);
  if (effective.locked.has('disabledSites')) return { on, admin: 'locked' };
  const suggested = !on && isSiteListed(effective.policy.disabledSites ?? [], host);
  return { on, admin: suggested ? 'suggested' : null };
}

export async function readSiteLookups(host: string): Promise<SiteLookups> {
  return siteLookupsIn(await readEffectiveSettings(), host);
}

/**
 * Turns selection lookups on or off for a host; the other settings stay as they are. Nothing is
 * written where it already is so, or where the administrator locks the list.
 */
export async function writeLookupsOnSite(host: string, lookupsOn: boolean): Promise<void> {
  await updateSettings((current, inEffect) => {
    const on = !isSiteListed(current.disabledSites, host);
    if (inEffect.locked.has('disabledSites') || on === lookupsOn) return null;
    return { disabledSites: withSite(current.disabledSites, host, lookupsOn) };
  });
}

/** Calls back with the switch's new state whenever the settings change (e.g. in options, or the policy). */
export function watchSiteLookups(host: string, onChange: (lookups: SiteLookups) => void): () => void {
  return watchSettings(() => {
    void readSiteLookups(host).then(onChange, () => undefined);
  });
}

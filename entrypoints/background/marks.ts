/**
 * The background's half of the known-lead marks (see utils/marks.ts): which values on a page are
 * leads in the device copy, and where the marks script runs.
 *
 * The answer comes from the copy on this device only: no value a page shows ever reaches MEGA
 * through the marks, and no request counts against the account's budget. It says how a mark looks
 * (the stage's colour and name), never who the lead is.
 */
import type { browser } from 'wxt/browser';
import type { Connection, ConnectionService } from './connection';
import type { DeviceCopy } from './device-copy';
import { parseHexColor } from '@/utils/color';
import { t } from '@/utils/i18n';
import { parseContact, type Contact, type CountryCode } from '@/utils/contact';
import type { HiddenMatch } from '@/utils/hidden-matches';
import { MARKS_SCRIPT_FILE, MARKS_SCRIPT_ID, markOrigins, markSiteParts, type MarksStop } from '@/utils/marks';
import type { KnownLeads, KnownValue } from '@/utils/protocol';
import type { MarksBudget } from './marks-budget';
import { isSiteListed } from '@/utils/sites';
import type { Settings } from '@/utils/storage';

/**
 * Sites whose pages get marks, as the list keeps them (`markSite` in utils/marks.ts: https, or
 * http where the user turned marks on from an http page): switched on there, and lookups not
 * switched off there.
 */
export function markedSites(settings: Pick<Settings, 'markSites' | 'disabledSites'>): string[] {
  return settings.markSites.filter((site) => !isSiteListed(settings.disabledSites, markSiteParts(site).host));
}

/** A stage colour as #rrggbb, or null when MEGA sent none (or something that is not a colour). */
function markColor(color: string | null | undefined): string | null {
  const rgb = parseHexColor(color);
  return rgb ? `#${rgb.map((part) => part.toString(16).padStart(2, '0')).join('')}` : null;
}

export interface KnownLeadsDeps {
  connection: Pick<ConnectionService, 'load'>;
  /**
   * The connection read again from storage. The popup turns marks on for a site and runs the
   * script in its tab at once: the script's first question can come before the background has
   * heard of the change, and the values it asks about would otherwise go unmarked.
   */
  reload?: () => Promise<Connection>;
  copy: Pick<DeviceCopy, 'indexFor'>;
  /** The leads hidden with "Not this person" for an account. */
  hidden: (accountId: string) => Promise<HiddenMatch[]>;
}

/**
 * Which of the values, as written on a page of `site` (an entry of the marked sites, `markSiteOf`
 * the page's address), are leads in the active account's copy; null when marks are not on for
 * that site (on http, for that site's http pages) or there is no copy to answer from.
 */
export async function knownLeads(
  values: readonly string[],
  site: string,
  deps: KnownLeadsDeps,
): Promise<KnownLeads | null> {
  let connection: Connection = await deps.connection.load();
  if (deps.reload && !isSiteListed(markedSites(connection.settings), site)) connection = await deps.reload();
  const { settings, account } = connection;
  if (!account || !isSiteListed(markedSites(settings), site)) return null;
  const index = await deps.copy.indexFor(connection);
  if (!index) return null;
  const region = settings.defaultRegion as CountryCode;
  const asked: Array<{ value: string; contact: Contact }> = [];
  for (const value of new Set(values)) {
    const contact = parseContact(value, region);
    if (contact) asked.push({ value, contact });
  }
  const [found, hidden] = await Promise.all([
    index.lookupMany(asked.map(({ contact }) => contact)),
    deps.hidden(account.id).catch((): HiddenMatch[] => []),
  ]);
  if (!found) return null;
  const hiddenFor = new Set(hidden.map((match) => `${match.value}\n${match.leadId}`));
  const known: KnownValue[] = [];
  asked.forEach(({ value, contact }, i) => {
    const lead = found[i]?.find(({ lead }) => !hiddenFor.has(`${contact.value}\n${lead.id}`))?.lead;
    if (!lead) return;
    const stage = lead.current_stage?.name ?? null;
    // Worded here: a content script's first message lookup reads the whole catalogue, on the page's thread.
    const label = stage ? t('markKnownLeadStage', stage) : t('markKnownLead');
    known.push({ value, color: markColor(lead.current_stage?.color), stage, label });
  });
  return { known };
}

/** A marks script's question: the values, its name for the page load, and whether it stopped on values added in bulk. */
export interface MarksQuestion {
  values: readonly string[];
  load: string;
  bulk?: true;
}

/** The page asking: its site as the marked sites keep it (null for none) and its tab. */
export interface MarksPage {
  site: string | null;
  tabId: number;
}

/**
 * The marks' answers within the page's budget (marks-budget.ts): a page on a marked site is
 * answered while it keeps within it, and told to stop once past it; a page that is not on a
 * marked site is answered nothing and counts nothing. `saw`: the tab now holds marks.
 */
export function createMarksAnswers(deps: KnownLeadsDeps & { budget: MarksBudget; saw(tabId: number): void }) {
  return {
    async known({ values, load, bulk }: MarksQuestion, { site, tabId }: MarksPage): Promise<KnownLeads | null> {
      if (site === null) return null;
      deps.saw(tabId);
      if (bulk) {
        await deps.budget.stop(tabId, load, 'bulk');
        return { known: [], stopped: 'bulk' };
      }
      const reply = await knownLeads(values, site, deps);
      if (!reply) return null;
      const stopped = await deps.budget.take(tabId, load, site, values);
      return stopped ? { known: [], stopped } : reply;
    },
    stoppedIn: (tabId: number): Promise<MarksStop | null> => deps.budget.stoppedIn(tabId),
  };
}

/** The part of `browser.scripting` the marks script's registration uses, so tests pass their own. */
export type MarksScripting = Pick<
  typeof browser.scripting,
  'getRegisteredContentScripts' | 'registerContentScripts' | 'updateContentScripts' | 'unregisterContentScripts'
>;

/**
 * Registers the marks script for the sites where marks are on (and only there), updates it when
 * that list changes, and takes it away when it is empty. Idempotent: run at every start and after
 * every change of the settings, since browsers differ in whether registrations outlive a restart.
 */
export async function registerMarksScript(
  settings: Pick<Settings, 'markSites' | 'disabledSites'>,
  scripting: MarksScripting,
): Promise<void> {
  const matches = markedSites(settings).flatMap(markOrigins);
  const registered = await scripting.getRegisteredContentScripts({ ids: [MARKS_SCRIPT_ID] });
  if (matches.length === 0) {
    if (registered.length > 0) await scripting.unregisterContentScripts({ ids: [MARKS_SCRIPT_ID] });
    return;
  }
  const script = {
    id: MARKS_SCRIPT_ID,
    js: [MARKS_SCRIPT_FILE],
    matches,
    runAt: 'document_idle' as const,
    allFrames: false,
  };
  if (registered.length > 0) await scripting.updateContentScripts([script]);
  else await scripting.registerContentScripts([script]);
}

/**
 * The tabs whose marks script has asked something, so a change of account, of its copy or of the
 * sites with marks reads their pages again (the old marks may be another account's, or no longer
 * wanted there). Told by message, which needs no access to the site: the access may just have
 * been given back.
 */
/** What the marked tabs are, and what their marks were drawn from, as a restarted background finds it. */
export interface MarkedTabsState {
  tabs: number[];
  /** The account, copy, region and sites the marks on those tabs were drawn from. */
  drawnFrom: string | null;
}

export interface MarkedTabsStore {
  load(): Promise<MarkedTabsState | null>;
  save(state: MarkedTabsState): Promise<void>;
}

/**
 * `store`: where the tabs and what their marks were drawn from are kept (session storage), so a
 * background that stopped (as it does when idle) and is woken by the very change of account
 * still knows which tabs hold the last account's marks; memory only when absent.
 */
export function createMarkedTabs(refresh: (tabId: number) => Promise<unknown>, store?: MarkedTabsStore) {
  let state: Promise<{ tabs: Set<number>; drawnFrom: string | null }> | undefined;
  const loaded = () =>
    (state ??= (store?.load() ?? Promise.resolve(null)).then(
      (saved) => ({ tabs: new Set(saved?.tabs ?? []), drawnFrom: saved?.drawnFrom ?? null }),
      () => ({ tabs: new Set<number>(), drawnFrom: null }),
    ));
  const save = async () => {
    const { tabs, drawnFrom } = await loaded();
    await store?.save({ tabs: [...tabs], drawnFrom }).catch(() => undefined);
  };

  async function refreshAll(): Promise<void> {
    const { tabs } = await loaded();
    const before = tabs.size;
    await Promise.all(
      [...tabs].map((tabId) =>
        refresh(tabId)
          // The tab was closed or left the site: it has no marks to refresh.
          .catch(() => tabs.delete(tabId)),
      ),
    );
    if (tabs.size !== before) await save();
  }

  return {
    saw(tabId: number): void {
      void loaded().then(({ tabs }) => {
        if (tabs.has(tabId)) return undefined;
        tabs.add(tabId);
        return save();
      });
    },
    /**
     * What marks are drawn from now (see `marksSource` in start.ts): when it differs from what the
     * marks on the tabs were drawn from, each of those tabs reads its page again.
     */
    async drawnFrom(source: string): Promise<void> {
      const current = await loaded();
      const changed = current.drawnFrom !== null && current.drawnFrom !== source;
      if (current.drawnFrom !== source) {
        current.drawnFrom = source;
        // Worth keeping only once a tab holds marks (`saw` saves it then); a background that
        // starts with none writes nothing.
        if (current.tabs.size > 0) await save();
      }
      if (changed) await refreshAll();
    },
    refreshAll,
  };
}

export type MarksAnswers = ReturnType<typeof createMarksAnswers>;

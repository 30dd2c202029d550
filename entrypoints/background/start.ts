/**
 * What the background runs when it starts: the services, wired to storage, and the ways the other
 * contexts reach them (messages, the context menu, the shortcut).
 */
import type { browser as extensionBrowser } from 'wxt/browser';
import { createConnection } from './connection';
import { createDeviceCopy } from './device-copy';
import { createRecentLeads } from './recent';
import { createAddWindows } from './add-windows';
import { createCards } from './cards';
import { extensionClipboard } from './clipboard';
import { createCopiedLookups } from './copied-lookups';
import { createLeads } from './leads';
import { LookupCache } from './lookup-cache';
import { createLookups, MAX_RECORDS, RECORD_TTL_MS } from './lookups';
import { createRoutes, registerCardPort, registerRoutes } from './routes';
import { createStageBook } from './stages';
import { extensionTriggerApi, registerLookupTriggers } from './triggers';
import { followLanguageSetting } from '@/utils/language-setting';
import { createMarkedTabs, createMarksAnswers, markedSites, registerMarksScript } from './marks';
import { createMarksBudget } from './marks-budget';
import { createBulkImports } from './bulk-import';
import { createPanelAnswers } from './panel';
import { registerPanelOpeners } from './panel-openers';
import { currentLanguage } from '@/utils/i18n';
import { sendMessage } from '@/utils/messaging';
import { readEffectiveSettings, watchSettings, type EffectiveSettings } from '@/utils/settings';
import {
  activeAccount,
  cardBindingsItem,
  lookupCacheItem,
  lookupRecordsItem,
  keepsCopy,
  languageInEffectItem,
  markedTabsItem,
  marksBudgetItem,
  partitionOf,
  recentLeadsItem,
  refusedPartitionsItem,
  sessionTokensItem,
  type LookupAnswer,
  type LookupRecord,
  type Settings,
} from '@/utils/storage';
import { hiddenLeadIds, hiddenMatches, hideMatch, unhideMatch } from '@/utils/hidden-matches';
import { migrateLegacyToken, tokenInEffect } from '@/utils/token-vault';
import type { Connection } from './connection';

const LOOKUP_TTL_MS = 5 * 60_000;
const SYNC_ALARM = 'lead-lens-device-copy';
/** Chrome runs alarms at most every 30 s; asking for sooner only gets a warning. */
const MIN_ALARM_DELAY_MS = 30_000;
/** The Add to MEGA window: a small window of its own, the size of the form. */
const ADD_WINDOW = { type: 'popup', width: 420, height: 560, focused: true } as const;

export function startBackground(browser: typeof extensionBrowser): void {
  // Tokens kept for the session stay out of content scripts' reach (the default; said explicitly).
  void browser.storage.session?.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' })?.catch(() => undefined);

  let saved: Promise<Connection> | undefined;
  /** The settings in effect as last read: which token each account is used with. */
  let effective: EffectiveSettings | undefined;
  const loadConnection = () =>
    (saved ??= (async () => {
      const read = await readEffectiveSettings(navigator.language);
      const account = activeAccount(read.settings);
      // Before any token is read, one saved by an earlier version is moved out of storage.local.
      await migrateLegacyToken(account).catch(() => undefined);
      effective = read;
      const token = account ? await tokenInEffect(read, account) : null;
      return { settings: read.settings, account, token };
    })());

  const connection = createConnection({
    refusedStore: { load: () => refusedPartitionsItem.getValue(), save: (v) => refusedPartitionsItem.setValue(v) },
    loadConnection,
    readToken: async (accountId) => {
      await loadConnection();
      const account = effective?.settings.accounts.find((candidate) => candidate.id === accountId);
      return effective && account ? tokenInEffect(effective, account) : null;
    },
  });
  const stages = createStageBook();
  const copy = createDeviceCopy({ connection, onStatus: () => void scheduleSync() });
  const recent = createRecentLeads({
    load: () => recentLeadsItem.getValue(),
    save: (v) => recentLeadsItem.setValue(v),
  });
  const lookups = createLookups({
    connection,
    stages,
    copy,
    recent,
    hidden: { idsFor: hiddenLeadIds, hide: hideMatch, unhide: unhideMatch },
    cache: new LookupCache<LookupAnswer>({
      ttlMs: LOOKUP_TTL_MS,
      store: { load: () => lookupCacheItem.getValue(), save: (v) => lookupCacheItem.setValue(v) },
    }),
    records: new LookupCache<LookupRecord>({
      ttlMs: RECORD_TTL_MS,
      maxEntries: MAX_RECORDS,
      store: { load: () => lookupRecordsItem.getValue(), save: (v) => lookupRecordsItem.setValue(v) },
    }),
  });
  const leads = createLeads({ connection, lookups, stages });

  /** The next sync of the device copy, by alarm, so it happens also after the worker stopped. */
  async function scheduleSync(): Promise<void> {
    const at = await copy.nextSyncAt();
    if (at === null) await browser.alarms?.clear(SYNC_ALARM);
    else await browser.alarms?.create(SYNC_ALARM, { when: Math.max(at, Date.now() + MIN_ALARM_DELAY_MS) });
  }
  browser.alarms?.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) void copy.syncIfDue().finally(() => void scheduleSync());
  });

  // Which tabs hold marks, and what they were drawn from, kept where a restart finds them: the
  // background is often woken by the very change of account that makes those marks stale.
  const markedTabs = createMarkedTabs((tabId) => sendMessage('refreshMarks', undefined, { tabId, frameId: 0 }), {
    load: () => markedTabsItem.getValue(),
    save: (v) => markedTabsItem.setValue(v),
  });
  const syncMarksScript = (settings: Settings) =>
    registerMarksScript(settings, browser.scripting).catch(() => undefined);
  // What the marks on open pages are drawn from (a change means they are read again): the account, its copy, the region numbers are read with, and where marks are on (lookups
  // turned off on a site take its marks away from its open pages too).
  const marksSource = ({ settings, account }: Connection) =>
    `${account?.id ?? ''}#${account?.revision ?? ''}|${!!account && keepsCopy(settings, account)}|${settings.defaultRegion}|${markedSites(settings).join(',')}`;

  const refresh = async () => {
    saved = undefined;
    const current = await loadConnection();
    const { settings } = current;
    const live = new Set(settings.accounts.map(partitionOf));
    // Answers are kept by account partition; what no current account owns is dropped.
    await Promise.all([lookups.connectionChanged(live), recent.keepOnly(live), copy.settingsChanged()]);
    await syncMarksScript(settings);
    void markedTabs.drawnFrom(marksSource(current));
    await copy.syncIfDue().catch(() => undefined);
    await scheduleSync();
  };
  // The settings in effect: the user's and the administrator's policy.
  watchSettings(() => void refresh());
  sessionTokensItem.watch(() => void refresh());
  // Event pages (Firefox) say when they are about to be unloaded; save what is pending then.
  browser.runtime.onSuspend?.addListener(() => void lookups.persist());
  const cards = createCards({
    lookups,
    bindings: { load: () => cardBindingsItem.getValue(), save: (v) => cardBindingsItem.setValue(v) },
  });
  const marks = createMarksAnswers({
    connection,
    reload: () => {
      saved = undefined;
      return loadConnection();
    },
    copy,
    hidden: hiddenMatches,
    budget: createMarksBudget({ load: () => marksBudgetItem.getValue(), save: (v) => marksBudgetItem.setValue(v) }),
    saw: (tabId) => markedTabs.saw(tabId),
  });
  const addWindows = createAddWindows({
    openWindow: async () => {
      const window = await browser.windows.create({ url: browser.runtime.getURL('/add-lead.html'), ...ADD_WINDOW });
      if (window?.id === undefined) throw new Error('The Add to MEGA window has no id.');
      return window.id;
    },
    closeWindow: (windowId) => browser.windows.remove(windowId),
    view: (lookupId) => lookups.view(lookupId),
  });
  // Firefox for Android has no windows; nothing opens one there.
  browser.windows?.onRemoved.addListener((windowId) => addWindows.closed(windowId));
  const panel = createPanelAnswers({
    connection,
    copy,
    lookups,
    stages,
    hidden: hiddenMatches,
    imports: createBulkImports({ connection }),
    leadsAdded: () => markedTabs.refreshAll(),
  });
  const copied = createCopiedLookups({ lookups, clipboard: extensionClipboard() });
  // The background words the card's title, its errors, the marks and the menu in the chosen language.
  // The menu is made below; a change of language comes after this first await.
  /** Tells the card which language was loaded (it does not read the settings). */
  const shareLanguageInEffect = () => languageInEffectItem.setValue(currentLanguage().tag);
  const languageLoaded = followLanguageSetting(() => {
    menu.wordMenu();
    void shareLanguageInEffect();
  })
    .then(shareLanguageInEffect)
    .catch(() => undefined);
  registerRoutes(
    createRoutes({ lookups, cards, leads, connection, copy, recent, marks, addWindows, panel, copied }),
    languageLoaded,
  );
  registerCardPort(cards);
  const menu = registerLookupTriggers(lookups, cards, copied, { ...extensionTriggerApi(), languageLoaded });
  registerPanelOpeners(browser);
  void loadConnection().then(
    (current) => {
      void markedTabs.drawnFrom(marksSource(current));
      return syncMarksScript(current.settings);
    },
    () => undefined,
  );
  // A copy left part-way when the worker stopped goes on where it was.
  void copy.syncIfDue().then(
    () => scheduleSync(),
    () => undefined,
  );
}

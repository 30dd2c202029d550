/**
 * What the background runs when it starts: the services, wired to storage, and the ways the other
 * contexts reach them (messages, the context menu, the shortcut).
 */
import type { browser as extensionBrowser } from 'wxt/browser';
import { createCards } from './cards';
import { createConnection, connectionKey } from './connection';
import { createLeads } from './leads';
import { LookupCache } from './lookup-cache';
import { createLookups, MAX_RECORDS, RECORD_TTL_MS } from './lookups';
import { createRoutes, registerCardPort, registerRoutes } from './routes';
import { createStageBook } from './stages';
import { registerLookupTriggers } from './triggers';
import { readEffectiveSettings } from '@/utils/settings';
import {
  lookupCacheItem,
  lookupRecordsItem,
  readToken,
  watchConnection,
  type Connection,
  type LookupAnswer,
  type LookupRecord,
} from '@/utils/storage';

const LOOKUP_TTL_MS = 5 * 60_000;

export function startBackground(browser: typeof extensionBrowser): void {
  let saved: Promise<Connection> | undefined;
  const loadConnection = () =>
    (saved ??= Promise.all([readEffectiveSettings(navigator.language), readToken()]).then(([settings, token]) => ({
      settings,
      token,
    })));

  const connection = createConnection({ loadConnection });
  const stages = createStageBook();
  const lookups = createLookups({
    connection,
    stages,
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
  const cards = createCards({ lookups });

  watchConnection(async () => {
    const before = connectionKey(await loadConnection());
    saved = undefined;
    // Other settings (trigger, sites, region) keep the answers; a new account must not see them.
    if (connectionKey(await loadConnection()) !== before) lookups.connectionChanged();
  });
  // Event pages (Firefox) say when they are about to be unloaded; save what is pending then.
  browser.runtime.onSuspend?.addListener(() => void lookups.persist());
  registerRoutes(createRoutes({ lookups, cards, leads, connection }));
  registerCardPort(cards);
  registerLookupTriggers(lookups, cards);
}

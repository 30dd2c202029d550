import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { registerRoutes } from './routes';
import { LookupCache } from './lookup-cache';
import {
  connectionKey,
  createLookupService,
  type Connection,
  type LookupAnswer,
} from './lookups';
import { registerLookupTriggers } from './triggers';
import { defaultRegionFromLocale } from '@/utils/contact';
import {
  hasSavedSettings,
  lookupCacheItem,
  lookupRecordsItem,
  readSettings,
  readToken,
  watchConnection,
} from '@/utils/storage';

const LOOKUP_TTL_MS = 5 * 60_000;

export default defineBackground(() => {
  let connection: Promise<Connection> | undefined;
  const loadConnection = () =>
    (connection ??= Promise.all([readSettings(), readToken(), hasSavedSettings()]).then(
      ([settings, token, saved]) => ({
        // Until the user saves a region, read national numbers the way the browser's language does.
        settings: saved ? settings : { ...settings, defaultRegion: defaultRegionFromLocale(navigator.language) },
        token,
      }),
    ));

  const service = createLookupService({
    loadConnection,
    cache: new LookupCache<LookupAnswer>({
      ttlMs: LOOKUP_TTL_MS,
      store: { load: () => lookupCacheItem.getValue(), save: (v) => lookupCacheItem.setValue(v) },
    }),
    records: { load: () => lookupRecordsItem.getValue(), save: (v) => lookupRecordsItem.setValue(v) },
  });

  watchConnection(async () => {
    const before = connectionKey(await loadConnection());
    connection = undefined;
    // Other settings (trigger, sites, region) keep the answers; a new account must not see them.
    if (connectionKey(await loadConnection()) !== before) service.connectionChanged();
  });
  // Event pages (Firefox) say when they are about to be unloaded; save what is pending then.
  browser.runtime.onSuspend?.addListener(() => void service.persist());
  registerRoutes(service);
  registerLookupTriggers(service);
});

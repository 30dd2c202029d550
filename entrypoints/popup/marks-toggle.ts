/**
 * "Mark known leads on this site": turning the known-lead marks on and off for the current tab's
 * site (see utils/marks.ts). A site is named as the list of marked sites keeps it (`markSite`):
 * turned on from an https page, it is the site's https pages; from an http page, its http pages.
 *
 * Turning them on asks the browser for access to the site (the marks script runs there, and the
 * browser says so), adds the site to the settings' list, from which the background registers the
 * script for the site's pages, and runs the script in the open tab at once. Turning them off takes
 * the marks away in the tab, takes the site out of the list and gives the access back.
 */
import { browser } from 'wxt/browser';
import { originPattern } from '@/utils/base-url';
import { MARKS_HOOK, MARKS_SCRIPT_FILE, markOrigins, normalMarkSite } from '@/utils/marks';
import { isSiteListed, withSiteListed } from '@/utils/sites';
import { readEffectiveSettings, updateSettings, watchSettings } from '@/utils/settings';
import type { Settings } from '@/utils/storage';

/** What turning marks on and off uses of the browser, so tests can pass their own. */
export interface MarksBrowser {
  permissions: Pick<typeof browser.permissions, 'request' | 'remove'>;
  scripting: Pick<typeof browser.scripting, 'executeScript'>;
}

export type MarksChange = { ok: true } | { ok: false; reason: 'refused' | 'failed' };

export function marksOnFor(settings: Pick<Settings, 'markSites'>, site: string): boolean {
  return isSiteListed(settings.markSites, site);
}

export async function readMarksOnSite(site: string): Promise<boolean> {
  return marksOnFor((await readEffectiveSettings()).settings, site);
}

async function writeMarksOnSite(site: string, on: boolean): Promise<void> {
  await updateSettings((current) =>
    marksOnFor(current, site) === on ? null : { markSites: withSiteListed(current.markSites, site, on) },
  );
}

/**
 * Turns marks on for a site. Call it straight from the switch's change handler, before any
 * `await`: Firefox shows the access prompt only while it is still handling the user's input.
 */
export function turnMarksOn(
  spelt: string,
  tabId: number | undefined,
  api: MarksBrowser = browser,
): Promise<MarksChange> {
  const site = normalMarkSite(spelt);
  let asked: Promise<boolean>;
  try {
    asked = api.permissions.request({ origins: markOrigins(site) });
  } catch {
    return Promise.resolve({ ok: false, reason: 'failed' });
  }
  return asked.then(
    async (granted): Promise<MarksChange> => {
      if (!granted) return { ok: false, reason: 'refused' };
      await writeMarksOnSite(site, true);
      // The page already open gets its marks now; its next pages get them from the registration.
      if (tabId !== undefined)
        await api.scripting
          .executeScript({ target: { tabId }, files: [`/${MARKS_SCRIPT_FILE}`] })
          .catch(() => undefined);
      return { ok: true };
    },
    (): MarksChange => ({ ok: false, reason: 'failed' }),
  );
}

/** Turns marks off for a site: gone from the open tab, from the site's next pages, and the access given back. */
export async function turnMarksOff(
  spelt: string,
  tabId: number | undefined,
  api: MarksBrowser = browser,
): Promise<MarksChange> {
  const site = normalMarkSite(spelt);
  if (tabId !== undefined) {
    await api.scripting
      .executeScript({
        target: { tabId },
        func: (hook: string) => {
          const marks = (globalThis as unknown as Record<string, { stop?: () => void } | undefined>)[hook];
          marks?.stop?.();
        },
        args: [MARKS_HOOK],
      })
      .catch(() => undefined);
  }
  try {
    await writeMarksOnSite(site, false);
  } catch {
    return { ok: false, reason: 'failed' };
  }
  // An account's API server on the same site still needs its access, a deployed account's too.
  const { settings } = await readEffectiveSettings();
  const inUse = new Set(
    settings.accounts.flatMap((account) => {
      try {
        return [originPattern(account.baseUrl)];
      } catch {
        return [];
      }
    }),
  );
  const origins = markOrigins(site).filter((origin) => !inUse.has(origin));
  if (origins.length > 0) await api.permissions.remove({ origins }).catch(() => false);
  return { ok: true };
}

/** Calls back with the switch's position whenever the settings change (e.g. on another window). */
export function watchMarksOnSite(site: string, onChange: (on: boolean) => void): () => void {
  return watchSettings(() => {
    void readMarksOnSite(site).then(onChange, () => undefined);
  });
}

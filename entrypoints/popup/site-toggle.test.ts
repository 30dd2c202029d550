import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { findCurrentSite, readSiteLookups, watchSiteLookups, writeLookupsOnSite, type SiteTabs } from './site-toggle';
import { readEffectiveSettings } from '@/utils/settings';
import { DEFAULT_SETTINGS, readSettings, settingsItem } from '@/utils/storage';

type Tab = Browser.tabs.Tab;

beforeEach(() => {
  fakeBrowser.reset();
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

function tab(id: number, url: string | undefined, extra: Partial<Tab> = {}): Tab {
  return {
    id,
    url,
    index: id,
    windowId: 1,
    active: false,
    pinned: false,
    highlighted: false,
    incognito: false,
    selected: false,
    discarded: false,
    autoDiscardable: true,
    frozen: false,
    groupId: -1,
    ...extra,
  } as Tab;
}

/** One window's tabs as a browser without the `tabs` permission reports them. */
function windowOf(tabs: Tab[], self?: Tab): SiteTabs {
  return {
    query: async (info) => (info.active ? tabs.filter((t) => t.active) : tabs),
    getCurrent: async () => self,
  };
}

describe('findCurrentSite', () => {
  it('uses the active tab in the toolbar popup', async () => {
    const tabs = windowOf([
      tab(1, 'https://news.example.org/'),
      tab(2, 'https://www.crm-notes.example.com/lead/7', { active: true }),
    ]);
    expect(await findCurrentSite({ tabs })).toEqual({
      kind: 'site',
      host: 'crm-notes.example.com',
      secure: true,
      tabId: 2,
    });
  });

  it('works with the browser API itself (the fake browser, as in the toolbar popup)', async () => {
    const browserWindow = await fakeBrowser.windows.create({ focused: true });
    await fakeBrowser.tabs.create({ windowId: browserWindow?.id, url: 'https://leads.example.net/', active: true });
    // The toolbar popup is not a tab: the real `getCurrent` gives undefined there.
    vi.spyOn(fakeBrowser.tabs, 'getCurrent').mockResolvedValue(undefined);
    expect(await findCurrentSite()).toMatchObject({ kind: 'site', host: 'leads.example.net' });
  });

  it('says there is no web site for a browser page, so no switch is shown', async () => {
    const tabs = windowOf([tab(1, 'chrome://settings/', { active: true })]);
    expect(await findCurrentSite({ tabs })).toEqual({ kind: 'not-web' });
  });

  it('says it does not know when there is no tab or its address is hidden', async () => {
    expect(await findCurrentSite({ tabs: windowOf([]) })).toEqual({ kind: 'unknown' });
    expect(await findCurrentSite({ tabs: windowOf([tab(1, undefined, { active: true })]) })).toEqual({
      kind: 'unknown',
    });
  });

  it('survives a tabs API that throws', async () => {
    const tabs: SiteTabs = {
      query: () => Promise.reject(new Error('no tabs here')),
      getCurrent: () => Promise.reject(new Error('no tabs here')),
    };
    expect(await findCurrentSite({ tabs })).toEqual({ kind: 'unknown' });
  });

  describe('popup.html open in a tab of its own', () => {
    const popup = tab(9, 'chrome-extension://id/popup.html', { active: true, lastAccessed: 5_000 });

    it('uses the web page the user was on just before, not the popup', async () => {
      const tabs = windowOf(
        [
          tab(1, 'https://older.example.com/', { lastAccessed: 1_000 }),
          tab(2, 'http://127.0.0.1:4000/phone.html', { lastAccessed: 4_000 }),
          tab(3, 'https://middle.example.com/', { lastAccessed: 2_000 }),
          popup,
        ],
        popup,
      );
      expect(await findCurrentSite({ tabs })).toEqual({ kind: 'site', host: '127.0.0.1', secure: false, tabId: 2 });
    });

    it('skips a browser page to reach the web page before it', async () => {
      const tabs = windowOf(
        [
          tab(1, 'https://older.example.com/', { lastAccessed: 1_000 }),
          tab(2, 'chrome://newtab/', { lastAccessed: 4_000 }),
          popup,
        ],
        popup,
      );
      expect(await findCurrentSite({ tabs })).toMatchObject({ kind: 'site', host: 'older.example.com' });
    });

    it('asks the page for its scheme and host when the browser hides tab addresses', async () => {
      const hidden = windowOf(
        [tab(1, undefined, { lastAccessed: 1_000 }), tab(2, undefined, { lastAccessed: 4_000 }), popup],
        popup,
      );
      const askHost = vi.fn(async (tabId: number) => (tabId === 2 ? null : 'https://WWW.Shop.example.com'));
      expect(await findCurrentSite({ tabs: hidden, askHost })).toEqual({
        kind: 'site',
        host: 'shop.example.com',
        secure: true,
        tabId: 1,
      });
      expect(askHost.mock.calls.map(([id]) => id)).toEqual([2, 1]);
    });

    it('says it does not know when every earlier tab is hidden and nobody answers', async () => {
      const hidden = windowOf([tab(1, undefined, { lastAccessed: 1_000 }), popup], popup);
      expect(await findCurrentSite({ tabs: hidden })).toEqual({ kind: 'unknown' });
    });
  });
});

describe('reading and writing the switch', () => {
  it('is on for a site that is not in the list', async () => {
    expect(await readSiteLookups('example.com')).toEqual({ on: true, admin: null });
  });

  it('turns lookups off and on again through settings.disabledSites, keeping the other settings', async () => {
    const account = {
      id: 'account-1',
      name: 'Acme',
      customerId: 'customer-1',
      baseUrl: 'https://app.gomega.ai',
      tokenMemory: 'local' as const,
      revision: 1,
    };
    await settingsItem.setValue({
      ...DEFAULT_SETTINGS,
      accounts: [account],
      activeAccountId: account.id,
      trigger: 'button',
      disabledSites: ['mail.example.org'],
    });

    await writeLookupsOnSite('127.0.0.1', false);
    expect(await readSiteLookups('127.0.0.1')).toEqual({ on: false, admin: null });
    expect(await readSettings()).toMatchObject({
      accounts: [account],
      activeAccountId: account.id,
      trigger: 'button',
      disabledSites: ['mail.example.org', '127.0.0.1'],
    });

    await writeLookupsOnSite('127.0.0.1', true);
    expect(await readSiteLookups('127.0.0.1')).toEqual({ on: true, admin: null });
    expect((await readSettings()).disabledSites).toEqual(['mail.example.org']);
  });

  it('writes nothing when the switch is already where it is asked to be', async () => {
    const setValue = vi.spyOn(settingsItem, 'setValue');
    await writeLookupsOnSite('example.com', true);
    expect(setValue).not.toHaveBeenCalled();
  });

  it('hears a change made elsewhere, e.g. on the options page', async () => {
    const heard: boolean[] = [];
    const stop = watchSiteLookups('example.com', (lookups) => heard.push(lookups.on));
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, disabledSites: ['www.example.com'] });
    await vi.waitFor(() => expect(heard).toEqual([false]));
    stop();
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, disabledSites: [] });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(heard).toEqual([false]);
  });
});

describe('the switch and the settings in effect', () => {
  it('keeps the region of the browser’s language when the switch is the first thing saved', async () => {
    vi.stubGlobal('navigator', { language: 'en-GB' });
    expect((await readEffectiveSettings('en-GB')).settings.defaultRegion).toBe('GB');
    await writeLookupsOnSite('example.com', false);
    expect((await readEffectiveSettings('en-GB')).settings).toMatchObject({
      defaultRegion: 'GB',
      disabledSites: ['example.com'],
    });
  });
});

describe('the switch and the administrator’s list', () => {
  it('is off and read-only where the administrator locks the list, and writes nothing there', async () => {
    await fakeBrowser.storage.managed.set({ disabledSites: ['example.com'], lockedSettings: ['disabledSites'] });
    expect(await readSiteLookups('www.example.com')).toEqual({ on: false, admin: 'locked' });
    expect(await readSiteLookups('other.example')).toEqual({ on: true, admin: 'locked' });
    const setValue = vi.spyOn(settingsItem, 'setValue');
    await writeLookupsOnSite('example.com', true);
    await writeLookupsOnSite('other.example', false);
    expect(setValue).not.toHaveBeenCalled();
  });

  it('is off where the administrator suggests it, until the user turns lookups on there', async () => {
    await fakeBrowser.storage.managed.set({ disabledSites: ['example.com', 'mail.example.org'] });
    expect(await readSiteLookups('example.com')).toEqual({ on: false, admin: 'suggested' });
    expect(await readSiteLookups('other.example')).toEqual({ on: true, admin: null });

    await writeLookupsOnSite('example.com', true);
    expect(await readSiteLookups('example.com')).toEqual({ on: true, admin: null });
    // The rest of the administrator's list became the user's own with their first save.
    expect(await readSiteLookups('mail.example.org')).toEqual({ on: false, admin: 'suggested' });
    expect((await readSettings()).disabledSites).toEqual(['mail.example.org']);
  });

  it('hears the administrator change the policy', async () => {
    const heard: boolean[] = [];
    const stop = watchSiteLookups('example.com', (lookups) => heard.push(lookups.on));
    await fakeBrowser.storage.managed.set({ disabledSites: ['example.com'] });
    await vi.waitFor(() => expect(heard).toEqual([false]));
    stop();
  });
});

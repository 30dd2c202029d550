/**
 * Which tab the panel is about, and reading its page: the active tab of the panel's window, as
 * the user switches tabs and as the tab loads another page. The panel runs the page-reading
 * script there (utils/page-contacts.ts) in every frame the extension may read, and takes each
 * frame's contacts as the script sends them, again whenever the page changes.
 *
 * A page the extension may not read says which site it is, when the tab or its selection script
 * can tell (without the `tabs` permission the tab's address is hidden): the panel then offers the
 * one button that asks the browser for that site.
 *
 * The panel starts following as its script starts, before it has loaded its language and drawn:
 * the page is read meanwhile, and the rows are drawn with the page's contacts already in.
 *
 * When the panel page is open in a tab of its own (automated tests, or a bookmark), it follows
 * the tab the user was on before it, and then every other tab activated in its window.
 */
import { browser, type Browser } from 'wxt/browser';
import { originPattern } from '@/utils/base-url';
import { onMessage, sendMessage } from '@/utils/messaging';
import { CONTEXT_CHARS, MAX_PAGE_CONTACTS, PAGE_CONTACTS_SCRIPT_FILE, type PageContact } from '@/utils/page-contacts';
import { webHost } from '@/utils/sites';

type Tab = Browser.tabs.Tab;

/** How many earlier tabs a panel open in a tab of its own tries, as the popup does. */
const EARLIER_TABS_TRIED = 3;

/** What the panel knows of the followed tab's page. */
export type PageRead =
  /** No tab, or the browser's own page: nothing to read. */
  | { state: 'none' }
  | { state: 'reading'; tabId: number }
  /** Every frame the extension may read has sent its contacts: `frames` by frame id. */
  | { state: 'read'; tabId: number; frames: ReadonlyMap<number, PageContact[]> }
  /** The extension may not read this page; `origin`: the site to ask for, when known. */
  | { state: 'no-access'; tabId: number; origin: string | null };

/** A frame's contacts as the page-reading script sent them, kept to the shape and sizes it promises. */
export function checkedContacts(data: unknown): PageContact[] | null {
  const contacts = (data as { contacts?: unknown } | null)?.contacts;
  if (!Array.isArray(contacts)) return null;
  const text = (value: unknown, max: number): value is string => typeof value === 'string' && value.length <= max;
  const kept: PageContact[] = [];
  for (const item of contacts.slice(0, MAX_PAGE_CONTACTS) as Array<Partial<PageContact> | null>) {
    if (!item || !text(item.value, 254) || item.value.length === 0 || !text(item.context, CONTEXT_CHARS + 1)) continue;
    const near = Array.isArray(item.near) ? item.near.filter((other) => text(other, 254)).slice(0, 20) : [];
    kept.push({ value: item.value, context: item.context, near });
  }
  return kept;
}

/** Runs the page-reading script in every frame of the tab the extension may read; false when it may read none. */
async function readPageIn(tabId: number): Promise<boolean> {
  try {
    await browser.scripting.executeScript({
      target: { tabId, allFrames: true },
      files: [`/${PAGE_CONTACTS_SCRIPT_FILE}`],
    });
    return true;
  } catch {
    return false;
  }
}

/** The site of a tab the extension may not read, as an origin pattern to ask for; null when hidden. */
async function originOf(tab: Tab): Promise<string | null> {
  const url =
    tab.url ??
    (tab.id === undefined
      ? undefined
      : ((await sendMessage('pageHost', undefined, { tabId: tab.id, frameId: 0 }).catch(() => null)) ?? undefined));
  if (!url || !webHost(url)) return null;
  try {
    return originPattern(url);
  } catch {
    return null;
  }
}

/**
 * Starts following, for the life of the panel page; returns the read so far, a way to hear of
 * each next one, and what asks for access to the site shown as `no-access`.
 */
export function followActiveTab() {
  let current: PageRead = { state: 'none' };
  const listeners = new Set<(read: PageRead) => void>();
  let selfTabId: number | undefined;
  let windowId: number | undefined;
  /** Bumped by each new tab or page: what a read of an earlier one sends is dropped. */
  let turn = 0;
  const frames = new Map<number, PageContact[]>();

  const show = (read: PageRead) => {
    current = read;
    for (const listener of listeners) listener(read);
  };

  /** Follows the tab; false when the extension may not read its page. */
  async function follow(tab: Tab | undefined): Promise<boolean> {
    const mine = ++turn;
    frames.clear();
    // The browser's own pages and the extension's: nothing to read.
    if (tab?.id === undefined || (tab.url !== undefined && !webHost(tab.url))) {
      show({ state: 'none' });
      return false;
    }
    const tabId = tab.id;
    show({ state: 'reading', tabId });
    const readable = await readPageIn(tabId);
    if (mine === turn && !readable) show({ state: 'no-access', tabId, origin: await originOf(tab) });
    return readable;
  }

  async function followWindowsTab(): Promise<void> {
    const tabs = await browser.tabs.query(windowId === undefined ? { currentWindow: true } : { windowId });
    const others = tabs.filter((tab) => tab.id !== selfTabId);
    const active = others.find((tab) => tab.active);
    if (active) {
      await follow(active);
      return;
    }
    // Open in a tab of its own, the panel is the active tab: it follows the one used before it,
    // the newest of the last few it may read (a blank tab may count as used later).
    const before = others.sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0)).slice(0, EARLIER_TABS_TRIED);
    for (const tab of before) if (await follow(tab)) return;
    await follow(before[0]);
  }

  onMessage('pageContacts', ({ data, sender }) => {
    const tabId = sender.tab?.id;
    if (sender.id !== browser.runtime.id || current.state === 'none' || tabId !== current.tabId) return false;
    const contacts = checkedContacts(data);
    if (!contacts) return false;
    frames.set(sender.frameId ?? 0, contacts);
    show({ state: 'read', tabId, frames: new Map(frames) });
    return true;
  });

  const activated = (info: { tabId: number; windowId: number }) => {
    if (info.windowId !== windowId || info.tabId === selfTabId) return;
    void browser.tabs.get(info.tabId).then(follow, () => false);
  };
  const updated = (tabId: number, change: { status?: string }, tab: Tab) => {
    if (current.state === 'none' || tabId !== current.tabId) return;
    // A new page in the tab: its frames are read anew once it has loaded.
    if (change.status === 'loading') {
      turn += 1;
      frames.clear();
      show({ state: 'reading', tabId });
    } else if (change.status === 'complete') void follow(tab);
  };
  browser.tabs.onActivated.addListener(activated);
  browser.tabs.onUpdated.addListener(updated);

  void (async () => {
    const [self, window] = await Promise.all([
      browser.tabs.getCurrent().catch(() => undefined),
      browser.windows.getCurrent().catch(() => undefined),
    ]);
    selfTabId = self?.id;
    windowId = window?.id;
    await followWindowsTab();
  })();

  return {
    read: (): PageRead => current,
    /** Calls `onRead` with each next read; returns what stops that. */
    subscribe(onRead: (read: PageRead) => void): () => void {
      listeners.add(onRead);
      return () => listeners.delete(onRead);
    },
    /**
     * "Allow Lead Lens to read this site". Call it straight from the click, before any `await`:
     * the browser shows its prompt only while it handles the user's input.
     */
    allowSite(origin: string): Promise<boolean> {
      const asked = browser.permissions.request({ origins: [origin] });
      return asked.then(async (granted) => {
        if (granted && current.state !== 'none') await follow(await browser.tabs.get(current.tabId));
        return granted;
      });
    },
  };
}

export type TabFollower = ReturnType<typeof followActiveTab>;

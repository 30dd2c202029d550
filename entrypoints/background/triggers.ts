/**
 * The two explicit ways to look up a selection besides selecting: the "Look up in MEGA" context
 * menu item and the keyboard shortcut. Both end in the same card as a selection does. Where the
 * shortcut finds nothing selected in the focused frame (a canvas, the PDF viewer, a page no
 * content script runs in), it looks up what the user copied (copied-lookups.ts): in a card on the
 * page when its top frame can hold one, else in the toolbar popup, which it opens.
 *
 * A frame's selection script sets up its messaging only once a selection there could be a phone
 * number or an email, and the content script brings the selection script in only on the first
 * selecting gesture (page load stays free of extension calls), so a frame may not hear a message
 * yet. Then the frame is woken first: `scripting.executeScript` runs the selection script where it
 * is not yet, and a call that sets up its messaging, in the content scripts' own world (never the
 * page's), allowed by the `activeTab` grant that the menu click and the shortcut give; then the
 * message is sent again.
 */
import { browser } from 'wxt/browser';
import type { Cards } from './cards';
import type { CopiedLookups } from './copied-lookups';
import type { Lookups } from './lookups';
import { t } from '@/utils/i18n';
import { sendMessage } from '@/utils/messaging';
import { webHost } from '@/utils/sites';
import { SELECTION_HOOK, SELECTION_SCRIPT_FILE } from '@/utils/selection-script';

export const CONTEXT_MENU_ID = 'lead-lens-lookup';
export const LOOKUP_COMMAND = 'lookup-selection';
/** "Leads on this page", on any page (panel-openers.ts opens it). */
export const PANEL_MENU_ID = 'lead-lens-panel';

/** The parts of the extension API the triggers use, so tests can hand in their own. */
export interface TriggerApi {
  runtime: Pick<typeof browser.runtime, 'onInstalled' | 'onStartup'>;
  contextMenus: Pick<typeof browser.contextMenus, 'create' | 'removeAll' | 'onClicked'>;
  commands?: Pick<typeof browser.commands, 'onCommand'>;
  tabs: Pick<typeof browser.tabs, 'query'>;
  send: typeof sendMessage;
  /** Sets up messaging in the content scripts of these frames (or of every frame of the tab). */
  wake: (tabId: number, frameId?: number) => Promise<void>;
  /** Opens the toolbar popup, as a click on the toolbar button does. */
  openPopup: () => Promise<void>;
  /** Settles once the chosen language is loaded: the menu items are worded after it. */
  languageLoaded?: Promise<unknown>;
}

async function wakeFrames(tabId: number, frameId?: number): Promise<void> {
  const target = frameId === undefined ? { tabId, allFrames: true } : { tabId, frameIds: [frameId] };
  try {
    // The selection script, where no gesture has brought it in yet (it starts once per frame).
    await browser.scripting.executeScript({ target, files: [`/${SELECTION_SCRIPT_FILE}`] });
    await browser.scripting.executeScript({
      target,
      func: (hook: string) => {
        const lookups = (globalThis as unknown as Record<string, { listen?: () => void } | undefined>)[hook];
        lookups?.listen?.();
      },
      args: [SELECTION_HOOK],
    });
  } catch {
    // Frames the grant does not reach (another site's frames), and the browser's own pages.
  }
}

export const extensionTriggerApi = (): TriggerApi => ({
  runtime: browser.runtime,
  contextMenus: browser.contextMenus,
  commands: browser.commands,
  tabs: browser.tabs,
  send: sendMessage,
  wake: wakeFrames,
  // MV3's action, MV2's browserAction (Firefox); both allow it from a shortcut's command.
  openPopup: async () => {
    await (browser.action ?? browser.browserAction).openPopup();
  },
});

export function registerLookupTriggers(
  lookups: Lookups,
  cards: Pick<Cards, 'ticket'>,
  copied: Pick<CopiedLookups, 'lookUp' | 'leaveForPopup'>,
  api: TriggerApi = extensionTriggerApi(),
): { wordMenu: () => void } {
  const { runtime, contextMenus, commands, tabs, send } = api;

  /** Sends, and when nobody answers, wakes the frames and sends once more. */
  async function sendWaking<T>(
    tabId: number,
    frameId: number | undefined,
    message: () => Promise<T>,
  ): Promise<T | undefined> {
    try {
      return await message();
    } catch {
      await api.wake(tabId, frameId);
      return message().catch(() => undefined);
    }
  }

  // Chrome keeps menu items across restarts of its service worker and the browser; Firefox drops
  // them when the browser restarts (the add-on is not installed again then). So the item is made
  // on install and at every browser start, replacing any left from before.
  const createMenu = () => {
    void Promise.resolve(api.languageLoaded)
      .then(() => contextMenus.removeAll())
      .then(() => {
        contextMenus.create({ id: CONTEXT_MENU_ID, title: t('lookUpInMega'), contexts: ['selection'] });
        contextMenus.create({ id: PANEL_MENU_ID, title: t('panelOpen'), contexts: ['page', 'selection', 'link'] });
      })
      .catch(() => undefined);
  };
  runtime.onInstalled.addListener(createMenu);
  runtime.onStartup.addListener(createMenu);

  contextMenus.onClicked.addListener(async (info, tab) => {
    if (info.menuItemId !== CONTEXT_MENU_ID || tab?.id === undefined || !info.selectionText) return;
    const frame = { tabId: tab.id, frameId: info.frameId ?? 0 };
    const reply = await lookups.prepare(info.selectionText, 'context-menu', { ...frame, sites: [] });
    if (reply.action !== 'show') return;
    const ticket = cards.ticket(frame, reply.lookupId);
    await sendWaking(frame.tabId, frame.frameId, () => send('showCard', ticket, frame));
  });

  commands?.onCommand.addListener(async (command) => {
    if (command !== LOOKUP_COMMAND) return;
    const [tab] = await tabs.query({ active: true, currentWindow: true });
    if (tab?.id === undefined) return;
    const tabId = tab.id;
    // Every frame hears it; only the one that has the focus answers and acts.
    const acted = await sendWaking(tabId, undefined, () => send('lookupSelectionNow', undefined, tabId));
    // A selection was there: the clipboard is not read.
    if (acted !== true) await lookUpCopied(tabId, tab.url);
  });

  /** What the user copied, in a card in the tab's top frame, else in the popup. */
  async function lookUpCopied(tabId: number, url: string | undefined): Promise<void> {
    const frame = { tabId, frameId: 0 };
    // The tab's address is known here from the shortcut's activeTab grant.
    const site = webHost(url);
    const value = await copied.lookUp({ ...frame, sites: url === undefined ? null : site ? [site] : [] });
    if (value.outcome === 'show') {
      const ticket = cards.ticket(frame, value.lookupId);
      const shown = await sendWaking(tabId, 0, () => send('showCard', ticket, frame).then(() => true));
      if (shown) return;
    }
    copied.leaveForPopup(value);
    await api.openPopup().catch(() => undefined);
  }

  // Made again, in the new words, when the language changes.
  return { wordMenu: createMenu };
}

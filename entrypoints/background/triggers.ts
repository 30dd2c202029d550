/**
 * The two explicit ways to look up a selection besides selecting: the "Look up in MEGA" context
 * menu item and the keyboard shortcut. Both end in the same card as a selection does.
 *
 * A content script sets up its messaging only once a selection in its frame could be a phone
 * number or an email (page load stays free of extension calls), so a frame may not hear a message
 * yet. Then the frame is woken first: `scripting.executeScript` runs one call in the content
 * script's own world (never the page's), allowed by the `activeTab` grant that the menu click and
 * the shortcut give, and the message is sent again.
 */
import { browser } from 'wxt/browser';
import type { Cards } from './cards';
import type { Lookups } from './lookups';
import { t } from '@/utils/i18n';
import { sendMessage } from '@/utils/messaging';
import { WAKE_HOOK } from '@/utils/wake';

export const CONTEXT_MENU_ID = 'lead-lens-lookup';
export const LOOKUP_COMMAND = 'lookup-selection';

/** The parts of the extension API the triggers use, so tests can hand in their own. */
export interface TriggerApi {
  runtime: Pick<typeof browser.runtime, 'onInstalled' | 'onStartup'>;
  contextMenus: Pick<typeof browser.contextMenus, 'create' | 'removeAll' | 'onClicked'>;
  commands?: Pick<typeof browser.commands, 'onCommand'>;
  tabs: Pick<typeof browser.tabs, 'query'>;
  send: typeof sendMessage;
  /** Sets up messaging in the content scripts of these frames (or of every frame of the tab). */
  wake: (tabId: number, frameId?: number) => Promise<void>;
  /** Settles once the chosen language is loaded: the menu item is worded after it. */
  languageLoaded?: Promise<unknown>;
}

async function wakeFrames(tabId: number, frameId?: number): Promise<void> {
  await browser.scripting
    .executeScript({
      target: frameId === undefined ? { tabId, allFrames: true } : { tabId, frameIds: [frameId] },
      func: (hook: string) => {
        const wakeUp = (globalThis as unknown as Record<string, unknown>)[hook];
        if (typeof wakeUp === 'function') wakeUp();
      },
      args: [WAKE_HOOK],
    })
    // Frames the grant does not reach (another site's frames), and the browser's own pages.
    .catch(() => undefined);
}

export const extensionTriggerApi = (): TriggerApi => ({
  runtime: browser.runtime,
  contextMenus: browser.contextMenus,
  commands: browser.commands,
  tabs: browser.tabs,
  send: sendMessage,
  wake: wakeFrames,
});

export function registerLookupTriggers(
  lookups: Lookups,
  cards: Pick<Cards, 'ticket'>,
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
      .then(() => contextMenus.create({ id: CONTEXT_MENU_ID, title: t('lookUpInMega'), contexts: ['selection'] }))
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
    await sendWaking(tabId, undefined, () => send('lookupSelectionNow', undefined, tabId));
  });
  // Made again, in the new words, when the language changes.
  return { wordMenu: createMenu };
}

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

/** Sets up messaging in the content scripts of these frames (or of every frame of the tab). */
async function wake(tabId: number, frameId?: number): Promise<void> {
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

/** Sends, and when nobody answers, wakes the frames and sends once more. */
async function sendWaking<T>(tabId: number, frameId: number | undefined, send: () => Promise<T>): Promise<T | undefined> {
  try {
    return await send();
  } catch {
    await wake(tabId, frameId);
    return send().catch(() => undefined);
  }
}

export function registerLookupTriggers(lookups: Lookups, cards: Cards): void {
  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create({
      id: CONTEXT_MENU_ID,
      title: t('lookUpInMega'),
      contexts: ['selection'],
    });
  });

  browser.contextMenus.onClicked.addListener(async (info, tab) => {
    if (info.menuItemId !== CONTEXT_MENU_ID || tab?.id === undefined || !info.selectionText) return;
    const frame = { tabId: tab.id, frameId: info.frameId ?? 0 };
    const reply = await lookups.prepare(info.selectionText, 'context-menu', { ...frame, host: '' });
    if (reply.action !== 'show') return;
    const ticket = cards.ticket(frame, reply.lookupId);
    await sendWaking(frame.tabId, frame.frameId, () => sendMessage('showPopover', ticket, frame));
  });

  browser.commands?.onCommand.addListener(async (command) => {
    if (command !== LOOKUP_COMMAND) return;
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id === undefined) return;
    const tabId = tab.id;
    // Every frame hears it; only the one that has the focus answers and acts.
    await sendWaking(tabId, undefined, () => sendMessage('lookupSelectionNow', undefined, tabId));
  });
}

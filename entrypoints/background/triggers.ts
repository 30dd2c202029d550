/**
 * The two explicit ways to look up a selection besides selecting: the "Look up in MEGA" context
 * menu item and the keyboard shortcut. Both end in the same popover as a selection does.
 */
import { browser } from 'wxt/browser';
import { t } from '@/utils/i18n';
import type { Lookups } from './lookups';
import { sendMessage } from '@/utils/messaging';

export const CONTEXT_MENU_ID = 'lead-lens-lookup';
export const LOOKUP_COMMAND = 'lookup-selection';

export function registerLookupTriggers(lookups: Lookups): void {
  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create({
      id: CONTEXT_MENU_ID,
      title: t('lookUpInMega'),
      contexts: ['selection'],
    });
  });

  browser.contextMenus.onClicked.addListener(async (info, tab) => {
    if (info.menuItemId !== CONTEXT_MENU_ID || tab?.id === undefined || !info.selectionText) return;
    const frameId = info.frameId ?? 0;
    const reply = await lookups.prepare(info.selectionText, 'context-menu', {
      tabId: tab.id,
      frameId,
      host: '',
    });
    if (reply.action === 'ignore') return;
    await sendMessage('showPopover', { lookupId: reply.lookupId }, { tabId: tab.id, frameId }).catch(
      () => undefined, // pages where content scripts cannot run (the browser's own pages)
    );
  });

  browser.commands?.onCommand.addListener(async (command) => {
    if (command !== LOOKUP_COMMAND) return;
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id === undefined) return;
    // Every frame hears it; only the one holding a selection acts.
    await sendMessage('lookupSelectionNow', undefined, tab.id).catch(() => undefined);
  });
}

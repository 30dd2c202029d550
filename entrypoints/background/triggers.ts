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

/** The parts of the extension API the triggers use, so tests can hand in their own. */
export interface TriggerApi {
  runtime: Pick<typeof browser.runtime, 'onInstalled' | 'onStartup'>;
  contextMenus: Pick<typeof browser.contextMenus, 'create' | 'removeAll' | 'onClicked'>;
  commands?: Pick<typeof browser.commands, 'onCommand'>;
  tabs: Pick<typeof browser.tabs, 'query'>;
  send: typeof sendMessage;
}

const extensionApi = (): TriggerApi => ({
  runtime: browser.runtime,
  contextMenus: browser.contextMenus,
  commands: browser.commands,
  tabs: browser.tabs,
  send: sendMessage,
});

export function registerLookupTriggers(lookups: Lookups, api: TriggerApi = extensionApi()): void {
  const { runtime, contextMenus, commands, tabs, send } = api;
  // Chrome keeps menu items across restarts of its service worker and the browser; Firefox drops
  // them when the browser restarts (the add-on is not installed again then). So the item is made
  // on install and at every browser start, replacing any left from before.
  const createMenu = () => {
    void Promise.resolve(contextMenus.removeAll())
      .then(() => contextMenus.create({ id: CONTEXT_MENU_ID, title: t('lookUpInMega'), contexts: ['selection'] }))
      .catch(() => undefined);
  };
  runtime.onInstalled.addListener(createMenu);
  runtime.onStartup.addListener(createMenu);

  contextMenus.onClicked.addListener(async (info, tab) => {
    if (info.menuItemId !== CONTEXT_MENU_ID || tab?.id === undefined || !info.selectionText) return;
    const frameId = info.frameId ?? 0;
    const reply = await lookups.prepare(info.selectionText, 'context-menu', {
      tabId: tab.id,
      frameId,
      host: '',
    });
    if (reply.action === 'ignore') return;
    await send('showPopover', { lookupId: reply.lookupId }, { tabId: tab.id, frameId }).catch(
      () => undefined, // pages where content scripts cannot run (the browser's own pages)
    );
  });

  commands?.onCommand.addListener(async (command) => {
    if (command !== LOOKUP_COMMAND) return;
    const [tab] = await tabs.query({ active: true, currentWindow: true });
    if (tab?.id === undefined) return;
    // Every frame hears it; only the one holding a selection acts.
    await send('lookupSelectionNow', undefined, tab.id).catch(() => undefined);
  });
}

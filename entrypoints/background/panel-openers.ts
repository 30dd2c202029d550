/**
 * The ways to open "Leads on this page" that reach the background: its context-menu item (made
 * with the lookup's, in triggers.ts) and, in Chrome, its keyboard command. Firefox opens its
 * sidebar by the manifest's `_execute_sidebar_action` command without the background.
 */
import type { browser as extensionBrowser } from 'wxt/browser';
import { PANEL_MENU_ID } from './triggers';
import { OPEN_PANEL_COMMAND, openPanel, type PanelOpener } from '@/utils/open-panel';

export interface PanelOpenersApi extends PanelOpener {
  contextMenus: Pick<typeof extensionBrowser.contextMenus, 'onClicked'>;
  commands?: Pick<typeof extensionBrowser.commands, 'onCommand'>;
}

export function registerPanelOpeners(browser: typeof extensionBrowser): void {
  // `sidebarAction` is Firefox's alone, so the browser's types (Chrome's) do not name it.
  listenForPanelOpeners(browser as unknown as PanelOpenersApi);
}

export function listenForPanelOpeners(api: PanelOpenersApi): void {
  api.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId !== PANEL_MENU_ID || tab?.id === undefined) return;
    void openPanel(api, { tabId: tab.id }).catch(() => undefined);
  });
  api.commands?.onCommand.addListener((command, tab) => {
    if (command !== OPEN_PANEL_COMMAND || tab?.windowId === undefined) return;
    void openPanel(api, { windowId: tab.windowId }).catch(() => undefined);
  });
}

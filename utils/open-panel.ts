/**
 * Opening "Leads on this page": Chrome's side panel, or Firefox's sidebar. Both browsers open it
 * only while they handle the user's click, key or menu item, so call `openPanel` straight from
 * that handler, before any `await`.
 */

/** The part of the extension API that opens the panel: Chrome has `sidePanel`, Firefox `sidebarAction`. */
export interface PanelOpener {
  sidePanel?: { open(options: { windowId: number } | { tabId: number }): Promise<void> };
  sidebarAction?: { open(): Promise<void> };
}

/** The keyboard command that opens the panel in Chrome; Firefox opens its sidebar by its own command. */
export const OPEN_PANEL_COMMAND = 'open-panel';

/** Opens the panel in the window of this tab (Chrome) or the current window (Firefox). */
export function openPanel(api: PanelOpener, where: { windowId: number } | { tabId: number }): Promise<void> {
  if (api.sidePanel) return api.sidePanel.open(where);
  if (api.sidebarAction) return api.sidebarAction.open();
  return Promise.resolve();
}

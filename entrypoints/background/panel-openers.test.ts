import { describe, expect, it, vi } from 'vitest';
import { listenForPanelOpeners, type PanelOpenersApi } from './panel-openers';
import { PANEL_MENU_ID } from './triggers';
import { OPEN_PANEL_COMMAND } from '@/utils/open-panel';

/** An event the test fires itself. */
function event<Args extends unknown[]>() {
  const listeners: Array<(...args: Args) => unknown> = [];
  return {
    addListener: (listener: (...args: Args) => unknown) => void listeners.push(listener),
    fire: (...args: Args) => listeners.forEach((listener) => listener(...args)),
  };
}

function setup(browser: 'chrome' | 'firefox') {
  const clicked = event<[{ menuItemId: string }, { id?: number; windowId?: number } | undefined]>();
  const command = event<[string, { windowId?: number } | undefined]>();
  const open = vi.fn(async () => undefined);
  const api = {
    contextMenus: { onClicked: clicked },
    commands: { onCommand: command },
    ...(browser === 'chrome' ? { sidePanel: { open } } : { sidebarAction: { open } }),
  } as unknown as PanelOpenersApi;
  listenForPanelOpeners(api);
  return { clicked, command, open };
}

describe('opening "Leads on this page"', () => {
  it('opens Chrome’s side panel for the tab of the menu click, at once (the click’s gesture)', () => {
    const { clicked, open } = setup('chrome');
    clicked.fire({ menuItemId: PANEL_MENU_ID }, { id: 7, windowId: 2 });
    expect(open).toHaveBeenCalledWith({ tabId: 7 });
  });

  it('opens Chrome’s side panel in the window of the keyboard command', () => {
    const { command, open } = setup('chrome');
    command.fire(OPEN_PANEL_COMMAND, { windowId: 2 });
    expect(open).toHaveBeenCalledWith({ windowId: 2 });
  });

  it('opens Firefox’s sidebar from the menu', () => {
    const { clicked, open } = setup('firefox');
    clicked.fire({ menuItemId: PANEL_MENU_ID }, { id: 7 });
    expect(open).toHaveBeenCalledTimes(1);
  });

  it('leaves other menu items and commands alone', () => {
    const { clicked, command, open } = setup('chrome');
    clicked.fire({ menuItemId: 'lead-lens-lookup' }, { id: 7 });
    command.fire('lookup-selection', { windowId: 2 });
    expect(open).not.toHaveBeenCalled();
  });
});

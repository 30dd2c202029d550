import { describe, expect, it, vi } from 'vitest';
import type { Lookups } from './lookups';
import { CONTEXT_MENU_ID, LOOKUP_COMMAND, PANEL_MENU_ID, registerLookupTriggers, type TriggerApi } from './triggers';

/** An event the test fires itself. */
function event<Args extends unknown[]>() {
  const listeners: Array<(...args: Args) => unknown> = [];
  return {
    addListener: (listener: (...args: Args) => unknown) => void listeners.push(listener),
    fire: (...args: Args) => Promise.all(listeners.map((listener) => listener(...args))),
  };
}

function setup(reply: Awaited<ReturnType<Lookups['prepare']>> = { action: 'show', lookupId: 'id-1' }) {
  const installed = event<[]>();
  const startup = event<[]>();
  const clicked =
    event<[{ menuItemId: string; selectionText?: string; frameId?: number }, { id?: number } | undefined]>();
  const command = event<[string]>();
  const menu: string[] = [];
  const create = vi.fn((item: { id: string }) => void menu.push(item.id));
  const removeAll = vi.fn(async () => void menu.splice(0));
  const send = vi.fn(async () => undefined);
  const prepare = vi.fn(async () => reply);
  const api = {
    runtime: { onInstalled: installed, onStartup: startup },
    contextMenus: { create, removeAll, onClicked: clicked },
    commands: { onCommand: command },
    tabs: { query: async () => [{ id: 7 }] },
    send,
    wake: vi.fn(async () => undefined),
  } as unknown as TriggerApi;
  const cards = {
    ticket: (frame: { tabId: number; frameId: number }, lookupId: string) => ({
      lookupId,
      claim: `key-${frame.frameId}`,
    }),
  };
  registerLookupTriggers({ prepare } as unknown as Lookups, cards as never, api);
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  return { installed, startup, clicked, command, menu, send, prepare, settle };
}

describe('the "Look up in MEGA" menu item', () => {
  it.each(['install', 'browser start'] as const)(
    'exists once after %s, also when it was there before, beside "Leads on this page"',
    async (when) => {
      const { installed, startup, menu, settle } = setup();
      await (when === 'install' ? installed : startup).fire();
      await settle();
      await startup.fire();
      await settle();
      expect(menu).toEqual([CONTEXT_MENU_ID, PANEL_MENU_ID]);
    },
  );

  it('looks up the selected text as an explicit request and opens the card in that frame', async () => {
    const { clicked, prepare, send } = setup();
    await clicked.fire({ menuItemId: CONTEXT_MENU_ID, selectionText: 'jane@acme.com', frameId: 3 }, { id: 7 });
    expect(prepare).toHaveBeenCalledWith('jane@acme.com', 'context-menu', { tabId: 7, frameId: 3, sites: [] });
    expect(send).toHaveBeenCalledWith('showCard', { lookupId: 'id-1', claim: 'key-3' }, { tabId: 7, frameId: 3 });
  });

  it('opens nothing for text that is not a phone number or an email', async () => {
    const { clicked, send } = setup({ action: 'ignore' });
    await clicked.fire({ menuItemId: CONTEXT_MENU_ID, selectionText: 'hello' }, { id: 7 });
    expect(send).not.toHaveBeenCalled();
  });

  it('ignores other menu items and clicks without a tab', async () => {
    const { clicked, prepare } = setup();
    await clicked.fire({ menuItemId: 'another', selectionText: 'jane@acme.com' }, { id: 7 });
    await clicked.fire({ menuItemId: CONTEXT_MENU_ID, selectionText: 'jane@acme.com' }, undefined);
    expect(prepare).not.toHaveBeenCalled();
  });
});

describe('the keyboard shortcut', () => {
  it('asks the active tab to look up its selection', async () => {
    const { command, send } = setup();
    await command.fire(LOOKUP_COMMAND);
    expect(send).toHaveBeenCalledWith('lookupSelectionNow', undefined, 7);
  });

  it('ignores other commands', async () => {
    const { command, send } = setup();
    await command.fire('something-else');
    expect(send).not.toHaveBeenCalled();
  });
});

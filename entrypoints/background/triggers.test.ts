import { describe, expect, it, vi } from 'vitest';
import { createCopiedLookups } from './copied-lookups';
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

/** What the tab's content scripts answer: per message, a reply or `fail` (nobody listening). */
type Frames = Partial<Record<'lookupSelectionNow' | 'showCard', unknown>>;
const fail = Symbol('no content script answers');

function setup(
  reply: Awaited<ReturnType<Lookups['prepare']>> = { action: 'show', lookupId: 'id-1' },
  { frames = {}, copiedText = '', mayRead = true }: { frames?: Frames; copiedText?: string; mayRead?: boolean } = {},
) {
  const installed = event<[]>();
  const startup = event<[]>();
  const clicked =
    event<[{ menuItemId: string; selectionText?: string; frameId?: number }, { id?: number } | undefined]>();
  const command = event<[string]>();
  const menu: string[] = [];
  const create = vi.fn((item: { id: string }) => void menu.push(item.id));
  const removeAll = vi.fn(async () => void menu.splice(0));
  const send = vi.fn(async (name: keyof Frames) => {
    if (frames[name] === fail) throw new Error('Could not establish connection. Receiving end does not exist.');
    return frames[name];
  });
  const prepare = vi.fn(async () => reply);
  const view = vi.fn(async () => ({ state: 'expired' }) as const);
  const read = vi.fn(async () => copiedText);
  const openPopup = vi.fn(async () => undefined);
  const api = {
    runtime: { onInstalled: installed, onStartup: startup },
    contextMenus: { create, removeAll, onClicked: clicked },
    commands: { onCommand: command },
    tabs: { query: async () => [{ id: 7, url: 'https://docs.example.com/sheet' }] },
    send,
    wake: vi.fn(async () => undefined),
    openPopup,
  } as unknown as TriggerApi;
  const cards = {
    ticket: (frame: { tabId: number; frameId: number }, lookupId: string) => ({
      lookupId,
      claim: `key-${frame.frameId}`,
    }),
  };
  const lookups = { prepare, view } as unknown as Lookups;
  const copied = createCopiedLookups({ lookups, clipboard: { mayRead: async () => mayRead, read } });
  registerLookupTriggers(lookups, cards as never, copied, api);
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  return { installed, startup, clicked, command, menu, send, prepare, read, openPopup, copied, settle };
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

  it('does not read the clipboard when the focused frame found a selection', async () => {
    const { command, read, prepare, openPopup } = setup(undefined, {
      frames: { lookupSelectionNow: true },
      copiedText: '+1 415 555 0134',
    });
    await command.fire(LOOKUP_COMMAND);
    expect(read).not.toHaveBeenCalled();
    expect(prepare).not.toHaveBeenCalled();
    expect(openPopup).not.toHaveBeenCalled();
  });

  it('looks up the copied number in a card in the top frame when nothing is selected', async () => {
    const { command, read, prepare, send, openPopup } = setup(undefined, {
      frames: { lookupSelectionNow: false },
      copiedText: ' +1 415 555 0134\n',
    });
    await command.fire(LOOKUP_COMMAND);
    expect(read).toHaveBeenCalledTimes(1);
    expect(prepare).toHaveBeenCalledWith('+1 415 555 0134', 'shortcut', {
      tabId: 7,
      frameId: 0,
      sites: ['docs.example.com'],
    });
    expect(send).toHaveBeenCalledWith('showCard', { lookupId: 'id-1', claim: 'key-0' }, { tabId: 7, frameId: 0 });
    expect(openPopup).not.toHaveBeenCalled();
  });

  it('opens the popup with the answer where no content script can show a card', async () => {
    const { command, openPopup, copied } = setup(undefined, {
      frames: { lookupSelectionNow: fail, showCard: fail },
      copiedText: 'jane@acme.com',
    });
    await command.fire(LOOKUP_COMMAND);
    expect(openPopup).toHaveBeenCalledTimes(1);
    expect(await copied.takeWaiting()).toEqual({ outcome: 'looked-up', view: { state: 'expired' } });
    // Taken once: the popup opened later shows nothing of it.
    expect(await copied.takeWaiting()).toBeNull();
  });

  it('sends nothing for a copied text that is no phone number or email, and says so in the popup', async () => {
    const { command, prepare, send, openPopup, copied } = setup(undefined, {
      frames: { lookupSelectionNow: false },
      copiedText: 'Quarterly pipeline review',
    });
    await command.fire(LOOKUP_COMMAND);
    expect(prepare).not.toHaveBeenCalled();
    expect(send).not.toHaveBeenCalledWith('showCard', expect.anything(), expect.anything());
    expect(openPopup).toHaveBeenCalledTimes(1);
    expect(await copied.takeWaiting()).toEqual({ outcome: 'not-contact' });
  });

  it('reads nothing until the user allowed the clipboard, and opens the popup to ask', async () => {
    const { command, read, openPopup, copied } = setup(undefined, {
      frames: { lookupSelectionNow: false },
      copiedText: '+1 415 555 0134',
      mayRead: false,
    });
    await command.fire(LOOKUP_COMMAND);
    expect(read).not.toHaveBeenCalled();
    expect(openPopup).toHaveBeenCalledTimes(1);
    expect(await copied.takeWaiting()).toEqual({ outcome: 'no-permission' });
  });

  it('ignores other commands', async () => {
    const { command, send } = setup();
    await command.fire('something-else');
    expect(send).not.toHaveBeenCalled();
  });
});

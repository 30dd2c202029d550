import { describe, expect, it, vi } from 'vitest';
import { createCopiedLookups, WAITING_MS } from './copied-lookups';
import type { Lookups } from './lookups';

function setup({ copied = '', mayRead = true, decision = { action: 'show', lookupId: 'id-1' } as const } = {}) {
  let now = 1_000;
  const prepare = vi.fn(async () => decision as Awaited<ReturnType<Lookups['prepare']>>);
  const view = vi.fn(async () => ({ state: 'none', contact: { kind: 'phone', value: '+14155550134' } }) as const);
  const read = vi.fn(async () => copied);
  const lookups = createCopiedLookups({
    lookups: { prepare, view } as unknown as Lookups,
    clipboard: { mayRead: async () => mayRead, read },
    now: () => now,
  });
  return { lookups, prepare, view, read, later: (ms: number) => (now += ms) };
}

describe('"Look up what I copied" from the popup', () => {
  it('looks up a copied phone number as the user asking, with no tab, and waits for its answer', async () => {
    const { lookups, prepare, view } = setup({ copied: '(415) 555-0134\n' });
    const answer = await lookups.lookUpForPage();
    expect(prepare).toHaveBeenCalledWith('(415) 555-0134', 'shortcut', { tabId: null, frameId: null, sites: [] });
    expect(view).toHaveBeenCalledWith('id-1');
    expect(answer).toMatchObject({ outcome: 'looked-up', view: { state: 'none' } });
  });

  it('says a copied text is no contact without sending or repeating it', async () => {
    const { lookups, prepare } = setup({ copied: 'Call me after the 3 pm standup' });
    const answer = await lookups.lookUpForPage();
    expect(answer).toEqual({ outcome: 'not-contact' });
    expect(JSON.stringify(answer)).not.toContain('standup');
    expect(prepare).not.toHaveBeenCalled();
  });

  it('says so for an empty clipboard, or one that cannot be read', async () => {
    expect(await setup({ copied: '   ' }).lookups.lookUpForPage()).toEqual({ outcome: 'not-contact' });
    const unreadable = setup();
    unreadable.read.mockRejectedValue(new Error('Clipboard read refused'));
    expect(await unreadable.lookups.lookUpForPage()).toEqual({ outcome: 'not-contact' });
  });

  it('does not read the clipboard before the user allowed it', async () => {
    const { lookups, read } = setup({ copied: 'jane@acme.com', mayRead: false });
    expect(await lookups.lookUpForPage()).toEqual({ outcome: 'no-permission' });
    expect(read).not.toHaveBeenCalled();
  });
});

describe('what the shortcut leaves for the popup', () => {
  it('says lookups are off on the site the shortcut was pressed on', async () => {
    const { lookups } = setup({ copied: 'jane@acme.com', decision: { action: 'ignore' } as never });
    expect(await lookups.lookUp({ tabId: 7, frameId: 0, sites: ['crm.example.com'] })).toEqual({ outcome: 'off-here' });
  });

  it('is shown once, and not by a popup opened long after', async () => {
    const { lookups, later } = setup();
    lookups.leaveForPopup({ outcome: 'not-contact' });
    expect(await lookups.takeWaiting()).toEqual({ outcome: 'not-contact' });
    expect(await lookups.takeWaiting()).toBeNull();
    lookups.leaveForPopup({ outcome: 'not-contact' });
    later(WAITING_MS + 1);
    expect(await lookups.takeWaiting()).toBeNull();
  });
});

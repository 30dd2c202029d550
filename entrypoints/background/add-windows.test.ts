import { describe, expect, it } from 'vitest';
import type { Lead } from '@/utils/api/schemas';
import type { LookupView } from '@/utils/protocol';
import { createAddWindows } from './add-windows';

const contact = { kind: 'phone', value: '+14155550134', display: '+1 415 555 0134' } as const;
const nobody: LookupView = { state: 'none', contact, canCreate: true, stages: [], hidden: 0 };
const lead = { id: 'lead-new', contact_phone: '+14155550134' } as Lead;

/** Windows as the browser opens and closes them, and the lookups' views by id. */
function setUp(views: Record<string, LookupView> = { 'lookup-1': nobody }) {
  let nextId = 100;
  const opened: number[] = [];
  const closed: number[] = [];
  const windows = createAddWindows({
    openWindow: () => {
      opened.push(++nextId);
      return Promise.resolve(nextId);
    },
    closeWindow: (windowId) => {
      closed.push(windowId);
      // The browser then says it was removed.
      windows.closed(windowId);
      return Promise.resolve();
    },
    view: (lookupId) => Promise.resolve(views[lookupId] ?? { state: 'expired' }),
  });
  return { windows, opened, closed };
}

describe('the Add to MEGA window', () => {
  it('gives the form its lookup by window, closes once the lead is added, and the card learns the lead', async () => {
    const { windows, opened, closed } = setUp();
    const card = windows.open('lookup-1');
    // The page may ask before the browser has said the new window's id.
    const draft = windows.draft(101);
    expect(await draft).toEqual({ lookupId: 'lookup-1', contact, stages: [] });
    expect(await windows.draft(999), 'another window').toBeNull();
    expect(await windows.draft(undefined), 'a page in no window').toBeNull();

    windows.added(999, { ok: true, lead, merged: false });
    windows.added(101, { ok: false, failure: { kind: 'forbidden', status: 403 } } as never);
    expect(closed, 'windows closed after a failure or from elsewhere').toEqual([]);
    windows.added(101, { ok: true, lead, merged: true });
    expect(await card).toEqual({ lead, merged: true });
    expect({ opened, closed }).toEqual({ opened: [101], closed: [101] });
  });

  it('answers the card with nothing when the user closes the window', async () => {
    const { windows } = setUp();
    const card = windows.open('lookup-1');
    await windows.draft(101);
    windows.closed(101);
    expect(await card).toBeNull();
    expect(await windows.draft(101), 'the closed window').toBeNull();
  });

  it('opens nothing for a lookup that found a lead or has expired', async () => {
    const found = { ...nobody, canCreate: false };
    const { windows, opened } = setUp({ 'lookup-1': found });
    expect(await windows.open('lookup-1')).toBeNull();
    expect(await windows.open('lookup-2')).toBeNull();
    expect(opened).toEqual([]);
  });

  it('keeps one window for a lookup: opening it again closes the first', async () => {
    const { windows, closed } = setUp();
    const first = windows.open('lookup-1');
    await windows.draft(101);
    const second = windows.open('lookup-1');
    expect(await first).toBeNull();
    expect(closed).toEqual([101]);
    expect(await windows.draft(102)).toEqual({ lookupId: 'lookup-1', contact, stages: [] });
    windows.closed(102);
    expect(await second).toBeNull();
  });
});

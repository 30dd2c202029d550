// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { panelTicksItem } from '@/utils/storage';
import { TABS_KEPT, toggled, useTicked, withTicks } from './ticked';

const VALUES = ['+14155550134', 'jane.cooper@acme.com'];

/** A panel's list, as far as ticks go: one checkbox a value, on the rows of `tabId`. */
function Rows({ tabId }: { tabId: number | null }) {
  const [ticked, setTicked] = useTicked(tabId);
  return (
    <ul>
      {VALUES.map((value) => (
        <li key={value}>
          <label>
            <input
              type="checkbox"
              checked={ticked.has(value)}
              onChange={(event) => setTicked(toggled(ticked, [value], event.currentTarget.checked))}
            />
            {value}
          </label>
        </li>
      ))}
    </ul>
  );
}

/** Storage holds these ticks of the tab (a person cannot close the panel quicker than that). */
const stored = (tabId: number, ticks: string[]) =>
  waitFor(async () => expect((await panelTicksItem.getValue())[`tab${tabId}`]).toEqual(ticks));

const box = (value: string) => screen.getByRole('checkbox', { name: value }) as HTMLInputElement;

beforeEach(() => {
  fakeBrowser.reset();
});

afterEach(() => {
  cleanup();
});

describe('ticked rows in the side panel', () => {
  it('are ticked again when the panel opens again on the same tab, and not on another tab', async () => {
    const panel = render(<Rows tabId={7} />);
    fireEvent.click(box(VALUES[0]!));
    expect(box(VALUES[0]!).checked).toBe(true);
    await stored(7, [VALUES[0]!]);
    // Closed, then opened again on the same tab.
    panel.unmount();
    render(<Rows tabId={7} />);
    await waitFor(() => expect(box(VALUES[0]!).checked).toBe(true));
    expect(box(VALUES[1]!).checked).toBe(false);
    cleanup();

    render(<Rows tabId={8} />);
    // Given the time the kept ticks take to read, tab 8 still shows none.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(VALUES.map((value) => box(value).checked)).toEqual([false, false]);
  });

  it('follow the tab: another tab shows its own, and coming back shows the first tab’s again', async () => {
    const panel = render(<Rows tabId={1} />);
    fireEvent.click(box(VALUES[1]!));
    await stored(1, [VALUES[1]!]);
    panel.rerender(<Rows tabId={2} />);
    await waitFor(() => expect(box(VALUES[1]!).checked).toBe(false));
    fireEvent.click(box(VALUES[0]!));
    await stored(2, [VALUES[0]!]);
    panel.rerender(<Rows tabId={1} />);
    await waitFor(() => expect(box(VALUES[1]!).checked).toBe(true));
    expect(box(VALUES[0]!).checked).toBe(false);
  });

  it('keep what the user ticks before the kept ticks are read', async () => {
    const first = render(<Rows tabId={3} />);
    fireEvent.click(box(VALUES[0]!));
    await stored(3, [VALUES[0]!]);
    first.unmount();
    render(<Rows tabId={3} />);
    // Ticked at once, before the read comes back with the other value ticked.
    fireEvent.click(box(VALUES[1]!));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(VALUES.map((value) => box(value).checked)).toEqual([false, true]);
  });
});

describe('the record of ticks kept for the session', () => {
  it(`keeps the latest ${TABS_KEPT} tabs, the last one written last`, () => {
    let record: Record<string, string[]> = {};
    for (let tab = 1; tab <= TABS_KEPT + 5; tab += 1) record = withTicks(record, tab, new Set([`v${tab}`]));
    expect(Object.keys(record)).toHaveLength(TABS_KEPT);
    expect(Object.values(record)[0]).toEqual(['v6']);
    record = withTicks(record, 6, new Set(['again']));
    expect(Object.values(record).at(-1)).toEqual(['again']);
    expect(Object.values(record)[0]).toEqual(['v7']);
  });

  it('takes out a tab with nothing ticked', () => {
    const record = withTicks(withTicks(withTicks({}, 4, new Set(['a'])), 5, new Set(['b'])), 4, new Set());
    expect(Object.values(record)).toEqual([['b']]);
  });
});

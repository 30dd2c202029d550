/**
 * The rows ticked on each tab, kept for the browser session (`panelTicksItem`): a person who
 * ticked twenty rows, closed the panel or looked at another tab, finds them ticked on coming back.
 * Only the latest `TABS_KEPT` tabs are kept, and a tab with nothing ticked takes no room.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { panelTicksItem } from '@/utils/storage';

export const TABS_KEPT = 20;

const tabKey = (tabId: number): string => `tab${tabId}`;

/** The record with `keys` as the ticks of `tabId`, that tab the latest, and at most `TABS_KEPT` tabs. */
export function withTicks(
  record: Readonly<Record<string, readonly string[]>>,
  tabId: number,
  keys: ReadonlySet<string>,
): Record<string, string[]> {
  // Not the bare number: an object keeps integer-like keys in numeric order, not in the order written.
  const id = tabKey(tabId);
  const rest = Object.entries(record).filter(([tab]) => tab !== id);
  if (keys.size > 0) rest.push([id, [...keys]]);
  return Object.fromEntries(rest.slice(-TABS_KEPT).map(([tab, ticks]) => [tab, [...ticks]]));
}

/** `ticks` with these keys ticked (`on`) or unticked. */
export function toggled(ticks: ReadonlySet<string>, keys: readonly string[], on: boolean): ReadonlySet<string> {
  const next = new Set(ticks);
  for (const key of keys) {
    if (on) next.add(key);
    else next.delete(key);
  }
  return next;
}

/** What a change of the ticks is: the new set, or how to make it from the latest one. */
export type TicksChange = ReadonlySet<string> | ((latest: ReadonlySet<string>) => ReadonlySet<string>);

/**
 * The ticks of `tabId` (none while it is unknown), and a setter that keeps them for the session.
 * A change made from the latest ticks composes with one made just before it in the same event.
 */
export function useTicked(tabId: number | null): [ReadonlySet<string>, (change: TicksChange) => void] {
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set());
  const latest = useRef<ReadonlySet<string>>(ticked);
  /** Whether the user ticked something on this tab before its kept ticks were read. */
  const touched = useRef(false);

  useEffect(() => {
    latest.current = new Set();
    setTicked(latest.current);
    touched.current = false;
    if (tabId === null) return;
    let current = true;
    void panelTicksItem.getValue().then(
      (record) => {
        const kept = record[tabKey(tabId)];
        if (!current || touched.current || !kept) return;
        latest.current = new Set(kept);
        setTicked(latest.current);
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [tabId]);

  const update = (change: TicksChange): void => {
    const next = typeof change === 'function' ? change(latest.current) : change;
    touched.current = true;
    latest.current = next;
    setTicked(next);
    if (tabId === null) return;
    // A failed write loses only this session's memory of the ticks, never the ticks on screen.
    void panelTicksItem
      .getValue()
      .then((record) => panelTicksItem.setValue(withTicks(record, tabId, next)))
      .catch(() => undefined);
  };
  return [ticked, update];
}

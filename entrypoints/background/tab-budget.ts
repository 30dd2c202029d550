/**
 * How many different values one tab may look up by selection in a short time before a lookup
 * waits for a click. A person reads a few contacts a minute; a page that keeps making selections
 * (or a user dragging over a long list) would otherwise spend the user's API budget, one request
 * per value. Past the limit the small "Look up in MEGA" button is offered instead of the card.
 * Values already counted in the window cost nothing more; the context menu and the shortcut are
 * not counted.
 */
export interface TabBudgetOptions {
  /** Distinct values per tab per window. */
  limit?: number;
  windowMs?: number;
  now?: () => number;
}

export const TAB_LOOKUPS_PER_MINUTE = 10;
const MAX_TABS = 500;

export function createTabBudget(options: TabBudgetOptions = {}) {
  const limit = options.limit ?? TAB_LOOKUPS_PER_MINUTE;
  const windowMs = options.windowMs ?? 60_000;
  const now = options.now ?? Date.now;
  /** Per tab: each value looked up in the window, and when it was first counted. */
  const tabs = new Map<number, Map<string, number>>();

  return {
    /** Whether a selection lookup of `value` in this tab may start without a click; counts it if so. */
    allows(tabId: number | null, value: string): boolean {
      if (tabId === null) return true;
      const at = now();
      const seen = tabs.get(tabId) ?? new Map<string, number>();
      for (const [counted, since] of seen) if (at - since >= windowMs) seen.delete(counted);
      tabs.delete(tabId);
      tabs.set(tabId, seen);
      for (const old of tabs.keys()) {
        if (tabs.size <= MAX_TABS) break;
        tabs.delete(old);
      }
      if (seen.has(value)) return true;
      if (seen.size >= limit) return false;
      seen.set(value, at);
      return true;
    },
  };
}

export type TabBudget = ReturnType<typeof createTabBudget>;

/**
 * How many different values one tab may look up by selection in a short time, each at the cost of
 * a request to MEGA, before a lookup waits for a click. A page that keeps making selections (or a
 * user dragging over a long list) would otherwise spend the user's API budget, one request per
 * value. Past the limit the small "Look up in MEGA" button is offered instead of the card.
 * Only values that would cost a request count: an answer from the cache or from the copy on this
 * device costs nothing, and neither does a value already counted in the window. The context menu
 * and the shortcut are not counted.
 */
export interface TabBudgetOptions {
  /** Distinct values per tab per window. */
  limit?: number;
  windowMs?: number;
  now?: () => number;
}

/**
 * A person working a list selects a number, reads the card (a name, a stage chip, an owner and a
 * line of what to do next: about three seconds) and moves to the next one: some twenty cards a
 * minute at the most. A tab asking faster than that is not a person reading; and twenty is a third
 * of MEGA's default 60 a minute, so one tab cannot eat the budget the others share.
 */
export const TAB_LOOKUPS_PER_MINUTE = 20;
const MAX_TABS = 500;

export function createTabBudget(options: TabBudgetOptions = {}) {
  const limit = options.limit ?? TAB_LOOKUPS_PER_MINUTE;
  const windowMs = options.windowMs ?? 60_000;
  const now = options.now ?? Date.now;
  /** Per tab: each value looked up in the window, and when it was first counted. */
  const tabs = new Map<number, Map<string, number>>();

  return {
    /**
     * Whether a selection lookup of `value` in this tab may start without a click; counts it if so.
     * `costsRequest`: false when the answer is at hand (cache, copy on this device): never counted.
     */
    allows(tabId: number | null, value: string, costsRequest = true): boolean {
      if (tabId === null || !costsRequest) return true;
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

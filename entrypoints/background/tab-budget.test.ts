import { describe, expect, it } from 'vitest';
import { createTabBudget } from './tab-budget';

function budget(limit = 3) {
  let clock = 0;
  const tabs = createTabBudget({ limit, windowMs: 60_000, now: () => clock });
  return { tabs, wait: (ms: number) => (clock += ms) };
}

describe('lookups one tab may start by selection in a minute', () => {
  it('allows the first few values, then offers the button', () => {
    const { tabs } = budget(3);
    expect(['a', 'b', 'c', 'd'].map((value) => tabs.allows(1, value))).toEqual([true, true, true, false]);
  });

  it('lets a value already looked up in the window show again without counting it twice', () => {
    const { tabs } = budget(2);
    expect([tabs.allows(1, 'a'), tabs.allows(1, 'a'), tabs.allows(1, 'b'), tabs.allows(1, 'a')]).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(tabs.allows(1, 'c')).toBe(false);
  });

  it('counts each tab on its own', () => {
    const { tabs } = budget(1);
    expect(tabs.allows(1, 'a')).toBe(true);
    expect(tabs.allows(2, 'b')).toBe(true);
    expect(tabs.allows(1, 'b')).toBe(false);
  });

  it('allows new values again once the minute has passed', () => {
    const { tabs, wait } = budget(2);
    tabs.allows(1, 'a');
    tabs.allows(1, 'b');
    expect(tabs.allows(1, 'c')).toBe(false);
    wait(60_000);
    expect(tabs.allows(1, 'c')).toBe(true);
  });

  it('does not count values whose answer costs no request', () => {
    const { tabs } = budget(1);
    expect(tabs.allows(1, 'a')).toBe(true);
    expect(['b', 'c', 'd'].map((value) => tabs.allows(1, value, false))).toEqual([true, true, true]);
    expect(tabs.allows(1, 'e')).toBe(false);
  });

  it('does not limit lookups from outside a tab', () => {
    const { tabs } = budget(1);
    expect([tabs.allows(null, 'a'), tabs.allows(null, 'b')]).toEqual([true, true]);
  });
});

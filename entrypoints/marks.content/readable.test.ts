// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createReadableGate, readableNow } from './readable';
import type { Occurrence } from './scan';

const VALUE = '(415) 555-0134';

/** A line holding the value, and its occurrence as the scan finds it. */
function line(style: Partial<CSSStyleDeclaration> = {}): { p: HTMLElement; occurrence: Occurrence } {
  const p = document.createElement('p');
  p.textContent = `Call ${VALUE}`;
  Object.assign(p.style, { fontSize: '16px', color: 'rgb(0, 0, 0)' }, style);
  document.body.append(p);
  const node = p.firstChild as Text;
  return { p, occurrence: { node, start: 5, end: 5 + VALUE.length, value: VALUE } };
}

/** Layout as a browser would give it (happy-dom lays nothing out): the value's box, and what shows at a point. */
function layout(box: DOMRect, shownAt: () => Element | null): void {
  vi.spyOn(Range.prototype, 'getClientRects').mockImplementation(() => [box] as unknown as DOMRectList);
  vi.spyOn(document, 'elementFromPoint').mockImplementation(shownAt);
}

const ON_SCREEN = new DOMRect(100, 50, 120, 20);

beforeEach(() => {
  vi.stubGlobal('innerWidth', 1280);
  vi.stubGlobal('innerHeight', 720);
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  document.body.replaceChildren();
});

describe('the visibility rule the marks share with selections', () => {
  it('finds a value in ordinary text on screen readable', () => {
    const { p, occurrence } = line();
    layout(ON_SCREEN, () => p);
    expect(readableNow(occurrence)).toBe(true);
  });

  it.each<[string, Partial<CSSStyleDeclaration>]>([
    ['transparent text', { color: 'transparent' }],
    ['text of colour with no alpha', { color: 'rgba(0, 0, 0, 0)' }],
    ['tiny text', { fontSize: '1px' }],
  ])('finds %s unreadable', (_what, style) => {
    const { p, occurrence } = line(style);
    layout(ON_SCREEN, () => p);
    expect(readableNow(occurrence)).toBe(false);
  });

  it.each<[string, DOMRect]>([
    ['off screen', new DOMRect(-500, -500, 120, 20)],
    ['below the fold', new DOMRect(100, 5_000, 120, 20)],
    ['in a box of no size', new DOMRect(100, 50, 0, 0)],
    ['clipped into a pixel', new DOMRect(100, 50, 1, 1)],
  ])('finds a value %s unreadable', (_what, box) => {
    const { p, occurrence } = line();
    layout(box, () => p);
    expect(readableNow(occurrence)).toBe(false);
  });

  it('finds a value under something else unreadable', () => {
    const { occurrence } = line();
    const cover = document.createElement('div');
    document.body.append(cover);
    layout(ON_SCREEN, () => cover);
    expect(readableNow(occurrence)).toBe(false);
  });

  it('finds a value taken out of the page, or changed since it was found, unreadable', () => {
    const { p, occurrence } = line();
    layout(ON_SCREEN, () => p);
    (occurrence.node as Text).data = 'Call (number withheld)';
    expect(readableNow(occurrence)).toBe(false);
    p.remove();
    expect(readableNow(occurrence)).toBe(false);
  });
});

describe('the values held until they are readable', () => {
  it('looks at a screenful that came on screen a slice at a time, and finds every readable one', () => {
    let time = 0;
    const timers: Array<{ work: () => void; ms: number }> = [];
    const groups: string[][] = [];
    const gate = createReadableGate({
      onReadable: (occurrences) => groups.push(occurrences.map(({ node }) => node.parentElement!.id)),
      watchOnScreen: null,
      // Each look at a value takes the page a millisecond.
      readable: () => ((time += 1), true),
      later: (work, ms) => void timers.push({ work, ms }),
      now: () => time,
      pageHidden: () => false,
      whenPageShown: () => () => undefined,
    });
    const lines = Array.from({ length: 10 }, (_, i) => {
      const made = line();
      made.p.id = `line${i}`;
      return made;
    });
    gate.add(lines.map(({ occurrence }) => occurrence));
    for (let timer = timers.shift(); timer; timer = timers.shift()) {
      time += timer.ms;
      timer.work();
    }
    expect(groups.length).toBeGreaterThan(1);
    expect(Math.max(...groups.map((group) => group.length))).toBeLessThanOrEqual(3);
    expect(groups.flat()).toEqual(lines.map(({ p }) => p.id));
  });
});

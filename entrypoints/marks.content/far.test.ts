// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { farFromScreen, splitRun, type Place } from './far';

/** Elements standing for rows, each with where it is against the screen. */
function rows(places: Place[]): { elements: Element[]; place: (element: Element) => Place; reads: () => number } {
  const elements: Element[] = places.map((_, i) =>
    Object.assign(document.createElement('p'), { textContent: `Row ${i}` }),
  );
  let reads = 0;
  const place = (element: Element): Place => {
    reads++;
    return places[elements.indexOf(element)]!;
  };
  return { elements, place, reads: () => reads };
}

/** A row laid out at `top` (px from the viewport's top), 40 px high. */
function rowAt(top: number): HTMLElement {
  const row = document.createElement('p');
  row.getBoundingClientRect = () => DOMRect.fromRect({ x: 0, y: top, width: 600, height: 40 });
  document.body.append(row);
  return row;
}

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  document.body.replaceChildren();
});

/** Both browsers run idle callbacks; happy-dom has none, so here they run as timers (faked by each test). */
function idleAsTimers(): void {
  vi.stubGlobal('requestIdleCallback', (work: () => void) => setTimeout(work, 1));
}

describe('splitting a run of rows by where they are', () => {
  it.each<[string, Place[], [number, number, number]]>([
    ['all far below', [1, 1, 1, 1, 1, 1], [0, 0, 6]],
    ['all far above', [-1, -1, -1, -1], [4, 0, 0]],
    ['the screen in the middle of the run', [-1, -1, -1, 0, 0, 1, 1, 1, 1], [3, 2, 4]],
    ['the run starting near the screen', [0, 0, 0, 1, 1], [0, 3, 2]],
    ['the whole run near the screen', [0, 0, 0], [0, 3, 0]],
    ['one row', [0], [0, 1, 0]],
  ])('%s', (_what, places, [above, near, below]) => {
    const { elements, place } = rows(places);
    const parts = splitRun(elements, place);
    expect(parts.map((part) => part.length)).toEqual([above, near, below]);
    expect(parts.flat()).toEqual(elements);
  });

  it('reads a few boxes of a long run, not every one', () => {
    const places: Place[] = [
      ...Array<Place>(1_000).fill(-1),
      ...Array<Place>(20).fill(0),
      ...Array<Place>(1_000).fill(1),
    ];
    const { elements, place, reads } = rows(places);
    const [, near] = splitRun(elements, place);
    expect(near).toEqual(elements.slice(1_000, 1_020));
    expect(reads()).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(elements.length)) + 2);
  });
});

describe('rows held far from the screen', () => {
  it('are handed back when the page scrolls them near, and the rest stay held', async () => {
    idleAsTimers();
    vi.useFakeTimers();
    const height = innerHeight;
    // Rows from three screens below the viewport's top, one every 100 px.
    const held = Array.from({ length: 30 }, (_, i) => rowAt(3 * height + i * 100));
    const far = farFromScreen();
    const near = vi.fn();
    const place = far.placer();
    expect(held.every((row) => place(row) === 1)).toBe(true);
    far.hold(held, near);

    // Nothing moved: a scroll looks again, and nothing is near.
    dispatchEvent(new Event('scroll'));
    await vi.advanceTimersByTimeAsync(500);
    expect(near).not.toHaveBeenCalled();

    // Scrolled by two screens: the rows within a screen below the viewport come near.
    for (const [i, row] of held.entries()) {
      row.getBoundingClientRect = () => DOMRect.fromRect({ x: 0, y: height + i * 100, width: 600, height: 40 });
    }
    document.dispatchEvent(new Event('scroll'));
    await vi.advanceTimersByTimeAsync(500);
    const handed = near.mock.calls.map(([row]) => held.indexOf(row as HTMLElement));
    expect(handed.length).toBeGreaterThan(0);
    expect(handed.sort((a, b) => a - b)).toEqual(held.flatMap((_, i) => (height + i * 100 <= 2 * height ? [i] : [])));

    // Once cleared, nothing is handed back any more.
    far.clear();
    for (const row of held) row.getBoundingClientRect = () => DOMRect.fromRect({ x: 0, y: 0, width: 600, height: 40 });
    near.mockClear();
    dispatchEvent(new Event('scroll'));
    await vi.advanceTimersByTimeAsync(500);
    expect(near).not.toHaveBeenCalled();
  });

  it('are looked at again when the page changes, and ones that left it are not handed back', async () => {
    idleAsTimers();
    vi.useFakeTimers();
    const gone = rowAt(5 * innerHeight);
    const stays = rowAt(5 * innerHeight + 100);
    const far = farFromScreen();
    const near = vi.fn();
    far.hold([gone], near);
    far.hold([stays], near);
    gone.remove();
    for (const row of [gone, stays])
      row.getBoundingClientRect = () => DOMRect.fromRect({ x: 0, y: 10, width: 600, height: 40 });
    far.lookAgain();
    await vi.advanceTimersByTimeAsync(500);
    expect(near.mock.calls.map(([row]) => row)).toEqual([stays]);
  });

  it('places a row scrolled sideways before the screen when left of it, and past it when right of it', () => {
    const width = innerWidth;
    const card = (left: number): HTMLElement => {
      const element = document.createElement('li');
      element.getBoundingClientRect = () => DOMRect.fromRect({ x: left, y: 100, width: 200, height: 100 });
      return element;
    };
    const place = farFromScreen().placer();
    // A carousel scrolled on: the cards went -1, 0, 1 from left to right, so the near ones are found by halving.
    const cards = [-3 * width, -2 * width, 0, width, 3 * width, 4 * width].map(card);
    expect(cards.map(place)).toEqual([-1, -1, 0, 0, 1, 1]);
    expect(splitRun(cards, place)[1]).toEqual(cards.slice(2, 4));
  });

  it('keeps what is held after a clear that came while a look was on its way', async () => {
    idleAsTimers();
    vi.useFakeTimers();
    const far = farFromScreen();
    const near = vi.fn();
    far.hold([rowAt(5 * innerHeight)], near);
    far.lookAgain();
    // The page is read anew (another account) before the look runs: the new read holds its own row.
    far.clear();
    const row = rowAt(5 * innerHeight);
    far.hold([row], near);
    await vi.advanceTimersByTimeAsync(500);

    row.getBoundingClientRect = () => DOMRect.fromRect({ x: 0, y: 10, width: 600, height: 40 });
    dispatchEvent(new Event('scroll'));
    await vi.advanceTimersByTimeAsync(500);
    expect(near.mock.calls.map(([element]) => element)).toEqual([row]);
  });

  it('an element with no box is near: its children may be anywhere', () => {
    const contents = document.createElement('div');
    contents.getBoundingClientRect = () => DOMRect.fromRect({ x: 0, y: 9_000, width: 0, height: 0 });
    expect(farFromScreen().placer()(contents)).toBe(0);
  });
});

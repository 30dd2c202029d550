/**
 * Parts of the page far from the screen, for the marks' read (scan.ts): on a long page most of
 * it, and most of the work of reading it, since every node the script reads costs it a wrapper of
 * its own. Such a part is read once it comes within a screen of the viewport: when the page or a
 * part of it is scrolled there, the window changes size, or the page changes (`lookAgain`).
 *
 * A long list's rows past the screen are held as one run, in the order the page lays them out,
 * and the rows near the screen are found in it by halving: a 2,000-row table costs a few box
 * reads, not 2,000, when it is read and each time it is looked at again. Scroll events rather
 * than an IntersectionObserver: an observer hands back an entry for every element it is given,
 * which on such a table costs more than reading the rows near the screen.
 */

/**
 * Where an element is: -1 more than a screen before the viewport (above it, or left of it), 1 more
 * than a screen past it (below, or right), 0 near it. Along a list, vertical or sideways, the
 * rows go -1, then 0, then 1.
 */
export type Place = -1 | 0 | 1;

export interface FarParts {
  /** Where elements are, for now (the viewport's size is read once for all of them). */
  placer(): (element: Element) => Place;
  /**
   * Holds elements far from the screen, in the order the page lays them out (one, or a list's
   * rows), until each comes within a screen of the viewport; then calls `near` with it.
   */
  hold(elements: Element[], near: (element: Element) => void): void;
  /** Looks again soon at what is held: the page changed, and may have moved it. */
  lookAgain(): void;
  /** Forgets everything held. */
  clear(): void;
}

/** How often, at most, what is held is looked at again while the page scrolls. */
const LOOK_AGAIN_MS = 100;
/** The longest one look holds the page's main thread at a time. */
const LOOK_SLICE_MS = 2;

/** The first index from `low` on where `test` holds, for a test that holds from some index on (found by halving). */
export function firstWhere<T>(items: readonly T[], test: (item: T) => boolean, low = 0): number {
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (test(items[middle]!)) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** A run's rows more than a screen above, near the screen, and more than a screen below, in a few box reads. */
export function splitRun(
  elements: readonly Element[],
  place: (element: Element) => Place,
): [Element[], Element[], Element[]] {
  const from = firstWhere(elements, (element) => place(element) >= 0);
  const to = firstWhere(elements, (element) => place(element) > 0, from);
  return [elements.slice(0, from), elements.slice(from, to), elements.slice(to)];
}

/**
 * Far by the element's box. An element with no box (`display: contents`, or nothing laid out) is
 * near: its children may be anywhere.
 */
export function farFromScreen(): FarParts {
  let held: Array<{ elements: Element[]; near: (element: Element) => void }> = [];
  /** Bumped by `clear`: a look under way drops what it took. */
  let generation = 0;
  let looking = false;
  let lastLook = -Infinity;
  // Capturing on the window: a scroll of any part of the page (Gmail's list scrolls in a pane of its own).
  const options = { capture: true, passive: true };
  const listen = (on: boolean): void => {
    for (const event of ['scroll', 'resize']) (on ? addEventListener : removeEventListener)(event, lookAgain, options);
  };

  const placer = (): ((element: Element) => Place) => {
    // Read once for many elements: each read is a call into the browser.
    const width = innerWidth;
    const height = innerHeight;
    return (element) => {
      const box = element.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) return 0;
      // Before the screen (above it, or left of it in a row scrolled sideways), or past it.
      if (box.bottom < -height || box.right < -width) return -1;
      return box.top > 2 * height || box.left > 2 * width ? 1 : 0;
    };
  };

  /** Looks at these runs, a slice at a time in idle time: the rows near now are handed back, the rest held again. */
  function look(runs: typeof held, lookedIn: number): void {
    if (lookedIn !== generation) return;
    const until = performance.now() + LOOK_SLICE_MS;
    const place = placer();
    for (let run = runs.pop(); run; run = performance.now() < until ? runs.pop() : undefined) {
      const [above, near, below] = splitRun(run.elements, place);
      for (const part of [above, below]) if (part.length > 0) held.push({ elements: part, near: run.near });
      for (const element of near) if (element.isConnected) run.near(element);
    }
    if (runs.length > 0) return void requestIdleCallback(() => look(runs, lookedIn), { timeout: 1_000 });
    looking = false;
    lastLook = performance.now();
    if (held.length === 0) listen(false);
  }

  function lookAgain(): void {
    if (looking || held.length === 0) return;
    looking = true;
    const lookedIn = generation;
    setTimeout(
      // Taken only if nothing was cleared meanwhile: what is held then was held after the clear.
      () => requestIdleCallback(() => lookedIn === generation && look(held.splice(0), lookedIn), { timeout: 1_000 }),
      Math.max(0, lastLook + LOOK_AGAIN_MS - performance.now()),
    );
  }

  return {
    placer,
    hold(elements, near) {
      if (held.length === 0) listen(true);
      held.push({ elements, near });
    },
    lookAgain,
    clear() {
      generation++;
      held = [];
      looking = false;
      listen(false);
    },
  };
}

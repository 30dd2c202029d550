/**
 * Which values a person can read, the only ones the marks ask about: a value's text must have
 * been on screen for a moment (`ON_SCREEN_MS`), and pass the rule selections are held to
 * (`looksVisible` in read-selection.ts: a size, on screen, not hidden, transparent, tiny or
 * covered). A page that writes thousands of values, in transparent or tiny text or off screen,
 * has none of them asked about; one that shows them can show a screenful at a time, which a
 * person could read anyway.
 *
 * A value not readable when its moment is up is looked at again when its element next comes on
 * screen (the page scrolls to it, or shows the part of the page it is in), when the page takes
 * something out (a cookie banner or a dialog that covered it), or when the page is shown again: a
 * page in a tab behind another one shows nothing to anyone, however it is laid out, so its values
 * wait for their moment until the tab is brought to the front.
 */
import { ON_SCREEN_MS } from '@/utils/marks';
import { looksVisible } from '@/entrypoints/content/read-selection';
import type { NearWatch, WatchNear } from './overlay';
import type { Occurrence } from './scan';

/** The longest one look at what came on screen holds the page's main thread at a time. */
const LOOK_SLICE_MS = 2;

export interface ReadableGate {
  /** Holds these occurrences until each is readable. */
  add(occurrences: readonly Occurrence[]): void;
  /** Forgets what is held for elements no longer in the page. */
  dropDetached(): void;
  /** Looks again, after a moment, at what is held on screen: the page took out what may have covered it. */
  lookAgain(): void;
  clear(): void;
}

export interface ReadableOptions {
  /** Called with the occurrences found readable, a group at a time. */
  onReadable(occurrences: Occurrence[]): void;
  /** Which elements are on screen; null: every one is, from when it is added. */
  watchOnScreen?: WatchNear | null;
  /** The visibility rule; `readableNow` unless a test brings its own page. */
  readable?: (occurrence: Occurrence) => boolean;
  /** Runs `work` in `ms` (setTimeout). */
  later?: (work: () => void, ms: number) => void;
  now?: () => number;
  /** Whether the page is in a tab behind another (document.hidden). */
  pageHidden?: () => boolean;
  /** Calls `shown` each time the page's tab is brought to the front; returns what stops that. */
  whenPageShown?: (shown: () => void) => () => void;
}

/** Elements in the viewport itself. */
export const watchOnScreen: WatchNear = (onChange) =>
  new IntersectionObserver((entries) =>
    onChange(entries.map((entry) => ({ element: entry.target, near: entry.isIntersecting }))),
  );

/** Whether a person can read this occurrence now: the selections' rule, over its text. */
export function readableNow({ node, start, end, value }: Occurrence): boolean {
  const element = node.parentElement;
  if (!element || !node.isConnected || node.data.slice(start, end) !== value) return false;
  const range = document.createRange();
  range.setStart(node, start);
  range.setEnd(node, end);
  return looksVisible({ text: value, element, boxes: () => Array.from(range.getClientRects()), key: '' });
}

function whenDocumentShown(shown: () => void): () => void {
  const listener = () => {
    if (document.visibilityState === 'visible') shown();
  };
  document.addEventListener('visibilitychange', listener);
  return () => document.removeEventListener('visibilitychange', listener);
}

export function createReadableGate(options: ReadableOptions): ReadableGate {
  const readable = options.readable ?? readableNow;
  const later = options.later ?? ((work, ms) => void setTimeout(work, ms));
  const now = options.now ?? (() => performance.now());
  const pageHidden = options.pageHidden ?? (() => document.hidden);
  const whenPageShown = options.whenPageShown ?? whenDocumentShown;
  const watchOnScreenOf = options.watchOnScreen === undefined ? watchOnScreen : options.watchOnScreen;
  /** Occurrences not yet readable, by the element that shows them. */
  const waiting = new Map<Element, Occurrence[]>();
  /** Elements on screen, and since when. */
  const onScreen = new Map<Element, number>();
  let watch: NearWatch | null = null;
  /** Stops the watch for the page being shown again; null while nothing is held. */
  let stopWatchingShown: (() => void) | null = null;

  /** Once their moment is up: what of these elements is still on screen, and readable, goes on. */
  function lookAt(elements: readonly Element[]): void {
    // Looked at again, with a fresh moment, once the page is shown (see `lookAgain`).
    if (pageHidden()) return;
    const found: Occurrence[] = [];
    const early: Element[] = [];
    let dueIn = ON_SCREEN_MS;
    const at = now();
    let looked = 0;
    for (const [i, element] of elements.entries()) {
      // Each look reads the page's layout at the value: a screenful of them is held a slice at a time.
      if (looked > 0 && now() - at >= LOOK_SLICE_MS) {
        const left = elements.slice(i);
        later(() => lookAt(left), 0);
        break;
      }
      const since = onScreen.get(element);
      const list = waiting.get(element);
      if (since === undefined || !list) continue;
      // A timer can come a little before its moment by this clock (Firefox jitters
      // performance.now()), and an element back on screen since has a newer moment: either is
      // looked at again when its moment is up, rather than left held until the page changes.
      if (at - since < ON_SCREEN_MS) {
        early.push(element);
        dueIn = Math.min(dueIn, ON_SCREEN_MS - (at - since));
        continue;
      }
      looked += 1;
      const rest = list.filter((occurrence) => {
        if (!occurrence.node.isConnected) return false;
        if (!readable(occurrence)) return true;
        found.push(occurrence);
        return false;
      });
      if (rest.length > 0) waiting.set(element, rest);
      else {
        waiting.delete(element);
        onScreen.delete(element);
        watch?.unobserve(element);
      }
    }
    // A millisecond past the moment, so that a clock that reads short again still finds it up.
    if (early.length > 0) later(() => lookAt(early), Math.ceil(dueIn) + 1);
    if (found.length > 0) options.onReadable(found);
  }

  /** Whether a look again is on its way: many changes in a moment make one. */
  let lookingAgain = false;
  /**
   * The most elements one look again reads: a page that keeps taking nodes out must not have a
   * screenful of hidden values read again every moment.
   */
  const LOOKED_AGAIN_AT_MOST = 100;

  /** What is on screen and held gets a moment of its own now, and is looked at when it is up. */
  function lookAgain(): void {
    if (lookingAgain) return;
    const held = [...waiting.keys()]
      .filter((element) => onScreen.has(element) || watchOnScreenOf === null)
      .slice(0, LOOKED_AGAIN_AT_MOST);
    if (held.length === 0) return;
    lookingAgain = true;
    const at = now();
    for (const element of held) onScreen.set(element, at);
    later(() => {
      lookingAgain = false;
      lookAt(held);
    }, ON_SCREEN_MS);
  }

  function cameOnScreen(elements: Element[]): void {
    if (elements.length === 0) return;
    const at = now();
    for (const element of elements) onScreen.set(element, at);
    later(() => lookAt(elements), ON_SCREEN_MS);
  }

  function changed(changes: Array<{ element: Element; near: boolean }>): void {
    const coming: Element[] = [];
    for (const { element, near } of changes) {
      if (!near) onScreen.delete(element);
      else if (waiting.has(element) && !onScreen.has(element)) coming.push(element);
    }
    cameOnScreen(coming);
  }

  return {
    add(occurrences) {
      const fresh: Element[] = [];
      for (const occurrence of occurrences) {
        const element = occurrence.node.parentElement;
        if (!element) continue;
        const list = waiting.get(element);
        if (list) {
          list.push(occurrence);
          // Already on screen: looked at once the new text has been there a moment too.
          if (onScreen.has(element)) later(() => lookAt([element]), ON_SCREEN_MS);
          continue;
        }
        waiting.set(element, [occurrence]);
        fresh.push(element);
      }
      stopWatchingShown ??= whenPageShown(lookAgain);
      if (watchOnScreenOf === null) {
        cameOnScreen(fresh);
        return;
      }
      watch ??= watchOnScreenOf(changed);
      for (const element of fresh) watch.observe(element);
    },
    lookAgain,
    dropDetached() {
      for (const element of waiting.keys()) {
        if (element.isConnected) continue;
        waiting.delete(element);
        onScreen.delete(element);
        watch?.unobserve(element);
      }
    },
    clear() {
      watch?.disconnect();
      watch = null;
      stopWatchingShown?.();
      stopWatchingShown = null;
      waiting.clear();
      onScreen.clear();
    },
  };
}

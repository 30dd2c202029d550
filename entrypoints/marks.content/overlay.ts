/**
 * The known-lead marks as drawn: small dots in the lead's stage colour beside each known value,
 * in one layer over the page (layer.ts: a closed shadow root the page can neither read, restyle
 * nor hide). The page's text is never touched: each mark follows a Range over the value and is
 * placed from that range's boxes.
 *
 * Marks sit in page coordinates, so a scroll of the page itself moves them all with one write; a
 * scroll inside the page (a mail list, a CRM table), a resize or a change of the page places them
 * again, from fresh boxes, reading every box before writing any style.
 *
 * Only marks near the viewport are made and placed: an IntersectionObserver, which the browser
 * runs as part of drawing frames, says which marked elements are within a screen of it, so a long
 * page costs what its visible part costs, and scrolling brings the rest in.
 *
 * The page cannot find a mark: the layer is in the page from the start (made at the first mark,
 * it would say that one of the page's values is a lead), it sits in the top layer, fixed, so the
 * page's layout never changes for a mark, and marks take no pointer events, so hit testing
 * (`elementFromPoint` and the like) finds the page's own elements where they are. A mouse click on
 * a mark is told apart here, from the user's own (trusted) click and where the marks are drawn;
 * from the keyboard, a mark is a button.
 *
 * One file: placing, near-viewport watching and the click all work on the same marks and layer,
 * and each reads what the others last wrote.
 *
 * One file past 400 lines: the layer, the marks' placing and the near-viewport watch share every
 * mark's range, box and button, which a scroll, a resize or a page change must update together.
 */
import type { KnownValue } from '@/utils/protocol';
import { createLayer, type Layer } from '@/entrypoints/content/layer';
import { rendered } from '@/entrypoints/content/read-selection';
import type { Occurrence } from './scan';

const SIZE = 14;
const MARKS_CSS =
  '.c{position:absolute;left:0;top:0;width:0;height:0}' +
  `button{all:initial;position:absolute;left:0;top:0;width:${SIZE}px;height:${SIZE}px;border-radius:50%;` +
  'pointer-events:none;display:block;box-sizing:border-box;--c:#6366f1}' +
  "button::after{content:'';position:absolute;left:3px;top:3px;width:8px;height:8px;border-radius:50%;" +
  'background:var(--c);box-shadow:0 0 0 1.5px #fff,0 1px 3px rgba(0,0,0,.4)}' +
  'button:focus-visible{outline:2px solid #6366f1;outline-offset:1px}' +
  'button[hidden]{display:none}';
/**
 * The layer covers the viewport and lets every click through, those on a mark too (see `onClick`).
 * Its size is the viewport's by its insets, not by a measure: reading the viewport's width lays
 * out the page, which at the script's start may be a large page not laid out yet.
 */
const COVER_RULES = 'pointer-events:none!important;overflow:hidden!important;inset:0!important;';

export interface MarksOverlay {
  /** Makes the layer, not yet in the page: the first half of `start`, in a task of its own. */
  prepare(): void;
  /** Puts the layer, empty, in the page: before any mark, so its coming says nothing about the page's values. */
  start(): void;
  /** Draws a mark beside each of these occurrences of a known value. */
  draw(marks: Array<{ occurrence: Occurrence; known: KnownValue }>): void;
  /** Takes away the marks of this text node (it changed) or of nodes no longer in the page. */
  dropNode(node: Text): void;
  dropDetached(): void;
  /** Places every mark again, soon (the page moved something). */
  layoutSoon(): void;
  clear(): void;
  remove(): void;
  readonly count: number;
}

/** Tells which elements are near the viewport, and when that changes. */
export interface NearWatch {
  observe(element: Element): void;
  unobserve(element: Element): void;
  disconnect(): void;
}
export type WatchNear = (onChange: (changes: Array<{ element: Element; near: boolean }>) => void) => NearWatch;

/** Within a screen above or below the viewport. */
export const watchNearViewport: WatchNear = (onChange) => {
  const observer = new IntersectionObserver(
    (entries) => onChange(entries.map((entry) => ({ element: entry.target, near: entry.isIntersecting }))),
    { rootMargin: '100% 0px' },
  );
  return observer;
};

export interface OverlayOptions {
  /** A mark was clicked (or pressed with the keyboard). */
  onOpen(value: string, boxes: () => DOMRect[], anchor: Element, byKeyboard: boolean): void;
  /** The page kept tampering with the layer and it gave up. */
  onBroken(): void;
  /** The words a mark is announced with. */
  label(known: KnownValue): string;
  /** Which marked elements are near the viewport; null: treat every one as near. */
  watchNear?: WatchNear | null;
}

interface Mark {
  range: Range;
  node: Text;
  value: string;
  known: KnownValue;
  /** Made once the mark first comes near the viewport. */
  button: HTMLButtonElement | null;
  element: Element;
}

/** What decides where an element's text may show: the box that clips it, and whether it moves with the page. */
interface Surroundings {
  clip: Element | null;
  /** Inside something fixed or sticky: a scroll of the page moves it against the page. */
  pinned: boolean;
}

export function createMarksOverlay(options: OverlayOptions): MarksOverlay {
  let layer: Layer | null = null;
  let container: HTMLDivElement | null = null;
  const marks = new Map<Text, Mark[]>();
  const byButton = new WeakMap<HTMLButtonElement, Mark>();
  /** Marks near the viewport: the ones made and placed. */
  const near = new Set<Mark>();
  /** Marked elements being watched, with their marks. */
  const watched = new Map<Element, Mark[]>();
  const watchNear = options.watchNear === undefined ? watchNearViewport : options.watchNear;
  let watch: NearWatch | null = null;
  let frame = 0;
  // Read when the first mark is placed: reading the scroll position lays the page out, and at
  // start-up the page may not be laid out yet. Null: no mark placed since the layer was made.
  let scrolledAt: { x: number; y: number } | null = null;
  let surroundings = new WeakMap<Element, Surroundings>();
  let hasPinned = false;

  function surroundingsOf(element: Element | null): Surroundings {
    if (!element || element === document.body || element === document.documentElement)
      return { clip: null, pinned: false };
    const known = surroundings.get(element);
    if (known) return known;
    const style = getComputedStyle(element);
    const pinned = style.position === 'fixed' || style.position === 'sticky';
    const outer =
      pinned && style.position === 'fixed' ? { clip: null, pinned: true } : surroundingsOf(element.parentElement);
    const clips = style.overflowX !== 'visible' || style.overflowY !== 'visible';
    const found = { clip: clips ? element : outer.clip, pinned: pinned || outer.pinned };
    surroundings.set(element, found);
    return found;
  }

  /** The layer and its container, made but not yet in the page. */
  function makeLayer(): HTMLDivElement {
    if (layer && container) return container;
    layer = createLayer(
      MARKS_CSS,
      () => {
        layer = null;
        container = null;
        marks.clear();
        near.clear();
        watched.clear();
        watch?.disconnect();
        watch = null;
        stopListening();
        options.onBroken();
      },
      COVER_RULES,
    );
    scrolledAt = null;
    container = document.createElement('div');
    container.className = 'c';
    // One listener for every mark: thousands of marks need no thousands of listeners. A mark
    // takes no pointer events, so what reaches it is a press of Enter or Space on a focused mark.
    container.addEventListener('click', (event) => {
      const mark = byButton.get(event.target as HTMLButtonElement);
      if (event.isTrusted && mark) open(mark, true);
    });
    layer.root.append(container);
    return container;
  }

  /** The layer, in the page (shown once, for good: only a broken or removed layer is made anew). */
  function ensureLayer(): HTMLDivElement {
    const made = makeLayer();
    if (layer?.shown) return made;
    showLayer();
    addEventListener('scroll', onScroll, { capture: true, passive: true });
    addEventListener('resize', onResize);
    addEventListener('click', onClick, { capture: true });
    return made;
  }

  function open({ range, value, element }: Mark, byKeyboard: boolean): void {
    if (!range.startContainer.isConnected) return;
    options.onOpen(value, () => Array.from(range.getClientRects()), element, byKeyboard);
  }

  /**
   * The user's click on a mark, which the page's element under it received: the card opens, and
   * the click goes no further (a mark beside a `tel:` link does not dial). The page sees the
   * click, as it sees every click: a value the user opened is one the user showed it.
   */
  function onClick(event: MouseEvent): void {
    if (!event.isTrusted || event.button !== 0 || near.size === 0) return;
    const { clientX: x, clientY: y } = event;
    for (const mark of near) {
      const drawn = mark.button;
      if (!drawn || drawn.hidden) continue;
      const box = drawn.getBoundingClientRect();
      if (x < box.left || x > box.right || y < box.top || y > box.bottom) continue;
      event.preventDefault();
      event.stopPropagation();
      open(mark, false);
      return;
    }
  }

  function showLayer(): void {
    layer?.show({});
  }

  function stopListening(): void {
    removeEventListener('scroll', onScroll, { capture: true });
    removeEventListener('resize', onResize);
    removeEventListener('click', onClick, { capture: true });
    cancelAnimationFrame(frame);
    frame = 0;
  }

  function onScroll(event: Event): void {
    if (event.target === document || event.target === document.documentElement) {
      if (!hasPinned) {
        shift();
        return;
      }
    }
    layoutSoon();
  }

  function onResize(): void {
    showLayer();
    layoutSoon();
  }

  /** The page itself scrolled: everything moves together. */
  function shift(): void {
    if (!container || !scrolledAt) return;
    container.style.transform = `translate(${scrolledAt.x - scrollX}px,${scrolledAt.y - scrollY}px)`;
  }

  function layoutSoon(): void {
    if (frame || !container) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      layout([...near]);
    });
  }

  function button(mark: Mark): HTMLButtonElement {
    if (mark.button) return mark.button;
    const made = document.createElement('button');
    made.type = 'button';
    const label = options.label(mark.known);
    made.setAttribute('aria-label', label);
    made.title = label;
    if (mark.known.color) made.style.setProperty('--c', mark.known.color);
    byButton.set(made, mark);
    mark.button = made;
    return made;
  }

  /** These marks came near the viewport: made if new, placed, and put in the layer. */
  function bringNear(list: Mark[]): void {
    const parent = ensureLayer();
    const fresh = list.filter((mark) => !near.has(mark));
    if (fresh.length === 0) return;
    for (const mark of fresh) near.add(mark);
    const made = fresh.filter((mark) => !mark.button).map(button);
    layout(fresh, true);
    parent.append(...made);
  }

  function nearChanged(changes: Array<{ element: Element; near: boolean }>): void {
    const coming: Mark[] = [];
    for (const change of changes) {
      const list = watched.get(change.element) ?? [];
      if (change.near) coming.push(...list);
      else {
        for (const mark of list) {
          near.delete(mark);
          if (mark.button) mark.button.hidden = true;
        }
      }
    }
    if (coming.length > 0) bringNear(coming);
  }

  /** Places these marks from their ranges' boxes now: every box read first, then every style written. */
  function layout(placing: Mark[], fresh = false): void {
    if (!container) return;
    if (!fresh || !scrolledAt) {
      scrolledAt = { x: scrollX, y: scrollY };
      container.style.transform = '';
    }
    const origin = scrolledAt;
    const clipBoxes = new Map<Element, DOMRect>();
    const places = placing.map((mark) => {
      const boxes = mark.range.getClientRects();
      const last = boxes[boxes.length - 1];
      if (!last || last.width < 1 || last.height < 4) return null;
      const { clip, pinned } = surroundingsOf(mark.element);
      hasPinned ||= pinned;
      const x = last.right - 3;
      const y = last.top - 7;
      if (clip) {
        let box = clipBoxes.get(clip);
        if (!box) clipBoxes.set(clip, (box = clip.getBoundingClientRect()));
        if (last.right < box.left || last.left > box.right || last.bottom < box.top || last.top > box.bottom)
          return null;
      }
      // In page coordinates; written relative to where the page was at the last full placing.
      return { x: x + scrollX, y: y + scrollY };
    });
    // Text that is not shown (hidden, transparent) gets no mark; checked after the boxes, in one go.
    const shown = placing.map((mark, i) => !!places[i] && rendered(mark.element));
    placing.forEach((mark, i) => {
      const place = places[i];
      const drawn = mark.button;
      if (!drawn) return;
      if (!place || !shown[i]) {
        drawn.hidden = true;
        return;
      }
      drawn.hidden = false;
      drawn.style.transform = `translate(${Math.round(place.x - origin.x)}px,${Math.round(place.y - origin.y)}px)`;
    });
  }

  function removeMarks(list: Mark[] | undefined): void {
    for (const mark of list ?? []) {
      mark.range.detach?.();
      mark.button?.remove();
      near.delete(mark);
      const others = (watched.get(mark.element) ?? []).filter((other) => other !== mark);
      if (others.length > 0) watched.set(mark.element, others);
      else if (watched.delete(mark.element)) watch?.unobserve(mark.element);
    }
  }

  return {
    prepare() {
      makeLayer();
    },
    start() {
      ensureLayer();
    },
    draw(found) {
      if (found.length === 0) return;
      ensureLayer();
      const added: Mark[] = [];
      for (const { occurrence, known } of found) {
        const { node, start, end, value } = occurrence;
        const element = node.parentElement;
        if (!element || !node.isConnected || node.data.slice(start, end) !== value) continue;
        const existing = marks.get(node) ?? [];
        if (existing.some((mark) => mark.range.startOffset === start)) continue;
        const range = document.createRange();
        range.setStart(node, start);
        range.setEnd(node, end);
        const mark: Mark = { range, node, value, known, button: null, element };
        existing.push(mark);
        marks.set(node, existing);
        added.push(mark);
      }
      if (added.length === 0) return;
      if (!watchNear) {
        bringNear(added);
        return;
      }
      watch ??= watchNear(nearChanged);
      for (const mark of added) {
        const list = watched.get(mark.element);
        if (list) {
          list.push(mark);
          // Its element is near already: the new mark is too.
          if (list.some((other) => near.has(other))) bringNear([mark]);
        } else {
          watched.set(mark.element, [mark]);
          watch.observe(mark.element);
        }
      }
    },
    dropNode(node) {
      removeMarks(marks.get(node));
      marks.delete(node);
    },
    dropDetached() {
      for (const [node, list] of marks) {
        if (!node.isConnected) {
          removeMarks(list);
          marks.delete(node);
        }
      }
    },
    layoutSoon() {
      surroundings = new WeakMap();
      hasPinned = false;
      layoutSoon();
    },
    clear() {
      for (const list of marks.values()) removeMarks(list);
      marks.clear();
    },
    remove() {
      this.clear();
      watch?.disconnect();
      watch = null;
      stopListening();
      layer?.remove();
      layer = null;
      container = null;
    },
    get count() {
      let count = 0;
      for (const list of marks.values()) count += list.length;
      return count;
    },
  };
}

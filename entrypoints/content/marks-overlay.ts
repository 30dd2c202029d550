/**
 * The known-lead marks as drawn: small dots in the lead's stage colour beside each known value,
 * in one layer over the page (layer.ts: a closed shadow root the page can neither read, restyle
 * nor hide). The page's text is never touched: each mark follows a Range over the value and is
 * placed from that range's boxes.
 *
 * Marks sit in page coordinates, so a scroll of the page itself moves them all with one write; a
 * scroll inside the page (a mail list, a CRM table), a resize or a change of the page places them
 * again, from fresh boxes, reading every box before writing any style.
 */
import type { KnownValue } from '@/utils/protocol';
import { createLayer, type Layer } from './layer';
import type { Occurrence } from './marks-scan';

const SIZE = 14;
const MARKS_CSS =
  '.c{position:absolute;left:0;top:0;width:0;height:0}' +
  `button{all:initial;position:absolute;left:0;top:0;width:${SIZE}px;height:${SIZE}px;border-radius:50%;` +
  'cursor:pointer;pointer-events:auto;display:block;box-sizing:border-box;--c:#6366f1}' +
  "button::after{content:'';position:absolute;left:3px;top:3px;width:8px;height:8px;border-radius:50%;" +
  'background:var(--c);box-shadow:0 0 0 1.5px #fff,0 1px 3px rgba(0,0,0,.4)}' +
  'button:hover::after{transform:scale(1.25)}button:focus-visible{outline:2px solid #6366f1;outline-offset:1px}' +
  'button[hidden]{display:none}';
/** The layer covers the viewport and lets every click through but those on a mark. */
const COVER_RULES = 'pointer-events:none!important;overflow:hidden!important;';

export interface MarksOverlay {
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

export interface OverlayOptions {
  /** A mark was clicked (or pressed with the keyboard). */
  onOpen(value: string, boxes: () => DOMRect[], anchor: Element, byKeyboard: boolean): void;
  /** The page kept tampering with the layer and it gave up. */
  onBroken(): void;
  /** The words a mark is announced with. */
  label(known: KnownValue): string;
}

interface Mark {
  range: Range;
  node: Text;
  value: string;
  button: HTMLButtonElement;
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
  let frame = 0;
  let scrolledAt = { x: scrollX, y: scrollY };
  let surroundings = new WeakMap<Element, Surroundings>();
  let hasPinned = false;

  function surroundingsOf(element: Element | null): Surroundings {
    if (!element || element === document.body || element === document.documentElement) return { clip: null, pinned: false };
    const known = surroundings.get(element);
    if (known) return known;
    const style = getComputedStyle(element);
    const pinned = style.position === 'fixed' || style.position === 'sticky';
    const outer = pinned && style.position === 'fixed' ? { clip: null, pinned: true } : surroundingsOf(element.parentElement);
    const clips = style.overflowX !== 'visible' || style.overflowY !== 'visible';
    const found = { clip: clips ? element : outer.clip, pinned: pinned || outer.pinned };
    surroundings.set(element, found);
    return found;
  }

  function ensureLayer(): HTMLDivElement {
    if (layer && container) return container;
    layer = createLayer(MARKS_CSS, () => {
      layer = null;
      container = null;
      marks.clear();
      stopListening();
      options.onBroken();
    }, COVER_RULES);
    container = document.createElement('div');
    container.className = 'c';
    layer.root.append(container);
    showLayer();
    addEventListener('scroll', onScroll, { capture: true, passive: true });
    addEventListener('resize', onResize);
    return container;
  }

  function showLayer(): void {
    layer?.show({ left: 0, top: 0, width: document.documentElement.clientWidth || innerWidth, height: innerHeight });
  }

  function stopListening(): void {
    removeEventListener('scroll', onScroll, { capture: true });
    removeEventListener('resize', onResize);
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
    if (!container) return;
    container.style.transform = `translate(${scrolledAt.x - scrollX}px,${scrolledAt.y - scrollY}px)`;
  }

  function layoutSoon(): void {
    if (frame || !container) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      layout([...marks.values()].flat());
    });
  }

  /** Places these marks from their ranges' boxes now: every box read first, then every style written. */
  function layout(placing: Mark[], fresh = false): void {
    if (!container) return;
    if (!fresh) {
      scrolledAt = { x: scrollX, y: scrollY };
      container.style.transform = '';
    }
    const width = document.documentElement.clientWidth || innerWidth;
    const height = innerHeight;
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
        if (last.right < box.left || last.left > box.right || last.bottom < box.top || last.top > box.bottom) return null;
      }
      // Marks far outside the viewport are placed too (the page may scroll to them), but not drawn.
      if (x > width + 2000 || y > height + 4000 || x < -2000 || y < -4000) return null;
      // In page coordinates; written relative to where the page was at the last full placing.
      return { x: x + scrollX, y: y + scrollY };
    });
    // Text that is not shown (hidden, transparent) gets no mark; checked after the boxes, in one go.
    const shown = placing.map((mark, i) => !!places[i] && isShown(mark.element));
    placing.forEach((mark, i) => {
      const place = places[i];
      if (!place || !shown[i]) {
        mark.button.hidden = true;
        return;
      }
      mark.button.hidden = false;
      mark.button.style.transform = `translate(${Math.round(place.x - scrolledAt.x)}px,${Math.round(place.y - scrolledAt.y)}px)`;
    });
  }

  function removeMarks(list: Mark[] | undefined): void {
    for (const mark of list ?? []) {
      mark.range.detach?.();
      mark.button.remove();
    }
  }

  return {
    draw(found) {
      if (found.length === 0) return;
      const parent = ensureLayer();
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
        const button = document.createElement('button');
        button.type = 'button';
        button.setAttribute('aria-label', options.label(known));
        button.title = options.label(known);
        if (known.color) button.style.setProperty('--c', known.color);
        button.addEventListener('mousedown', (event) => event.preventDefault());
        button.addEventListener('click', (event) => {
          if (!event.isTrusted || !range.startContainer.isConnected) return;
          options.onOpen(value, () => Array.from(range.getClientRects()), element, event.detail === 0);
        });
        const mark = { range, node, value, button, element };
        existing.push(mark);
        marks.set(node, existing);
        added.push(mark);
      }
      if (added.length === 0) return;
      layout(added, true);
      parent.append(...added.map((mark) => mark.button));
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

function isShown(element: Element): boolean {
  const check = (element as Element & { checkVisibility?(options: object): boolean }).checkVisibility;
  if (check && !check.call(element, { opacityProperty: true, visibilityProperty: true })) return false;
  return true;
}

/**
 * What the user has selected, wherever it is: in an `<input>` or `<textarea>` (whose text the
 * page's Selection does not hold: it is read from selectionStart/End), in a contenteditable
 * editor, in an open shadow root (`Selection.getComposedRanges`, or `ShadowRoot.getSelection` in
 * older Chromium), or in plain text split across inline elements (`Selection.toString` joins
 * it as it is shown). Also whether that text is visible at all: zero-size, transparent,
 * off-screen or covered text is never looked up.
 *
 * Runs only after a selecting gesture, never at page load.
 */
import type { Caret, Ends } from './gesture';

export interface Picked {
  text: string;
  /** The element that shows the selected text. */
  element: Element;
  /** The selection's boxes now, in viewport coordinates (a field's own box for a field). */
  boxes(): DOMRect[];
  /** Equal for the same selection read twice. */
  key: string;
  /** Where the selection starts and ends; none in a form field, whose text the page's selection does not hold. */
  ends?: Ends;
}

type TextField = HTMLInputElement | HTMLTextAreaElement;
/** Input types whose text can be selected. */
const TEXT_INPUT = /^(?:text|search|email|tel|url)$/;

function asTextField(element: Element | null): TextField | null {
  if (!element) return null;
  if (element.localName === 'textarea') return element as HTMLTextAreaElement;
  return element.localName === 'input' && TEXT_INPUT.test((element as HTMLInputElement).type)
    ? (element as HTMLInputElement)
    : null;
}

/** The focused element, inside open shadow roots too. */
export function focusedElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** The open shadow roots that hold `node`, innermost first. */
export function shadowRootsAround(node: Node | null): ShadowRoot[] {
  const roots: ShadowRoot[] = [];
  for (let root = node?.getRootNode(); root instanceof ShadowRoot; root = root.host.getRootNode()) roots.push(root);
  return roots;
}

function fieldSelection(field: TextField): Picked | null {
  let start: number | null = null;
  let end: number | null = null;
  try {
    start = field.selectionStart;
    end = field.selectionEnd;
  } catch {
    // Some input types throw instead of answering null.
  }
  // Email fields keep no selection offsets; both browsers still report their selected text.
  const text =
    start !== null && end !== null ? field.value.slice(start, end) : (document.getSelection()?.toString() ?? '');
  if (!text.trim()) return null;
  return { text, element: field, boxes: () => [field.getBoundingClientRect()], key: `${start}:${end}:${text}` };
}

/** The selection's range with its real ends, also inside the shadow roots given. */
function rangeOf(selection: Selection, roots: ShadowRoot[]): Range | null {
  if (roots.length > 0) {
    try {
      // Not in every browser yet (Chromium 137, Firefox 142).
      const [composed] =
        (selection.getComposedRanges as Selection['getComposedRanges'] | undefined)?.({ shadowRoots: roots }) ?? [];
      if (composed && !composed.collapsed) {
        const range = document.createRange();
        range.setStart(composed.startContainer, composed.startOffset);
        range.setEnd(composed.endContainer, composed.endOffset);
        if (!range.collapsed) return range;
      }
    } catch {
      // An older form of the call; the shadow root's own selection below serves.
    }
    const inner = (roots[0] as ShadowRoot & { getSelection?(): Selection | null }).getSelection?.();
    if (inner && inner.rangeCount > 0 && !inner.isCollapsed) return inner.getRangeAt(0);
  }
  return selection.rangeCount > 0 ? selection.getRangeAt(0) : null;
}

/**
 * The selection the user is looking at. `near` is where the gesture happened (the event's
 * innermost target, or the focused element), which tells in which shadow roots to look.
 */
export function readSelection(near: Node | null): Picked | null {
  const field = asTextField(focusedElement());
  if (field) return fieldSelection(field);
  const selection = document.getSelection();
  if (!selection) return null;
  // Joined as shown: text split across <b>, <span>… reads as one, hidden elements drop out.
  const text = selection.toString();
  if (!text.trim()) return null;
  const range = rangeOf(selection, shadowRootsAround(near));
  if (!range) return null;
  const container = range.commonAncestorContainer;
  const element = container instanceof Element ? container : container.parentElement;
  if (!element) return null;
  const key = [
    text,
    range.startOffset,
    range.endOffset,
    range.startContainer.nodeName,
    range.endContainer.nodeName,
  ].join('\u0000');
  return {
    text,
    element,
    boxes: () => Array.from(range.getClientRects()),
    key: `${key}\u0000${range.startContainer === range.endContainer}`,
    ends: range,
  };
}

/** The caret under a point of the viewport, also inside the open shadow roots given. */
export function caretAt(x: number, y: number, shadowRoots: ShadowRoot[]): Caret | null {
  if (typeof document.caretPositionFromPoint === 'function') {
    const position = document.caretPositionFromPoint(x, y, { shadowRoots });
    return position && { node: position.offsetNode, offset: position.offset };
  }
  // Chromium before 128.
  const range = document.caretRangeFromPoint(x, y);
  return range && { node: range.startContainer, offset: range.startOffset };
}

/** The same selection (same element, same place, same text) read twice. */
export function sameSelection(a: Picked | null, b: Picked | null): boolean {
  return !!a && !!b && a.element === b.element && a.key === b.key;
}

const isTransparent = (color: string): boolean =>
  color === 'transparent' || /^rgba\(.*,\s*0(?:\.0*)?\)$/.test(color) || /\/\s*0(?:\.0*)?\)$/.test(color);

/**
 * Whether the browser renders the element's content at all: not `display: none` inside, not
 * `visibility: hidden`, not fully transparent (`checkVisibility`, where there is one).
 */
export function rendered(element: Element): boolean {
  const check = (element as Element & { checkVisibility?(options: object): boolean }).checkVisibility;
  return !check || check.call(element, { opacityProperty: true, visibilityProperty: true });
}

/**
 * Whether the selected text can be seen: it has a size, is at least partly on screen, is not
 * transparent, hidden or clipped away, and what shows at its place is the text itself.
 */
export function looksVisible(picked: Picked): boolean {
  const width = document.documentElement.clientWidth || innerWidth;
  const height = innerHeight;
  const boxes = picked
    .boxes()
    .filter(
      (box) =>
        box.width >= 2 && box.height >= 4 && box.right > 0 && box.bottom > 0 && box.left < width && box.top < height,
    );
  if (boxes.length === 0) return false;
  const { element } = picked;
  if (!rendered(element)) return false;
  const style = getComputedStyle(element);
  if (parseFloat(style.fontSize) < 6 || isTransparent(style.color)) return false;
  if (isTransparent(style.getPropertyValue('-webkit-text-fill-color') || style.color)) return false;
  // Text clipped into a 1-pixel box, or under something else, is not what shows there.
  const root = element.getRootNode() as Document | ShadowRoot;
  return boxes.slice(0, 3).some((box) => {
    const x = Math.min(Math.max(box.left + box.width / 2, 0), width - 1);
    const y = Math.min(Math.max(box.top + box.height / 2, 0), height - 1);
    const shown = root.elementFromPoint?.(x, y) ?? document.elementFromPoint(x, y);
    return !!shown && (shown === element || element.contains(shown) || shown.contains(element));
  });
}

/** Where `caret` is in the selected text, as an offset in `picked.text`; undefined when it is not in the selection. */
export function offsetInSelection(picked: Picked, caret: Caret | null): number | undefined {
  if (!caret || !picked.ends) return undefined;
  const range = document.createRange();
  try {
    range.setStart(picked.ends.startContainer, picked.ends.startOffset);
    range.setEnd(caret.node, caret.offset);
  } catch {
    // The caret is in another document or shadow tree than the selection.
    return undefined;
  }
  return range.collapsed && caret.node !== picked.ends.startContainer ? undefined : range.toString().length;
}

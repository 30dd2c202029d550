/**
 * Which input made a selection, and whether that input can have made it: a lookup starts only for
 * a selection the user's own gesture made, never for one a page script set during a click.
 *
 * - Mouse: a drag, or a double or triple click, released on or next to the selected text. A plain
 *   click never selects text, so it never starts a lookup, whatever the page selects meanwhile.
 *   A drag's selection must start where the button went down and end where it came up (or the
 *   other way round); a double or triple click's must hold the place clicked. So a page that
 *   moves the selection during the gesture, to text of its choosing near the pointer, gets none.
 * - Keyboard: Shift with an arrow, Home, End, Page Up or Page Down; or select-all in a focused
 *   field. The lookup waits for the gesture to end (Shift released), so a number is not looked
 *   up digit by digit while the selection grows.
 */
export interface Point {
  x: number;
  y: number;
}

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Movement between press and release that makes a drag rather than a click, in CSS pixels. */
export const DRAG_DISTANCE = 4;
/**
 * How far from the selected text a drag may end: a little above or below its line, and along the
 * line past its end, where people often let go.
 */
export const NEAR_ALONG = 160;
export const NEAR_ACROSS = 12;
/** A double or triple click lands on the word or line it selects. */
const ON_TEXT = 4;

export type MouseGesture = 'drag' | 'double' | 'triple';

/** What a press and a release of the primary button were, when they can have selected text. */
export function mouseGesture(down: Point, up: Point, detail: number): MouseGesture | null {
  if (detail >= 3) return 'triple';
  if (detail === 2) return 'double';
  return Math.hypot(up.x - down.x, up.y - down.y) >= DRAG_DISTANCE ? 'drag' : null;
}

/** Whether the release point lies on or next to one of the selection's boxes. */
export function releasedOnSelection(up: Point, boxes: readonly Box[], gesture: MouseGesture): boolean {
  const along = gesture === 'drag' ? NEAR_ALONG : ON_TEXT;
  const across = gesture === 'drag' ? NEAR_ACROSS : ON_TEXT;
  return boxes.some(
    (box) =>
      box.right > box.left &&
      box.bottom > box.top &&
      up.x >= box.left - along &&
      up.x <= box.right + along &&
      up.y >= box.top - across &&
      up.y <= box.bottom + across,
  );
}

/** A place between two characters: where the caret under the pointer was (caretPositionFromPoint). */
export interface Caret {
  node: Node;
  offset: number;
}

/** A selection's two ends in document order, as a Range or a StaticRange holds them. */
export interface Ends {
  startContainer: Node;
  startOffset: number;
  endContainer: Node;
  endOffset: number;
}

/** Where the primary button went down: the caret under it, and the element pressed. */
export interface Press {
  caret: Caret | null;
  target: Node | null;
}

/** A new Range in the document of `node`. */
const rangeIn = (node: Node): Range => (node.ownerDocument ?? (node as Document)).createRange();

/** The text between two places, in either order; null when they are not in one tree. */
function textBetween(a: Caret, b: Caret): string | null {
  if (a.node.getRootNode() !== b.node.getRootNode()) return null;
  const range = rangeIn(a.node);
  try {
    range.setStart(a.node, a.offset);
    const [from, to] = range.comparePoint(b.node, b.offset) < 0 ? [b, a] : [a, b];
    range.setStart(from.node, from.offset);
    range.setEnd(to.node, to.offset);
    return range.toString();
  } catch {
    // An offset past a node's end.
    return null;
  }
}

/**
 * Whether an end of a selection is where the caret was: only white space apart (a drag released
 * past the end of a line), or within one word of the same text node (browsers snap the caret to
 * a character's nearer edge). Never a word or an element away: text of the page's choosing
 * right next to the pointer, glued on or not, is not where the user's drag ended.
 */
function endIsAt(caret: Caret, node: Node, offset: number): boolean {
  const between = textBetween(caret, { node, offset });
  if (between === null) return false;
  return between.trim() === '' || (caret.node === node && !/\s/.test(between));
}

/** Whether a place lies within a selection, its ends included. */
function holds(ends: Ends, caret: Caret): boolean {
  if (ends.startContainer.getRootNode() !== caret.node.getRootNode()) return false;
  const range = rangeIn(ends.startContainer);
  try {
    range.setStart(ends.startContainer, ends.startOffset);
    range.setEnd(ends.endContainer, ends.endOffset);
    return range.isPointInRange(caret.node, caret.offset);
  } catch {
    return false;
  }
}

/**
 * Whether the mouse made this selection: a drag's runs from the caret at the press to the caret
 * at the release (either way round); a double or triple click's holds both. A selection with no
 * `ends` is in a form field (whose text the page's selection does not hold): it must be the
 * field pressed.
 */
export function madeByMouse(
  selection: { element: Element; ends?: Ends },
  gesture: MouseGesture,
  press: Press,
  release: Caret | null,
): boolean {
  const { ends, element } = selection;
  if (!ends) return !!press.target && (element === press.target || element.contains(press.target));
  const down = press.caret;
  if (!down || !release) return false;
  if (gesture !== 'drag') return holds(ends, down) && holds(ends, release);
  const startsAt = (caret: Caret) => endIsAt(caret, ends.startContainer, ends.startOffset);
  const stopsAt = (caret: Caret) => endIsAt(caret, ends.endContainer, ends.endOffset);
  return (startsAt(down) && stopsAt(release)) || (startsAt(release) && stopsAt(down));
}

export interface KeyLike {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

export type KeyGesture = 'extend' | 'all';

const EXTENDING_KEYS = /^(?:Arrow(?:Left|Right|Up|Down)|Home|End|PageUp|PageDown)$/;

/** Whether this key press selects text: Shift with a movement key, or Ctrl/⌘+A. */
export function keyGesture(event: KeyLike): KeyGesture | null {
  if (event.shiftKey && !event.altKey && EXTENDING_KEYS.test(event.key)) return 'extend';
  if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'a')
    return 'all';
  return null;
}

/** Whether releasing this key ends a keyboard selection of this kind. */
export function endsKeyGesture(gesture: KeyGesture, key: string): boolean {
  return gesture === 'extend' ? key === 'Shift' : key === 'a' || key === 'A' || key === 'Control' || key === 'Meta';
}

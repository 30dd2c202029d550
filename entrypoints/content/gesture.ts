/**
 * Which input made a selection, and whether that input can have made it: a lookup starts only for
 * a selection the user's own gesture made, never for one a page script set during a click.
 *
 * - Mouse: a drag, or a double or triple click, released on or next to the selected text. A plain
 *   click never selects text, so it never starts a lookup, whatever the page selects meanwhile.
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

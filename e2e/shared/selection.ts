// Where to press and release the mouse to select a piece of text with a real drag. Runs inside
// the web page (passed to the driver's evaluate), so it must stay self-contained.

export interface Point {
  x: number;
  y: number;
}

export interface DragPath {
  from: Point;
  to: Point;
}

/**
 * Finds the first text node that contains `needle`, scrolls it into view, and returns a point a
 * quarter into its first character and a point a quarter before the end of its last one (viewport
 * CSS pixels). A drag between them selects exactly `needle`: the caret snaps to the nearer edge of
 * the character under the pointer. Returns null when the page has no such text.
 */
export function dragPathTo(needle: string): DragPath | null {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const index = (node.nodeValue ?? '').indexOf(needle);
    if (index < 0) continue;
    node.parentElement?.scrollIntoView({ block: 'center', inline: 'center' });
    const range = document.createRange();
    range.setStart(node, index);
    range.setEnd(node, index + 1);
    const first = range.getBoundingClientRect();
    range.setStart(node, index + needle.length - 1);
    range.setEnd(node, index + needle.length);
    const last = range.getBoundingClientRect();
    return {
      from: { x: first.left + first.width / 4, y: first.top + first.height / 2 },
      to: { x: last.right - last.width / 4, y: last.top + last.height / 2 },
    };
  }
  return null;
}

/** What the page reports as selected (runs inside the page). */
export function selectedText(): string {
  return document.getSelection()?.toString() ?? '';
}

/** Steps of the pointer between press and release, so the page sees a drag and not a jump. */
export const DRAG_STEPS = 12;

/** A point in the top-left margin of the test pages, where a click selects nothing. */
export const BLANK_SPOT: Point = { x: 8, y: 8 };

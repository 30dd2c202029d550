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
 * Finds the first occurrence of `needle` in the page's text, also when it is split across inline
 * elements (`<b>+1 (415)</b> <i>555-0134</i>`) or inside open shadow roots, scrolls it into view,
 * and returns a point a quarter into its first character and a point a quarter before the end of
 * its last one (viewport CSS pixels). A drag between them selects exactly `needle`: the caret
 * snaps to the nearer edge of the character under the pointer. Returns null when the page has no
 * such text.
 */
export function dragPathTo(needle: string): DragPath | null {
  // Each document or open shadow root's text nodes, in order; a needle may span several of them.
  const roots: Array<Document | ShadowRoot> = [document];
  for (let at = 0; at < roots.length; at += 1) {
    const walker = document.createTreeWalker(roots[at]!, NodeFilter.SHOW_ELEMENT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const shadow = (node as Element).shadowRoot;
      if (shadow) roots.push(shadow);
    }
  }
  for (const root of roots) {
    const texts: Text[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if ((node.parentElement?.closest('script, style, head') ?? null) === null) texts.push(node as Text);
    }
    const joined = texts.map((text) => text.data).join('');
    const index = joined.indexOf(needle);
    if (index < 0) continue;
    /** The text node and offset of character `at` of the joined text. */
    const locate = (at: number): [Text, number] => {
      let start = 0;
      for (const text of texts) {
        if (at < start + text.data.length) return [text, at - start];
        start += text.data.length;
      }
      const last = texts[texts.length - 1]!;
      return [last, last.data.length];
    };
    const [firstNode, firstOffset] = locate(index);
    const [lastNode, lastOffset] = locate(index + needle.length - 1);
    firstNode.parentElement?.scrollIntoView({ block: 'center', inline: 'center' });
    const range = document.createRange();
    range.setStart(firstNode, firstOffset);
    range.setEnd(firstNode, firstOffset + 1);
    const first = range.getBoundingClientRect();
    range.setStart(lastNode, lastOffset);
    range.setEnd(lastNode, lastOffset + 1);
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

/**
 * Resolves after the document has drawn two frames: a scroll or a layout change made just before
 * (`dragPathTo` scrolls the text into view) has reached the screen, and so the browser's own hit
 * testing, which places a press in a frame of another site by what was last drawn.
 */
export function afterTwoFrames(): Promise<void> {
  // A frame the browser does not draw (off screen, or its tab behind another) gets no animation
  // frames: at most 250 ms then.
  return new Promise((resolve) => {
    setTimeout(resolve, 250);
    requestAnimationFrame(() => requestAnimationFrame(() => resolve()));
  });
}

/** A point in the top-left margin of the test pages, where a click selects nothing. */
export const BLANK_SPOT: Point = { x: 8, y: 8 };

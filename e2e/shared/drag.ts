// A real mouse drag over a piece of text, written once over the tab driver (the cases' web pages
// and the screenshots both select text this way), in the page or in one of its frames.
import type { FrameDriver, TabDriver } from '../pages/driver.ts';
import {
  afterTwoFrames,
  BLANK_SPOT,
  DRAG_STEPS,
  dragPathTo,
  selectedText,
  type DragPath,
  type Point,
} from './selection.ts';

/** What the drag needs of a tab: its mouse, and the page to run `dragPathTo` and `selectedText` in. */
export type DragDriver = Pick<TabDriver, 'bringToFront' | 'mouse' | 'mainFrame'>;

/** A frame of the page, and where its viewport's top-left corner is in the tab's. */
export interface FrameAt {
  frame: FrameDriver;
  origin: Point;
}

/**
 * Where `text` is, once two drawn frames have not moved it: a press made before the page has
 * drawn the scroll that brought the text into view can land where the text was (seen once in a
 * loaded CI run, a drag in another site's frame that selected its line from the start).
 */
async function settledPath(frame: FrameDriver, text: string): Promise<DragPath | null> {
  let path = await frame.evaluate(dragPathTo, text);
  for (let tries = 0; path && tries < 5; tries += 1) {
    await frame.evaluate(afterTwoFrames, undefined);
    const again = await frame.evaluate(dragPathTo, text);
    if (again && JSON.stringify(again) === JSON.stringify(path)) return again;
    path = again;
  }
  return path;
}

/**
 * Selects the first occurrence of `text` with a press, a drag and a release, and returns what the
 * page (or the frame given) then reports as selected.
 */
export async function dragSelectText(
  tab: DragDriver,
  text: string,
  description: string,
  within: FrameAt = { frame: tab.mainFrame, origin: { x: 0, y: 0 } },
): Promise<string> {
  await tab.bringToFront();
  const { frame, origin } = within;
  const path = await settledPath(frame, text);
  if (!path) throw new Error(`The ${description} has no text "${text}" to select.`);
  const { mouse } = tab;
  // Pressing on text that is already selected would drag it away instead of selecting anew:
  // click a blank spot first (the pages' margin), as a user does.
  if (await frame.evaluate(selectedText, undefined))
    await mouse.click(origin.x + BLANK_SPOT.x, origin.y + BLANK_SPOT.y);
  await mouse.move(origin.x + path.from.x, origin.y + path.from.y);
  await mouse.down();
  await mouse.move(origin.x + path.to.x, origin.y + path.to.y, DRAG_STEPS);
  await mouse.up();
  return frame.evaluate(selectedText, undefined);
}

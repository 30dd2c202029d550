// A real mouse drag over a piece of text, written once over the tab driver (the cases' web pages
// and the screenshots both select text this way).
import type { TabDriver } from '../pages/driver.ts';
import { BLANK_SPOT, DRAG_STEPS, dragPathTo, selectedText } from './selection.ts';

/** What the drag needs of a tab: its mouse, and the page to run `dragPathTo` and `selectedText` in. */
export type DragDriver = Pick<TabDriver, 'bringToFront' | 'mouse' | 'mainFrame'>;

/**
 * Selects the first occurrence of `text` with a press, a drag and a release, and returns what the
 * page then reports as selected.
 */
export async function dragSelectText(tab: DragDriver, text: string, description: string): Promise<string> {
  await tab.bringToFront();
  const path = await tab.mainFrame.evaluate(dragPathTo, text);
  if (!path) throw new Error(`The ${description} has no text "${text}" to select.`);
  const { mouse } = tab;
  // Pressing on text that is already selected would drag it away instead of selecting anew:
  // click a blank spot first (the pages' margin), as a user does.
  if (await tab.mainFrame.evaluate(selectedText, undefined)) await mouse.click(BLANK_SPOT.x, BLANK_SPOT.y);
  await mouse.move(path.from.x, path.from.y);
  await mouse.down();
  await mouse.move(path.to.x, path.to.y, DRAG_STEPS);
  await mouse.up();
  return tab.mainFrame.evaluate(selectedText, undefined);
}

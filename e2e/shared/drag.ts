// A real mouse drag over a piece of text, written once for both drivers: playwright-core's and
// puppeteer-core's pages both offer what `DragDriver` asks for.
import { BLANK_SPOT, DRAG_STEPS, dragPathTo, selectedText, type DragPath } from './selection.ts';

interface Mouse {
  move(x: number, y: number, options?: { steps?: number }): Promise<unknown>;
  down(): Promise<unknown>;
  up(): Promise<unknown>;
  click(x: number, y: number): Promise<unknown>;
}

/** A tab as the drag needs it. */
export interface DragDriver {
  bringToFront(): Promise<unknown>;
  mouse: Mouse;
  /** Runs `dragPathTo` in the page. */
  pathTo(text: string): Promise<DragPath | null>;
  /** Runs `selectedText` in the page. */
  selection(): Promise<string>;
}

/**
 * Selects the first occurrence of `text` with a press, a drag and a release, and returns what the
 * page then reports as selected.
 */
export async function dragSelectText(driver: DragDriver, text: string, description: string): Promise<string> {
  await driver.bringToFront();
  const path = await driver.pathTo(text);
  if (!path) throw new Error(`The ${description} has no text "${text}" to select.`);
  const { mouse } = driver;
  // Pressing on text that is already selected would drag it away instead of selecting anew:
  // click a blank spot first (the pages' margin), as a user does.
  if (await driver.selection()) await mouse.click(BLANK_SPOT.x, BLANK_SPOT.y);
  await mouse.move(path.from.x, path.from.y);
  await mouse.down();
  await mouse.move(path.to.x, path.to.y, { steps: DRAG_STEPS });
  await mouse.up();
  return driver.selection();
}

export { dragPathTo, selectedText };

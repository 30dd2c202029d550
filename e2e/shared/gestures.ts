// Real mouse and keyboard gestures other than a drag, written once over the tab driver: selecting
// inside a form field with the keyboard, select-all, a triple click and a plain click.
import type { TabDriver } from '../pages/driver.ts';
import { fieldSelectedText, fieldTarget, textPoint } from './in-page-reach.ts';
import { selectedText } from './selection.ts';

async function focusField(tab: TabDriver, selector: string, text: string, description: string): Promise<number> {
  await tab.bringToFront();
  const target = await tab.mainFrame.evaluate(fieldTarget, [selector, text] as [string, string]);
  if (!target || target.index < 0) throw new Error(`The ${description} has no field ${selector} holding "${text}".`);
  await tab.mouse.click(target.x, target.y);
  return target.index;
}

/** Clicks into the field, moves the caret before `text` and selects it with Shift+ArrowRight. */
export async function keyboardSelectInField(
  tab: TabDriver,
  selector: string,
  text: string,
  description: string,
): Promise<string> {
  const index = await focusField(tab, selector, text, description);
  await tab.keyboard.down(tab.commandKey);
  await tab.keyboard.press('Home');
  await tab.keyboard.up(tab.commandKey);
  for (let i = 0; i < index; i += 1) await tab.keyboard.press('ArrowRight');
  await tab.keyboard.down('Shift');
  for (let i = 0; i < text.length; i += 1) await tab.keyboard.press('ArrowRight');
  await tab.keyboard.up('Shift');
  return tab.mainFrame.evaluate(fieldSelectedText, selector);
}

/** Clicks into the field and selects all of it with Ctrl/⌘+A. */
export async function selectAllInField(tab: TabDriver, selector: string, description: string): Promise<string> {
  await focusField(tab, selector, '', description);
  await tab.keyboard.down(tab.commandKey);
  await tab.keyboard.press('a');
  await tab.keyboard.up(tab.commandKey);
  return tab.mainFrame.evaluate(fieldSelectedText, selector);
}

async function pointAt(tab: TabDriver, text: string, description: string) {
  await tab.bringToFront();
  const point = await tab.mainFrame.evaluate(textPoint, text);
  if (!point) throw new Error(`The ${description} has no text "${text}".`);
  return point;
}

/** Three quick clicks in the middle of `text`, which select its whole line. */
export async function tripleClick(tab: TabDriver, text: string, description: string): Promise<string> {
  const point = await pointAt(tab, text, description);
  await tab.mouse.click(point.x, point.y, 3);
  return tab.mainFrame.evaluate(selectedText, undefined);
}

/** One plain click in the middle of `text`, which selects nothing. */
export async function clickOn(tab: TabDriver, text: string, description: string): Promise<void> {
  const point = await pointAt(tab, text, description);
  await tab.mouse.click(point.x, point.y);
}

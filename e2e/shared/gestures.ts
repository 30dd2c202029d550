// Real mouse and keyboard gestures other than a drag, written once for both drivers: selecting
// inside a form field with the keyboard, select-all, a triple click and a plain click.
import { fieldSelectedText, fieldTarget, textPoint } from './in-page-reach.ts';
import { selectedText } from './selection.ts';

/** A tab as these gestures need it; each driver's page object supplies it. */
export interface GestureDriver {
  bringToFront(): Promise<unknown>;
  click(x: number, y: number, count?: number): Promise<unknown>;
  press(key: string): Promise<unknown>;
  down(key: string): Promise<unknown>;
  up(key: string): Promise<unknown>;
  /** Runs one of the in-page functions with one argument. */
  run<A, R>(fn: (arg: A) => R, arg: A): Promise<R>;
  /** "Meta" on macOS, "Control" elsewhere. */
  commandKey: string;
}

async function focusField(driver: GestureDriver, selector: string, text: string, description: string): Promise<number> {
  await driver.bringToFront();
  const target = await driver.run(fieldTarget, [selector, text] as [string, string]);
  if (!target || target.index < 0) throw new Error(`The ${description} has no field ${selector} holding "${text}".`);
  await driver.click(target.x, target.y);
  return target.index;
}

/** Clicks into the field, moves the caret before `text` and selects it with Shift+ArrowRight. */
export async function keyboardSelectInField(
  driver: GestureDriver,
  selector: string,
  text: string,
  description: string,
): Promise<string> {
  const index = await focusField(driver, selector, text, description);
  await driver.down(driver.commandKey);
  await driver.press('Home');
  await driver.up(driver.commandKey);
  for (let i = 0; i < index; i += 1) await driver.press('ArrowRight');
  await driver.down('Shift');
  for (let i = 0; i < text.length; i += 1) await driver.press('ArrowRight');
  await driver.up('Shift');
  return driver.run(fieldSelectedText, selector);
}

/** Clicks into the field and selects all of it with Ctrl/⌘+A. */
export async function selectAllInField(driver: GestureDriver, selector: string, description: string): Promise<string> {
  await focusField(driver, selector, '', description);
  await driver.down(driver.commandKey);
  await driver.press('a');
  await driver.up(driver.commandKey);
  return driver.run(fieldSelectedText, selector);
}

async function pointAt(driver: GestureDriver, text: string, description: string) {
  await driver.bringToFront();
  const point = await driver.run(textPoint, text);
  if (!point) throw new Error(`The ${description} has no text "${text}".`);
  return point;
}

/** Three quick clicks in the middle of `text`, which select its whole line. */
export async function tripleClick(driver: GestureDriver, text: string, description: string): Promise<string> {
  const point = await pointAt(driver, text, description);
  await driver.click(point.x, point.y, 3);
  return driver.run(selectedText, undefined);
}

/** One plain click in the middle of `text`, which selects nothing. */
export async function clickOn(driver: GestureDriver, text: string, description: string): Promise<void> {
  const point = await pointAt(driver, text, description);
  await driver.click(point.x, point.y);
}

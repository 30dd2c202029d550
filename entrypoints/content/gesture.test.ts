// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import {
  endsKeyGesture,
  keyGesture,
  madeByMouse,
  mouseGesture,
  releasedOnSelection,
  type Box,
  type Caret,
  type Ends,
  type KeyLike,
} from './gesture';

describe('which mouse input can have selected text', () => {
  it.each<[what: string, down: [number, number], up: [number, number], detail: number, gesture: string | null]>([
    ['a plain click', [100, 100], [100, 100], 1, null],
    ['a click that wobbled a pixel', [100, 100], [102, 101], 1, null],
    ['a drag along a line', [100, 100], [260, 102], 1, 'drag'],
    ['a short drag over two characters', [100, 100], [104, 100], 1, 'drag'],
    ['a double click', [100, 100], [100, 100], 2, 'double'],
    ['a triple click', [100, 100], [100, 100], 3, 'triple'],
    ['a fourth click in a row', [100, 100], [100, 100], 4, 'triple'],
  ])('%s → %s', (_what, down, up, detail, gesture) => {
    expect(mouseGesture({ x: down[0], y: down[1] }, { x: up[0], y: up[1] }, detail)).toBe(gesture);
  });
});

describe('a selection must lie where the pointer was released', () => {
  const line: Box = { left: 200, top: 100, right: 380, bottom: 124 };
  it.each<[what: string, up: [number, number], gesture: 'drag' | 'double' | 'triple', near: boolean]>([
    ['a drag released on the text', [370, 112], 'drag', true],
    ['a drag released just past the end of the line', [480, 112], 'drag', true],
    ['a drag released a little below the line', [300, 132], 'drag', true],
    ['a drag released two lines further down', [300, 170], 'drag', false],
    ['a drag released far along the page', [900, 112], 'drag', false],
    ['a double click on the word', [300, 110], 'double', true],
    ['a double click beside the selection', [420, 110], 'double', false],
    ['a triple click on another line', [300, 300], 'triple', false],
  ])('%s: %s', (_what, up, gesture, near) => {
    expect(releasedOnSelection({ x: up[0], y: up[1] }, [line], gesture)).toBe(near);
  });

  it('never matches a selection with no size (hidden text)', () => {
    expect(releasedOnSelection({ x: 10, y: 10 }, [{ left: 10, top: 10, right: 10, bottom: 10 }], 'drag')).toBe(false);
    expect(releasedOnSelection({ x: 10, y: 10 }, [], 'double')).toBe(false);
  });
});

describe('a selection must be the one the mouse made, not one the page moved it to', () => {
  // <p>Call <b>+1 (415) 555-0134</b> today</p> <span>+49 30 12345678</span> (near-invisible text)
  let call: Text;
  let number: Text;
  let today: Text;
  let hidden: Text;
  let line: HTMLParagraphElement;
  beforeEach(() => {
    const make = (tag: string, ...children: Array<Node | string>) => {
      const element = document.createElement(tag);
      element.append(...children);
      return element;
    };
    call = document.createTextNode('Call ');
    number = document.createTextNode('+1 (415) 555-0134');
    today = document.createTextNode(' today');
    hidden = document.createTextNode('+49 30 12345678');
    line = make('p', call, make('b', number), today) as HTMLParagraphElement;
    document.body.replaceChildren(line, make('span', hidden));
  });
  const at = (node: Node, offset: number): Caret => ({ node, offset });
  const ends = (start: Caret, end: Caret): Ends => ({
    startContainer: start.node,
    startOffset: start.offset,
    endContainer: end.node,
    endOffset: end.offset,
  });
  const selection = (start: Caret, end: Caret) => ({ element: line, ends: ends(start, end) });
  const press = (caret: Caret | null) => ({ caret, target: caret?.node ?? null });

  it('accepts a drag from the press to the release, either way round', () => {
    const first = at(number, 0);
    const last = at(number, 17);
    expect(madeByMouse(selection(first, last), 'drag', press(first), last)).toBe(true);
    expect(madeByMouse(selection(first, last), 'drag', press(last), first)).toBe(true);
  });

  it('accepts a drag whose ends the browser put in the same text node as the pointer, or past white space', () => {
    // Released past the end of the line: the caret is after the paragraph's last child.
    expect(madeByMouse(selection(at(call, 5), at(today, 6)), 'drag', press(at(call, 4)), at(line, 3))).toBe(true);
    // The caret before <b>'s text and the selection's start inside it are one place.
    expect(madeByMouse(selection(at(number, 0), at(today, 3)), 'drag', press(at(line, 1)), at(today, 3))).toBe(true);
    // The caret snapped to the other edge of the character under the pointer, within the word.
    expect(madeByMouse(selection(at(number, 0), at(number, 17)), 'drag', press(at(number, 1)), at(number, 16))).toBe(
      true,
    );
  });

  it.each<[what: string, start: () => Caret, end: () => Caret]>([
    ["moved to the page's near-invisible number", () => at(hidden, 0), () => at(hidden, 15)],
    ['stretched from the press into that number', () => at(number, 0), () => at(hidden, 15)],
    ['moved to other text in the line', () => at(today, 1), () => at(today, 6)],
    ['started a word before the press', () => at(call, 0), () => at(number, 17)],
    ['started a word earlier in the same text', () => at(number, 3), () => at(number, 17)],
  ])('refuses a drag whose selection the page %s', (_what, start, end) => {
    expect(madeByMouse(selection(start(), end()), 'drag', press(at(number, 0)), at(number, 17))).toBe(false);
  });

  it('refuses a drag stretched into text glued on right after the release', () => {
    const glued = document.createTextNode('+14155550134');
    today.after(document.createElement('span'));
    (today.nextSibling as Element).append(glued);
    const released = at(today, 6);
    expect(madeByMouse(selection(at(number, 0), at(glued, 12)), 'drag', press(at(number, 0)), released)).toBe(false);
  });

  it('refuses a drag with no caret under the press or the release', () => {
    const whole = selection(at(number, 0), at(number, 17));
    expect(madeByMouse(whole, 'drag', press(null), at(number, 17))).toBe(false);
    expect(madeByMouse(whole, 'drag', press(at(number, 0)), null)).toBe(false);
  });

  it('refuses a selection in another shadow tree than the pointer', () => {
    const host = document.body.appendChild(document.createElement('div'));
    const inside = document.createTextNode('+49 30 12345678');
    host.attachShadow({ mode: 'open' }).append(inside);
    expect(madeByMouse(selection(at(inside, 0), at(inside, 15)), 'drag', press(at(number, 0)), at(number, 17))).toBe(
      false,
    );
  });

  it('accepts a double or triple click whose word or line holds the place clicked, and no other', () => {
    const click = at(number, 12);
    expect(madeByMouse(selection(at(number, 9), at(number, 17)), 'double', press(click), click)).toBe(true);
    expect(madeByMouse(selection(at(call, 0), at(today, 6)), 'triple', press(click), click)).toBe(true);
    expect(madeByMouse(selection(at(hidden, 0), at(hidden, 15)), 'double', press(click), click)).toBe(false);
    expect(madeByMouse(selection(at(hidden, 0), at(hidden, 15)), 'triple', press(click), click)).toBe(false);
  });

  it('accepts a selection in a form field only when that field was pressed', () => {
    const field = document.body.appendChild(document.createElement('input'));
    const other = document.body.appendChild(document.createElement('input'));
    const caret = at(document.body, 0);
    expect(madeByMouse({ element: field }, 'drag', { caret, target: field }, caret)).toBe(true);
    expect(madeByMouse({ element: other }, 'drag', { caret, target: field }, caret)).toBe(false);
  });
});

describe('which key presses select text', () => {
  const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({
    key: k,
    shiftKey: false,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    ...mods,
  });
  it.each<[what: string, event: KeyLike, gesture: string | null]>([
    ['Shift+ArrowRight', key('ArrowRight', { shiftKey: true }), 'extend'],
    ['Shift+End', key('End', { shiftKey: true }), 'extend'],
    ['Shift+Home', key('Home', { shiftKey: true }), 'extend'],
    ['Ctrl+Shift+ArrowLeft (a word at a time)', key('ArrowLeft', { shiftKey: true, ctrlKey: true }), 'extend'],
    ['Ctrl+A', key('a', { ctrlKey: true }), 'all'],
    ['⌘+A', key('a', { metaKey: true }), 'all'],
    ['a plain arrow', key('ArrowRight'), null],
    ['typing a capital letter', key('A', { shiftKey: true }), null],
    ['Shift alone', key('Shift', { shiftKey: true }), null],
    ['Alt+Shift+L (the shortcut)', key('L', { shiftKey: true, altKey: true }), null],
  ])('%s → %s', (_what, event, gesture) => {
    expect(keyGesture(event)).toBe(gesture);
  });

  it.each<[gesture: 'extend' | 'all', released: string, ends: boolean]>([
    ['extend', 'Shift', true],
    ['extend', 'ArrowRight', false],
    ['all', 'a', true],
    ['all', 'Control', true],
    ['all', 'Meta', true],
    ['all', 'Shift', false],
  ])('releasing %s selection with %s ends it: %s', (gesture, released, ends) => {
    expect(endsKeyGesture(gesture, released)).toBe(ends);
  });
});

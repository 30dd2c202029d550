import { describe, expect, it } from 'vitest';
import { endsKeyGesture, keyGesture, mouseGesture, releasedOnSelection, type Box, type KeyLike } from './gesture';

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

// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, actionForKey, enterMatches, typingInto } from './card-keys';

const press = (key: string, modifiers: Partial<KeyboardEvent> = {}) => ({
  key,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  ...modifiers,
});

/** Adds an element with these attributes and text to the page. */
function add(name: string, attributes: Record<string, string> = {}, text = ''): HTMLElement {
  const element = document.createElement(name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
  element.textContent = text;
  document.body.append(element);
  return element;
}

afterEach(() => {
  document.body.replaceChildren();
});

describe("the card's keys", () => {
  it.each([
    ['c', 'copyPhone'],
    ['C', 'copyPhone'],
    ['e', 'copyEmail'],
    ['o', 'openInMega'],
    ['a', 'addToMega'],
    ['n', 'notThisPerson'],
    ['x', null],
    ['Enter', null],
  ])('%s asks for %s', (key, action) => {
    expect(actionForKey(press(key))).toBe(action);
  });

  it.each([{ ctrlKey: true }, { metaKey: true }, { altKey: true }])(
    'a letter with %o is the browser’s, not the card’s',
    (modifier) => {
      expect(actionForKey(press('c', modifier))).toBeNull();
    },
  );

  it('leaves letters typed into a field or an editor alone', () => {
    const places = [add('input'), add('textarea'), add('select'), add('button')];
    expect(places.map(typingInto)).toEqual([true, true, true, false]);
  });

  it('acts through the control the key names, and none when the match shown has none', () => {
    const copy = add('button', { 'data-card-action': 'copyPhone', 'aria-label': 'Copy phone' });
    add('a', { 'data-card-action': 'openInMega', href: '#' }, 'Open');
    const clicked = vi.fn();
    copy.addEventListener('click', clicked);
    expect(act(document, 'copyPhone')?.getAttribute('aria-label')).toBe('Copy phone');
    expect(clicked).toHaveBeenCalledOnce();
    expect(act(document, 'copyEmail')).toBeNull();
  });

  it('moves from outside the matches to the current line with an arrow key', () => {
    add('button', { class: 'lead-row__summary', tabindex: '-1' }, 'Ana');
    add('button', { class: 'lead-row__summary', tabindex: '0' }, 'Jane');
    expect(enterMatches(document, 'ArrowDown')).toBe(true);
    expect(document.activeElement?.textContent).toBe('Jane');
    expect(enterMatches(document, 'Tab')).toBe(false);
  });
});

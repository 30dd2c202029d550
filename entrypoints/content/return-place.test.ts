// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { rememberPlace } from './return-place';

/** An element of the page with this text, and a button standing in for the card. */
function pageWith<K extends 'textarea' | 'div'>(name: K, text: string) {
  const element = document.createElement(name);
  element.textContent = text;
  const card = document.createElement('button');
  document.body.append(element, card);
  return { element, card };
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('going back to where the user was', () => {
  it('puts the focus and the selection back in a field, backwards as it was made', () => {
    const { element: notes, card } = pageWith('textarea', 'Call +1 415 555 0134 today');
    notes.focus();
    notes.setSelectionRange(5, 20, 'backward');
    const goBack = rememberPlace();
    card.focus();
    notes.setSelectionRange(0, 0);
    goBack();
    expect(document.activeElement).toBe(notes);
    expect([notes.selectionStart, notes.selectionEnd, notes.selectionDirection]).toEqual([5, 20, 'backward']);
  });

  it('puts the caret back in an editor', () => {
    const { element: editor, card } = pageWith('div', 'Call Jane today');
    editor.contentEditable = 'true';
    const text = editor.firstChild as Text;
    editor.focus();
    getSelection()?.collapse(text, 9);
    const goBack = rememberPlace();
    card.focus();
    getSelection()?.collapse(text, 0);
    goBack();
    expect(document.activeElement).toBe(editor);
    expect([getSelection()?.focusNode, getSelection()?.focusOffset]).toEqual([text, 9]);
  });
});

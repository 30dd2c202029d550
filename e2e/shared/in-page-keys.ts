// Functions that run inside a page or one of its frames for the keyboard cases (self-contained:
// each is sent as source). A place is a CSS selector, with `>>>` stepping into an open shadow root.
import type { PlaceNow } from './types.ts';

/** Focuses the editable place and puts the caret right before `text`, as a click there would; false when it has no `text`. */
export function caretBefore([place, text]: [string, string]): boolean {
  let root: Document | ShadowRoot = document;
  let element: HTMLElement | null = null;
  for (const part of place.split('>>>')) {
    element = root.querySelector<HTMLElement>(part.trim());
    if (!element) return false;
    root = element.shadowRoot ?? root;
  }
  if (!element) return false;
  element.scrollIntoView({ block: 'center' });
  element.focus();
  if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) {
    const index = element.value.indexOf(text);
    element.setSelectionRange(index, index);
    return index >= 0;
  }
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const index = (node.nodeValue ?? '').indexOf(text);
    if (index >= 0) {
      getSelection()?.collapse(node, index);
      return true;
    }
  }
  return false;
}

/** Where the user is in this document: whether it has focus, the focused place, and its selection. */
export function placeNow(): PlaceNow {
  let active = document.activeElement;
  const path: string[] = [];
  while (active) {
    path.push(active.id ? `#${active.id}` : active.localName);
    const inner: Element | null | undefined = active.shadowRoot?.activeElement;
    if (!inner) break;
    active = inner;
  }
  if (active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement) {
    const start = active.selectionStart ?? -1;
    const end = active.selectionEnd ?? -1;
    return {
      focused: document.hasFocus(),
      element: path.join(' >>> '),
      selected: active.value.slice(start, end),
      start,
      end,
    };
  }
  const root = active?.getRootNode() as (ShadowRoot & { getSelection?(): Selection | null }) | Document | undefined;
  const selection = (root && 'getSelection' in root && root.getSelection?.()) || getSelection();
  return {
    focused: document.hasFocus(),
    element: path.join(' >>> '),
    selected: selection?.toString() ?? '',
    start: selection?.anchorOffset ?? -1,
    end: selection?.focusOffset ?? -1,
  };
}

/**
 * Where the user was before moving into the card, to put them back exactly there when it closes:
 * the focused element (inside open shadow roots too; a frame's own element, whose document keeps
 * its focus and selection), and in it the selection with its direction: a field's offsets, or the
 * anchor and focus of the selection in an editor or the page.
 */
import { focusedElement, shadowRootsAround } from './read-selection';

type TextField = HTMLInputElement | HTMLTextAreaElement;

/** The selection that holds what is selected near `node`: an open shadow root's own in Chromium. */
function selectionNear(node: Node): Selection | null {
  const [root] = shadowRootsAround(node);
  return (root as (ShadowRoot & { getSelection?(): Selection | null }) | undefined)?.getSelection?.() ?? getSelection();
}

/** Remembers the place now; the function returned goes back to it. */
export function rememberPlace(): () => void {
  const element = focusedElement() as HTMLElement | null;
  const near = element ?? document.body;
  let field: [number, number, TextField['selectionDirection']] | null = null;
  if (element?.localName === 'input' || element?.localName === 'textarea') {
    try {
      const { selectionStart, selectionEnd, selectionDirection } = element as TextField;
      if (selectionStart !== null && selectionEnd !== null) field = [selectionStart, selectionEnd, selectionDirection];
    } catch {
      // Input types without a caret (checkbox, number) throw: focusing them again is all there is.
    }
  }
  const selection = selectionNear(near);
  const { anchorNode, anchorOffset, focusNode, focusOffset } = selection ?? {};
  return () => {
    element?.focus({ preventScroll: true });
    if (field) (element as TextField).setSelectionRange(field[0], field[1], field[2] ?? undefined);
    else if (anchorNode && focusNode)
      selectionNear(near)?.setBaseAndExtent(anchorNode, anchorOffset!, focusNode, focusOffset!);
  };
}

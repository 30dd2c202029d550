/**
 * The content script's own job: notice a selection the user made that can be a phone number or
 * an email, and ask the background for a lookup; the card it answers with is card-host.ts's.
 *
 * At page load it only registers DOM listeners: no extension API is touched, nothing is read,
 * posted or inserted. Messaging is set up on the first selection that can be looked up (or when
 * the background wakes the frame for the context menu or the shortcut, or, in a top frame, when
 * the user moves into one of its frames).
 */
import type { LookupSource } from '@/utils/protocol';
import { classifySelection, contactInLine } from '@/utils/selection-check';
import { OPEN_MARK_HOOK, type OpenMark } from '@/utils/marks';
import { WAKE_HOOK } from '@/utils/wake';
import { createCardHost } from './card-host';
import {
  endsKeyGesture,
  type Caret,
  keyGesture,
  madeByMouse,
  mouseGesture,
  releasedOnSelection,
  type KeyGesture,
  type MouseGesture,
  type Point,
  type Press,
} from './gesture';
import { createMessenger } from './messenger';
import { telLinkOf } from './tel-link';
import {
  caretAt,
  focusedElement,
  looksVisible,
  offsetInSelection,
  readSelection,
  sameSelection,
  shadowRootsAround,
  type Picked,
} from './read-selection';

export function startSelectionLookups(): void {
  // The card's frame takes the focus itself where the page cannot give it (Firefox).
  const card = createCardHost(() => void messenger.send('focusCard', undefined).catch(() => undefined));
  let pressed: (Point & Press) | undefined;
  let keys: { gesture: KeyGesture; focus: Element | null } | undefined;

  const messenger = createMessenger({
    showCard: (ticket) => {
      const picked = readSelection(focusedElement());
      card.show(ticket, picked && looksVisible(picked) ? picked : null, picked?.text ?? '', true);
      return Promise.resolve();
    },
    closeCard: ({ lookupId }) => {
      card.close(lookupId);
      return Promise.resolve();
    },
    lookupSelectionNow: () => {
      // Every frame of the tab hears the shortcut; only the focused one acts and answers (a
      // document whose focus is in a frame of its own hands over to that frame).
      const active = document.activeElement;
      if (!document.hasFocus() || active?.localName === 'iframe' || active?.localName === 'frame') return undefined;
      if (card.takeFocus()) return true;
      const picked = readSelection(focusedElement());
      // Nothing selected here (a page drawn on a canvas): the background reads the clipboard instead.
      if (!picked || !looksVisible(picked)) return false;
      void lookUp(picked, telLinkOf(picked.element, picked.text) ?? picked.text, 'shortcut');
      return true;
    },
    pageHost: () => (window === window.top ? `${location.protocol}//${location.hostname}` : undefined),
  });
  (globalThis as unknown as Record<string, unknown>)[WAKE_HOOK] = () => messenger.listen();
  // A known-lead mark was clicked (marks.ts runs in this same world, on sites where marks are on).
  const openMark: OpenMark = (value, boxes, anchor, byKeyboard) => {
    void lookUp({ text: value, element: anchor, boxes, key: `mark:${value}` }, value, 'mark', byKeyboard);
  };
  (globalThis as unknown as Record<string, unknown>)[OPEN_MARK_HOOK] = openMark;

  /** The small button by the selection was clicked: the lookup starts now. */
  function startOffered(lookupId: string, picked: Picked): void {
    void messenger
      .send('startLookup', { lookupId })
      .then((ticket) => ticket && card.show(ticket, picked, picked.text, false))
      .catch(() => undefined);
  }

  /** `focus`: the card takes the focus (the user asked from the keyboard). */
  async function lookUp(
    picked: Picked,
    text: string,
    source: LookupSource,
    focus = source === 'shortcut',
  ): Promise<void> {
    const reply = await messenger.send('prepareLookup', { text: text.trim().slice(0, 200), source }).catch(() => null);
    // The page changed the selection while the background answered: show nothing for it.
    if (source === 'selection' && !sameSelection(picked, readSelection(picked.element))) return;
    if (!reply || reply.action === 'ignore') card.close();
    else if (reply.action === 'offer') card.offer(reply.label, picked, () => startOffered(reply.lookupId, picked));
    else card.show(reply, picked, text, focus);
  }

  /** The selection a gesture just made, waiting for the page's own handlers of that input to run. */
  let pending:
    { made: Picked; accept: (picked: Picked) => boolean; wholeLine: boolean; pointer: Caret | null } | undefined;

  /**
   * After a selecting gesture: once the page's own handlers for it have run, the selection must
   * still be the one the gesture left, visible, and a phone number or an email (found inside the
   * line for a triple click). Runs from our bubbling listener, after the page's listeners for the
   * same event, or from a timer when the page stopped the event before it reached us.
   */
  function afterGesture(
    input: 'mouseup' | 'keyup',
    made: Picked | null,
    accept: (picked: Picked) => boolean,
    wholeLine: boolean,
    pointer: Caret | null = null,
  ): void {
    if (!made) return;
    const gesture = { made, accept, wholeLine, pointer };
    pending = gesture;
    // Added while this very event is on its way down, so it runs on its way back up.
    addEventListener(input, onInputDone, { once: true });
    setTimeout(() => settle(gesture), 0);
  }

  function settle(gesture: typeof pending): void {
    if (!gesture || pending !== gesture) return;
    pending = undefined;
    const { made, accept, wholeLine, pointer } = gesture;
    const picked = readSelection(made.element);
    if (!picked || !sameSelection(made, picked)) return;
    // A triple-clicked line sends only its contact: the one under the pointer where it holds several.
    const selected = wholeLine
      ? contactInLine(picked.text, offsetInSelection(picked, pointer))
      : classifySelection(picked.text)
        ? picked.text
        : null;
    const text = selected && (telLinkOf(picked.element, selected) ?? selected);
    if (!text) {
      card.close();
      return;
    }
    if (!accept(picked) || !looksVisible(picked)) return;
    // The same value again: the card moves to where it was selected now, with no new lookup.
    if (card.follow(text, picked)) return;
    void lookUp(picked, text, 'selection');
  }

  /** Our listener after the page's own: settles the gesture as soon as the page's handlers ran. */
  function onInputDone(): void {
    const gesture = pending;
    if (gesture) queueMicrotask(() => settle(gesture));
  }

  function onMouseDown(event: MouseEvent): void {
    if (!event.isTrusted || event.button !== 0) return;
    const target = event.composedPath()[0] as Node | null;
    // Where the caret was under the pointer, which no page script can move (the selection it can).
    const caret = caretAt(event.clientX, event.clientY, shadowRootsAround(target));
    pressed = { x: event.clientX, y: event.clientY, caret, target };
    // Outside the card and the button: both go (closing nothing shown does nothing).
    if (!card.holds(event.target)) card.close();
  }

  function onMouseUp(event: MouseEvent): void {
    const down = pressed;
    pressed = undefined;
    if (!event.isTrusted || event.button !== 0 || !down) return;
    if (card.holds(event.target)) return;
    const up = { x: event.clientX, y: event.clientY };
    const gesture: MouseGesture | null = mouseGesture(down, up, event.detail);
    if (!gesture) return;
    const target = event.composedPath()[0] as Node | null;
    const release = caretAt(up.x, up.y, [...shadowRootsAround(target), ...shadowRootsAround(down.target)]);
    const made = readSelection(target);
    afterGesture(
      'mouseup',
      made,
      (picked) => releasedOnSelection(up, picked.boxes(), gesture) && madeByMouse(picked, gesture, down, release),
      gesture === 'triple',
      down.caret,
    );
  }

  function onKeyDown(event: KeyboardEvent): void {
    if (!event.isTrusted) return;
    if (event.key === 'Escape') {
      card.close();
      return;
    }
    // The page heard the lookup shortcut's default, Alt+Shift+L (INTO_CARD_KEY), which the browser
    // did not take: it moves into the card all the same (`code` names the key on any layout; some
    // synthesized presses carry only the `key`).
    const intoCard =
      event.altKey &&
      event.shiftKey &&
      !event.ctrlKey &&
      !event.metaKey &&
      (event.code === 'KeyL' || event.key === 'L');
    if (intoCard && card.takeFocus()) {
      event.preventDefault();
      return;
    }
    const gesture = keyGesture(event);
    if (gesture) keys = { gesture, focus: focusedElement() };
  }

  function onKeyUp(event: KeyboardEvent): void {
    if (!event.isTrusted || !keys || !endsKeyGesture(keys.gesture, event.key)) return;
    const { gesture, focus } = keys;
    keys = undefined;
    // Select-all counts in a focused field or editor only: a whole page is never a phone number.
    const inField =
      !!focus &&
      (focus.localName === 'input' || focus.localName === 'textarea' || (focus as HTMLElement).isContentEditable);
    if (focusedElement() !== focus || (gesture === 'all' && !inField)) return;
    afterGesture('keyup', readSelection(focus), () => true, false);
  }

  /**
   * Firefox does not name a tab's page to the background, which then asks the top frame when a
   * selection in one of its frames is to be looked up (routes.ts). So the top frame listens from
   * the moment the pointer or the focus moves into one of its frames.
   */
  function intoFrame(event: Event): void {
    const into = event.type === 'blur' ? document.activeElement : (event.target as Element | null);
    if (event.isTrusted && (into?.localName === 'iframe' || into?.localName === 'frame')) messenger.listen();
  }

  const capture = { capture: true } as const;
  if (window === window.top) {
    addEventListener('blur', intoFrame);
    addEventListener('pointerover', intoFrame, capture);
  }
  addEventListener('mousedown', onMouseDown, capture);
  addEventListener('mouseup', onMouseUp, capture);
  addEventListener('keydown', onKeyDown, capture);
  addEventListener('keyup', onKeyUp, capture);
}

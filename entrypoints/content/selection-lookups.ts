/**
 * The selection script's own job (it is loaded on demand, see on-demand.ts): notice a selection
 * the user made that can be a phone number or an email, and ask the background for a lookup; the
 * card it answers with is card-host.ts's.
 *
 * It hears input through the content script (loader.ts), which keeps what happened while this
 * script loaded. Messaging is set up on the first selection that can be looked up (or when the
 * background wakes the frame for the context menu or the shortcut, or, in a Firefox top frame,
 * when the user moves into one of its frames).
 */
import type { LookupSource } from '@/utils/protocol';
import { classifySelection, contactInLine } from '@/utils/selection-check';
import type { OpenMark } from '@/utils/marks';
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
import type { Heard, SelectionLookups } from './on-demand';
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

export function createSelectionLookups(): SelectionLookups {
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
  const openMark: OpenMark = (value, boxes, anchor, byKeyboard) => {
    void lookUp({ text: value, element: anchor, boxes, key: `mark:${value}` }, value, 'mark', byKeyboard);
  };

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
   * same event, or from a timer when the page stopped the event before it reached us (or when the
   * event was heard while this script loaded, and its dispatch is over).
   */
  function afterGesture(
    { event, live }: Heard,
    made: Picked | null,
    accept: (picked: Picked) => boolean,
    wholeLine: boolean,
    pointer: Caret | null = null,
  ): void {
    if (!made) return;
    const gesture = { made, accept, wholeLine, pointer };
    pending = gesture;
    // Added while this very event is on its way down, so it runs on its way back up.
    if (live) addEventListener(event.type, onInputDone, { once: true });
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

  function onMouseDown(event: MouseEvent, { origin, target }: Heard): void {
    if (event.button !== 0) return;
    // Where the caret was under the pointer, which no page script can move (the selection it can).
    const caret = caretAt(event.clientX, event.clientY, shadowRootsAround(origin));
    pressed = { x: event.clientX, y: event.clientY, caret, target: origin };
    // Outside the card and the button: both go (closing nothing shown does nothing).
    if (!card.holds(target)) card.close();
  }

  function onMouseUp(event: MouseEvent, heard: Heard): void {
    const down = pressed;
    pressed = undefined;
    if (event.button !== 0 || !down) return;
    if (card.holds(heard.target)) return;
    const up = { x: event.clientX, y: event.clientY };
    const gesture: MouseGesture | null = mouseGesture(down, up, event.detail);
    if (!gesture) return;
    const release = caretAt(up.x, up.y, [...shadowRootsAround(heard.origin), ...shadowRootsAround(down.target)]);
    const made = readSelection(heard.origin);
    afterGesture(
      heard,
      made,
      (picked) => releasedOnSelection(up, picked.boxes(), gesture) && madeByMouse(picked, gesture, down, release),
      gesture === 'triple',
      down.caret,
    );
  }

  function onKeyDown(event: KeyboardEvent, { live }: Heard): void {
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
      if (live) event.preventDefault();
      return;
    }
    const gesture = keyGesture(event);
    if (gesture) keys = { gesture, focus: focusedElement() };
  }

  function onKeyUp(event: KeyboardEvent, heard: Heard): void {
    if (!keys || !endsKeyGesture(keys.gesture, event.key)) return;
    const { gesture, focus } = keys;
    keys = undefined;
    // Select-all counts in a focused field or editor only: a whole page is never a phone number.
    const inField =
      !!focus &&
      (focus.localName === 'input' || focus.localName === 'textarea' || (focus as HTMLElement).isContentEditable);
    if (focusedElement() !== focus || (gesture === 'all' && !inField)) return;
    afterGesture(heard, readSelection(focus), () => true, false);
  }

  return {
    hear(heard) {
      const { event } = heard;
      // The content script hands over trusted input only; this holds it to that all the same.
      if (!event.isTrusted) return;
      if (event.type === 'mousedown') onMouseDown(event as MouseEvent, heard);
      else if (event.type === 'mouseup') onMouseUp(event as MouseEvent, heard);
      else if (event.type === 'keydown') onKeyDown(event as KeyboardEvent, heard);
      else onKeyUp(event as KeyboardEvent, heard);
    },
    listen: () => messenger.listen(),
    openMark,
  };
}

/**
 * The content script's whole job: notice a selection the user made that can be a phone number or
 * an email, ask the background for a lookup, and show the card frame next to the selection.
 *
 * At page load it only registers DOM listeners: no extension API is touched, nothing is read,
 * posted or inserted. Messaging is set up on the first selection that can be looked up (or when
 * the background wakes the frame for the context menu or the shortcut); the card frame is made
 * the moment the background says to show a card, in a layer the page cannot reach (layer.ts).
 * Nothing here renders lead data: the frame is an extension page that the background pushes the
 * lead to, once it has claimed the lookups with the key posted to it here.
 */
import type { CardTicket, LookupSource } from '@/utils/protocol';
import { classifySelection, contactInLine } from '@/utils/selection-check';
import { OPEN_MARK_HOOK, type OpenMark } from '@/utils/marks';
import { WAKE_HOOK } from '@/utils/wake';
import { endsKeyGesture, keyGesture, mouseGesture, releasedOnSelection, type KeyGesture, type MouseGesture, type Point } from './gesture';
import { createLayer, type Layer } from './layer';
import { extensionApi } from './extension-api';
import { createMessenger } from './messenger';
import { placePopover } from './popover-position';
import { focusedElement, looksVisible, readSelection, sameSelection, type Picked } from './read-selection';

/** The card's size, the same whatever it shows: the page must not tell a lead from "no lead". */
export const CARD_WIDTH = 360;
export const CARD_HEIGHT = 340;

const CARD_CSS =
  'iframe{all:initial!important;display:block!important;width:100%!important;height:100%!important;' +
  'border:0!important;border-radius:12px!important;color-scheme:light dark!important;' +
  'box-shadow:0 12px 32px rgba(0,0,0,.24),0 2px 6px rgba(0,0,0,.12)!important}';
const BUTTON_CSS =
  'button{all:initial;box-sizing:border-box;width:100%;height:100%;font:600 12px/1 system-ui,sans-serif;' +
  'padding:0 10px;border-radius:999px;border:1px solid #c7d2fe;background:#eef2ff;color:#3730a3;cursor:pointer;' +
  'white-space:nowrap;box-shadow:0 2px 6px rgba(0,0,0,.15)}button:focus-visible{outline:2px solid #6366f1;outline-offset:2px}';

interface Anchor {
  picked: Picked | null;
  /** Where the card goes when the selection has no box (the context menu on an odd selection). */
  fallback: { left: number; top: number; width: number; height: number };
}

interface Open {
  lookupId: string;
  text: string;
  anchor: Anchor;
}

/** The extension's own origin, which the card frame has (Chrome shows frames under a per-session id). */
function extensionOrigin(): string {
  const { runtime } = extensionApi();
  const base = runtime.getURL('/');
  return base.startsWith('chrome-extension:') ? `chrome-extension://${runtime.id}` : base.slice(0, -1);
}

export function startSelectionLookups(): void {
  let card: { layer: Layer; frame: HTMLIFrameElement; loaded: boolean; pendingClaim: string | null } | undefined;
  let offer: Layer | undefined;
  let open: Open | undefined;
  /** Where focus was before the user moved into the card, to give it back on close. */
  let returnFocus: HTMLElement | null = null;
  let pressed: Point | undefined;
  let keys: { gesture: KeyGesture; focus: Element | null } | undefined;

  const messenger = createMessenger({
    showPopover: (ticket) => {
      const picked = readSelection(focusedElement());
      showCard(ticket, picked && looksVisible(picked) ? picked : null, picked?.text ?? '', true);
      return Promise.resolve();
    },
    closePopover: ({ lookupId }) => {
      if (open?.lookupId === lookupId) close();
      return Promise.resolve();
    },
    lookupSelectionNow: () => {
      // Every frame of the tab hears the shortcut; only the focused one acts and answers (a
      // document whose focus is in a frame of its own hands over to that frame).
      const active = document.activeElement;
      if (!document.hasFocus() || active?.localName === 'iframe' || active?.localName === 'frame') return undefined;
      if (open && card && !card.layer.holds(active)) {
        focusCard();
        return true;
      }
      const picked = readSelection(focusedElement());
      if (picked && looksVisible(picked)) void lookUp(picked, picked.text, 'shortcut');
      return true;
    },
    pageHost: () => (window === window.top ? location.hostname : undefined),
  });
  (globalThis as unknown as Record<string, unknown>)[WAKE_HOOK] = () => messenger.listen();
  // A known-lead mark was clicked (marks.ts runs in this same world, on sites where marks are on).
  const openMark: OpenMark = (value, boxes, anchor, byKeyboard) => {
    void lookUp({ text: value, element: anchor, boxes, key: `mark:${value}` }, value, 'mark', byKeyboard);
  };
  (globalThis as unknown as Record<string, unknown>)[OPEN_MARK_HOOK] = openMark;

  function anchorBox(anchor: Anchor) {
    const boxes = anchor.picked?.boxes().filter((box) => box.width > 0 || box.height > 0) ?? [];
    if (boxes.length === 0) return anchor.fallback;
    const left = Math.min(...boxes.map((box) => box.left));
    const top = Math.min(...boxes.map((box) => box.top));
    const right = Math.max(...boxes.map((box) => box.right));
    const bottom = Math.max(...boxes.map((box) => box.bottom));
    return { left, top, width: right - left, height: bottom - top };
  }

  function layout(): void {
    if (!open || !card) return;
    const place = placePopover(
      anchorBox(open.anchor),
      { width: CARD_WIDTH, height: CARD_HEIGHT },
      { width: document.documentElement.clientWidth || innerWidth, height: innerHeight },
    );
    card.layer.show({ left: place.left, top: place.top, width: Math.min(CARD_WIDTH, innerWidth - 16), height: place.height });
  }

  /** Tells the card frame, once loaded, something only it may hear: posted to the extension's origin. */
  function tellCard(message: { leadLensClaim: string } | { leadLensHidden: true }): void {
    if (card?.loaded) card.frame.contentWindow?.postMessage(message, extensionOrigin());
  }

  function postClaim(): void {
    if (!card?.loaded || !card.pendingClaim) return;
    tellCard({ leadLensClaim: card.pendingClaim });
    card.pendingClaim = null;
  }

  function discardCard(): void {
    card?.layer.remove();
    card = undefined;
    if (open) close();
  }

  function ensureCard({ claim, title }: CardTicket) {
    if (!card) {
      const layer = createLayer(CARD_CSS, discardCard);
      const frame = document.createElement('iframe');
      frame.src = extensionApi().runtime.getURL('/popover.html');
      frame.title = title;
      const made = { layer, frame, loaded: false, pendingClaim: claim };
      frame.addEventListener('load', () => {
        // The frame is only ever loaded once; a second load means the page navigated it.
        if (made.loaded) {
          if (card === made) discardCard();
          return;
        }
        made.loaded = true;
        postClaim();
      });
      frame.addEventListener('focus', () => {
        // Seen from the page, focus inside the card is on the layer's element.
        const active = document.activeElement;
        if (active instanceof HTMLElement && !layer.holds(active)) returnFocus = active;
      });
      layer.root.append(frame);
      card = made;
    } else if (claim) {
      // The frame lost its claim (the background restarted): give it the new key.
      card.pendingClaim = claim;
    }
    postClaim();
    return card;
  }

  function focusCard(): void {
    if (!card) return;
    const active = document.activeElement;
    if (!card.layer.holds(active)) returnFocus = active instanceof HTMLElement ? active : null;
    card.frame.focus();
  }

  function showCard(ticket: CardTicket, picked: Picked | null, text: string, focus: boolean): void {
    removeOffer();
    const shown = ensureCard(ticket);
    const wasOpen = !!open;
    open = {
      lookupId: ticket.lookupId,
      text,
      anchor: { picked, fallback: { left: 16, top: 16, width: 0, height: 0 } },
    };
    layout();
    if (!wasOpen) {
      addEventListener('scroll', layout, { capture: true, passive: true });
      addEventListener('resize', layout);
    }
    if (focus && shown === card) focusCard();
  }

  function close(): void {
    removeOffer();
    if (!open) return;
    removeEventListener('scroll', layout, { capture: true });
    removeEventListener('resize', layout);
    const hadFocus = !!card && card.layer.holds(document.activeElement);
    open = undefined;
    card?.layer.hide();
    // The frame forgets this lookup, so when it is shown for the next one (of another account,
    // perhaps) nothing of this one is on it before that lookup's push arrives.
    tellCard({ leadLensHidden: true });
    if (hadFocus) returnFocus?.focus();
    returnFocus = null;
  }

  function removeOffer(): void {
    offer?.remove();
    offer = undefined;
  }

  /** The small "Look up in MEGA" button by the selection; the lookup starts on its click. */
  function showOffer(lookupId: string, label: string, picked: Picked): void {
    removeOffer();
    const layer = createLayer(BUTTON_CSS, removeOffer);
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = label;
    // Keep the selection: a mousedown on a button would clear it.
    button.addEventListener('mousedown', (event) => event.preventDefault());
    button.addEventListener('click', (event) => {
      if (!event.isTrusted) return;
      void messenger
        .send('startLookup', { lookupId })
        .then((ticket) => ticket && showCard(ticket, picked, picked.text, false))
        .catch(() => undefined);
    });
    layer.root.append(button);
    const box = anchorBox({ picked, fallback: { left: 16, top: 16, width: 0, height: 0 } });
    layer.show({ left: Math.max(box.left, 8), top: box.top + box.height + 6, width: 150, height: 28 });
    offer = layer;
  }

  /** `focus`: the card takes the focus (the user asked from the keyboard). */
  async function lookUp(picked: Picked, text: string, source: LookupSource, focus = source === 'shortcut'): Promise<void> {
    const reply = await messenger.send('prepareLookup', { text: text.trim().slice(0, 200), source }).catch(() => null);
    // The page changed the selection while the background answered: show nothing for it.
    if (source === 'selection' && !sameSelection(picked, readSelection(picked.element))) return;
    if (!reply || reply.action === 'ignore') close();
    else if (reply.action === 'offer') showOffer(reply.lookupId, reply.label, picked);
    else showCard(reply, picked, text, focus);
  }

  /** The selection a gesture just made, waiting for the page's own handlers of that input to run. */
  let pending: { made: Picked; accept: (picked: Picked) => boolean; wholeLine: boolean } | undefined;

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
  ): void {
    if (!made) return;
    const gesture = { made, accept, wholeLine };
    pending = gesture;
    // Added while this very event is on its way down, so it runs on its way back up.
    addEventListener(input, onInputDone, { once: true });
    setTimeout(() => settle(gesture), 0);
  }

  function settle(gesture: typeof pending): void {
    if (!gesture || pending !== gesture) return;
    pending = undefined;
    const { made, accept, wholeLine } = gesture;
    const picked = readSelection(made.element);
    if (!picked || !sameSelection(made, picked)) return;
    const text = classifySelection(picked.text) ? picked.text : wholeLine ? contactInLine(picked.text) : null;
    if (!text) {
      close();
      return;
    }
    if (!accept(picked) || !looksVisible(picked)) return;
    if (open && open.text === text) {
      // The same value again: the card moves to where it was selected now, with no new lookup.
      open.anchor.picked = picked;
      layout();
      return;
    }
    void lookUp(picked, text, 'selection');
  }

  /** Our listener after the page's own: settles the gesture as soon as the page's handlers ran. */
  function onInputDone(): void {
    const gesture = pending;
    if (gesture) queueMicrotask(() => settle(gesture));
  }

  function onMouseDown(event: MouseEvent): void {
    if (!event.isTrusted || event.button !== 0) return;
    pressed = { x: event.clientX, y: event.clientY };
    if ((open || offer) && !card?.layer.holds(event.target) && !offer?.holds(event.target)) close();
  }

  function onMouseUp(event: MouseEvent): void {
    const down = pressed;
    pressed = undefined;
    if (!event.isTrusted || event.button !== 0 || !down) return;
    if (card?.layer.holds(event.target) || offer?.holds(event.target)) return;
    const up = { x: event.clientX, y: event.clientY };
    const gesture: MouseGesture | null = mouseGesture(down, up, event.detail);
    if (!gesture) return;
    const made = readSelection(event.composedPath()[0] as Node | null);
    afterGesture('mouseup', made, (picked) => releasedOnSelection(up, picked.boxes(), gesture), gesture === 'triple');
  }

  function onKeyDown(event: KeyboardEvent): void {
    if (!event.isTrusted) return;
    if (event.key === 'Escape' && (open || offer)) {
      close();
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
    const inField = !!focus && (focus.localName === 'input' || focus.localName === 'textarea' || (focus as HTMLElement).isContentEditable);
    if (focusedElement() !== focus || (gesture === 'all' && !inField)) return;
    afterGesture('keyup', readSelection(focus), () => true, false);
  }

  const capture = { capture: true } as const;
  addEventListener('mousedown', onMouseDown, capture);
  addEventListener('mouseup', onMouseUp, capture);
  addEventListener('keydown', onKeyDown, capture);
  addEventListener('keyup', onKeyUp, capture);
}

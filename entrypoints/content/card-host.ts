/**
 * The page's side of the card: the card frame, made the moment the background first says to show
 * a card, in a layer the page cannot reach (layer.ts), placed by the selection and following it
 * as the page scrolls; and the small "Look up in MEGA" button offered instead when a lookup waits
 * for a click.
 *
 * Nothing here renders lead data: the frame is an extension page that the background pushes the
 * lead to, once it has claimed the lookups with the key posted to it here.
 */
import type { CardTicket } from '@/utils/protocol';
import { createLayer, type Layer } from './layer';
import { extensionApi } from './extension-api';
import { placeCard } from './card-position';
import type { Picked } from './read-selection';
import { rememberPlace } from './return-place';

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

export interface CardHost {
  /** Shows the card for this lookup by the selection (or in the corner without one). */
  show(ticket: CardTicket, picked: Picked | null, text: string, focus: boolean): void;
  /** Offers the lookup with a small button by the selection; `chosen` runs on a trusted click. */
  offer(label: string, picked: Picked, chosen: () => void): void;
  /**
   * Hides the card and the button (the card only if it shows `lookupId`, when given): focus goes
   * back to where it was before the card took it.
   */
  close(lookupId?: string): void;
  /** The card shows this value: it moves to where it was selected again; false when it does not. */
  follow(text: string, picked: Picked): boolean;
  /** The event's target is in the card or the button. */
  holds(target: EventTarget | null): boolean;
  /** Moves focus into the open card, unless it is there already; false when it did not. */
  takeFocus(): boolean;
}

/** The extension's own origin, which the card frame has (Chrome shows frames under a per-session id). */
function extensionOrigin(): string {
  const { runtime } = extensionApi();
  const base = runtime.getURL('/');
  return base.startsWith('chrome-extension:') ? `chrome-extension://${runtime.id}` : base.slice(0, -1);
}

function anchorBox(anchor: Anchor) {
  const boxes = anchor.picked?.boxes().filter((box) => box.width > 0 || box.height > 0) ?? [];
  if (boxes.length === 0) return anchor.fallback;
  const left = Math.min(...boxes.map((box) => box.left));
  const top = Math.min(...boxes.map((box) => box.top));
  const right = Math.max(...boxes.map((box) => box.right));
  const bottom = Math.max(...boxes.map((box) => box.bottom));
  return { left, top, width: right - left, height: bottom - top };
}

/**
 * `askFrameToFocus`: Firefox does not move focus into an extension's frame when the page (or its
 * content script) calls `focus()` on it, so there the card frame is asked, through the background
 * and its port, to take the focus itself.
 */
export function createCardHost(askFrameToFocus?: () => void): CardHost {
  let card: { layer: Layer; frame: HTMLIFrameElement; loaded: boolean; pendingClaim: string | null } | undefined;
  let offer: Layer | undefined;
  let open: { lookupId: string; text: string; anchor: Anchor } | undefined;
  /** Goes back to where focus, caret and selection were before the user moved into the card. */
  let returnTo: (() => void) | null = null;
  /** The page kept covering the last card, which closed: the next one says so. */
  let closedForCovers = false;

  function layout(): void {
    if (!open || !card) return;
    const place = placeCard(
      anchorBox(open.anchor),
      { width: CARD_WIDTH, height: CARD_HEIGHT },
      { width: document.documentElement.clientWidth || innerWidth, height: innerHeight },
    );
    card.layer.show({
      left: place.left,
      top: place.top,
      width: Math.min(CARD_WIDTH, innerWidth - 16),
      height: place.height,
    });
  }

  /** Tells the card frame, once loaded, something only it may hear: posted to the extension's origin. */
  function tellCard(message: { leadLensClaim: string } | { leadLensHidden: true } | { leadLensCovered: true }): void {
    if (card?.loaded) card.frame.contentWindow?.postMessage(message, extensionOrigin());
  }

  function postClaim(): void {
    if (!card?.loaded || !card.pendingClaim) return;
    tellCard({ leadLensClaim: card.pendingClaim });
    card.pendingClaim = null;
    if (closedForCovers) tellCard({ leadLensCovered: true });
    closedForCovers = false;
  }

  function discardCard(why?: 'tampered' | 'covered'): void {
    closedForCovers = why === 'covered';
    card?.layer.remove();
    card = undefined;
    if (open) close();
  }

  function ensureCard({ claim, title }: CardTicket) {
    if (!card) {
      // Above whatever the page puts in the top layer: a cover over the card could take a click meant for it.
      const layer = createLayer(CARD_CSS, discardCard, '', true);
      const frame = document.createElement('iframe');
      frame.src = extensionApi().runtime.getURL('/card.html');
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
    if (!card.layer.holds(document.activeElement)) returnTo = rememberPlace();
    card.frame.focus();
    if (import.meta.env.FIREFOX) askFrameToFocus?.();
  }

  function show(ticket: CardTicket, picked: Picked | null, text: string, focus: boolean): void {
    removeOffer();
    // Where the user is as the card appears, however they then move into it.
    if (!card?.layer.holds(document.activeElement)) returnTo = rememberPlace();
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
    if (hadFocus) returnTo?.();
    returnTo = null;
  }

  function removeOffer(): void {
    offer?.remove();
    offer = undefined;
  }

  return {
    show,

    close(lookupId) {
      if (lookupId === undefined || open?.lookupId === lookupId) close();
    },

    offer(label, picked, chosen) {
      removeOffer();
      const layer = createLayer(BUTTON_CSS, removeOffer);
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = label;
      // Keep the selection: a mousedown on a button would clear it.
      button.addEventListener('mousedown', (event) => event.preventDefault());
      button.addEventListener('click', (event) => {
        if (event.isTrusted) chosen();
      });
      layer.root.append(button);
      const box = anchorBox({ picked, fallback: { left: 16, top: 16, width: 0, height: 0 } });
      layer.show({ left: Math.max(box.left, 8), top: box.top + box.height + 6, width: 150, height: 28 });
      offer = layer;
    },

    follow(text, picked) {
      if (open?.text !== text) return false;
      open.anchor.picked = picked;
      layout();
      return true;
    },

    holds: (target) => !!(card?.layer.holds(target) || offer?.holds(target)),

    takeFocus() {
      if (!open || !card || card.layer.holds(document.activeElement)) return false;
      focusCard();
      return true;
    },
  };
}

/**
 * The card frame's link to the background: its port, the claim, and the lookups pushed over it.
 *
 * The frame's address names no lookup. The content script that placed the frame posts it a
 * one-time key (to the extension's origin, so no page reads it); the frame hands the key to the
 * background over its port, and the background pushes that page frame's lookups to it from then
 * on. A copy of this page framed by a web page gets no key, claims nothing, and says "expired".
 */
import type { Browser } from 'wxt/browser';
import { CARD_PORT } from '@/utils/card-port';
import type { CardPortMessage, LookupView } from '@/utils/protocol';

type Port = Browser.runtime.Port;

export interface CardLinkDeps {
  connect: (info: { name: string }) => Port;
  /** The frame's window, where the key arrives, and its parent, the only sender it accepts. */
  window: Pick<Window, 'addEventListener' | 'parent'>;
  /** Calls back once, when no lookup was pushed within `expireAfterMs`. */
  setTimeout: (callback: () => void, ms: number) => unknown;
}

/** A frame the content script placed is claimed within milliseconds of loading. */
export const EXPIRE_UNCLAIMED_MS = 1500;

export interface CardLinkHandlers {
  /** A lookup was pushed: its view, or null while its answer is not in. */
  show: (lookupId: string, view: LookupView | null) => void;
  /**
   * The content script hid the card: forget what it showed, so the next time it is shown (for
   * another lookup, perhaps of another account) nothing of this one is on it before its push.
   */
  hide: () => void;
  /**
   * The port closed while this lookup's answer was still to come: the background stopped in the
   * middle of the request (as a browser stops an idle service worker). The card asks for it again.
   */
  lost: (lookupId: string) => void;
  /** The page kept covering the card before this one, and it was closed: the card says so. */
  covered: () => void;
  /** The user asked to move into the card, which the page could not do itself (Firefox). */
  focus: () => void;
}

export function linkCard(
  { show: onShow, hide: onHide, lost: onLost, covered: onCovered, focus: onFocus }: CardLinkHandlers,
  deps: CardLinkDeps,
  expireAfterMs = EXPIRE_UNCLAIMED_MS,
): void {
  let port: Port | undefined;
  let claimed = false;
  let shown = false;
  /** The lookup on the card while its answer is still to come over the port. */
  let awaited = '';

  function open(): Port {
    const opened = deps.connect({ name: CARD_PORT });
    claimed = false;
    opened.onMessage.addListener((message: CardPortMessage) => {
      if (message?.type === 'takeFocus') onFocus();
      if (message?.type !== 'showLookup') return;
      shown = true;
      awaited = message.data.view === null ? message.data.lookupId : '';
      onShow(message.data.lookupId, message.data.view);
    });
    opened.onDisconnect.addListener(() => {
      if (port !== opened) return;
      port = undefined;
      const cutOff = awaited;
      awaited = '';
      if (cutOff) onLost(cutOff);
    });
    return opened;
  }

  // Opened at once, so it is ready by the time the key arrives.
  port = open();
  deps.window.addEventListener('message', (event: MessageEvent) => {
    if (event.source !== deps.window.parent) return;
    if ((event.data as { leadLensCovered?: unknown } | null)?.leadLensCovered === true) {
      onCovered();
      return;
    }
    if ((event.data as { leadLensHidden?: unknown } | null)?.leadLensHidden === true) {
      awaited = '';
      onHide();
      return;
    }
    const key = (event.data as { leadLensClaim?: unknown } | null)?.leadLensClaim;
    if (typeof key !== 'string') return;
    // A port claims once: a new key (the background restarted meanwhile) gets a new port.
    if (!port || claimed) {
      port?.disconnect();
      port = open();
    }
    claimed = true;
    port.postMessage({ type: 'claimCard', data: { key } } satisfies CardPortMessage<'claimCard'>);
  });
  deps.setTimeout(() => {
    if (!shown) onShow('', { state: 'expired' });
  }, expireAfterMs);
}

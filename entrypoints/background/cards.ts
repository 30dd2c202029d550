/**
 * Card frames: which card frame shows the lookups of which page frame, and pushing each lookup to
 * the card that claimed it.
 *
 * A content script places one card frame (card.html) in its page frame. The frame's address is
 * the same for every lookup and names none, so a page that frames its own copy of card.html
 * learns nothing from it. A card frame is shown lookups only once it has claimed them: the
 * background gives the content script a one-time key with the lookup, the content script posts the
 * key to its own frame (to the extension's origin, which no page can read), and the frame hands
 * it back over its port. That binds the port to the page frame (tab and frame id) the key was
 * issued for; from then on each lookup that page frame starts is pushed to that port, at once and
 * again when its answer is in, with no request from the frame in between. A copy framed by the
 * page never gets a key, so it never claims anything and shows "expired".
 */
import type { Lookups } from './lookups';
import { t } from '@/utils/i18n';
import type { CardPortMessage, CardTicket, LookupView } from '@/utils/protocol';
import type { CardFrameSender } from '@/utils/storage';

/** The page frame a content script runs in. */
export interface PageFrame {
  tabId: number;
  frameId: number;
}

/** Who is at the other end of a port or a message, as the browser says (`documentId`: Chrome only). */
export type FrameSender = CardFrameSender;

/** The part of `runtime.Port` used here, so tests can pass their own. */
export interface CardPort {
  readonly sender?: FrameSender;
  postMessage(message: CardPortMessage<'showLookup' | 'takeFocus'>): void;
  disconnect(): void;
  onDisconnect: { addListener(callback: () => void): void };
}

/** Where the card frames that claimed each page frame are remembered across a background restart. */
export interface CardBindingStore {
  load(): Promise<Record<string, FrameSender> | null>;
  save(bindings: Record<string, FrameSender>): Promise<void>;
}

export interface CardDeps {
  lookups: Pick<Lookups, 'view' | 'recordOf'>;
  /**
   * Which card frame claimed which page frame, kept where a restarted background finds it, so a
   * card whose request was cut off by the stop can still ask for its lookup (none: memory only).
   */
  bindings?: CardBindingStore;
  /** A fresh unguessable key (base64url). */
  randomKey?: () => string;
  now?: () => number;
}

/** A key not claimed within this time is void: a frame loads in far less. */
export const CLAIM_TTL_MS = 60_000;
/** Page frames remembered at most; the oldest are forgotten first. */
const MAX_PAGE_FRAMES = 200;

interface Slot {
  frame: PageFrame;
  port?: CardPort;
  /** The lookup the page frame's card shows now. */
  current?: string;
}

function randomKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

const slotKey = (frame: PageFrame): string => `${frame.tabId}:${frame.frameId}`;

export function createCards(deps: CardDeps) {
  const now = deps.now ?? Date.now;
  const makeKey = deps.randomKey ?? randomKey;
  const slots = new Map<string, Slot>();
  const claims = new Map<string, { slot: string; expires: number }>();
  let bindings: Promise<Record<string, FrameSender>> | undefined;
  const loadBindings = () =>
    (bindings ??= (deps.bindings?.load() ?? Promise.resolve(null)).then(
      (saved): Record<string, FrameSender> => saved ?? {},
      (): Record<string, FrameSender> => ({}),
    ));
  async function bind(key: string, card: FrameSender | undefined): Promise<void> {
    const all = await loadBindings();
    if (card) all[key] = { tab: { id: card.tab?.id }, frameId: card.frameId, documentId: card.documentId };
    else delete all[key];
    for (const old of Object.keys(all)) {
      if (Object.keys(all).length <= MAX_PAGE_FRAMES) break;
      delete all[old];
    }
    await deps.bindings?.save(all).catch(() => undefined);
  }

  function slotFor(frame: PageFrame): Slot {
    const key = slotKey(frame);
    let slot = slots.get(key);
    if (slot) {
      // Most recently used last, so the oldest go first.
      slots.delete(key);
    } else {
      slot = { frame };
    }
    slots.set(key, slot);
    for (const [old, stale] of slots) {
      if (slots.size <= MAX_PAGE_FRAMES) break;
      stale.port?.disconnect();
      slots.delete(old);
    }
    return slot;
  }

  function send(port: CardPort, lookupId: string, view: LookupView | null): void {
    try {
      port.postMessage({ type: 'showLookup', data: { lookupId, view } });
    } catch {
      // The frame went away; its disconnect clears the slot.
    }
  }

  /** Pushes the slot's current lookup: its answer, with "loading" first if it is not in at once. */
  function push(slot: Slot): void {
    const { port, current } = slot;
    if (!port || !current) return;
    let answered = false;
    void deps.lookups.view(current).then((view) => {
      answered = true;
      if (slot.port === port && slot.current === current) send(port, current, view);
    });
    // A cached answer is ready before this timer runs; a request in flight is not.
    setTimeout(() => {
      if (!answered && slot.port === port && slot.current === current) send(port, current, null);
    }, 0);
  }

  return {
    /**
     * The card for this page frame is to show `lookupId`: pushes it to the frame that claimed the
     * page frame's lookups, or, when there is none yet, issues the key a new frame claims them with.
     */
    ticket(frame: PageFrame, lookupId: string): CardTicket {
      const slot = slotFor(frame);
      slot.current = lookupId;
      if (slot.port) {
        push(slot);
        return { lookupId, claim: null, title: t('extName') };
      }
      const at = now();
      for (const [key, claim] of claims) if (claim.expires <= at) claims.delete(key);
      const key = makeKey();
      claims.set(key, { slot: slotKey(frame), expires: at + CLAIM_TTL_MS });
      return { lookupId, claim: key, title: t('extName') };
    },

    /**
     * A card frame hands back its key. The key works once, only within its time and only for a
     * frame in the tab it was issued for; a port that offers anything else is closed.
     */
    claim(key: string, port: CardPort): boolean {
      const claim = claims.get(key);
      claims.delete(key);
      const slot = claim && claim.expires > now() ? slots.get(claim.slot) : undefined;
      if (!slot || port.sender?.tab?.id !== slot.frame.tabId || port.sender.frameId === undefined) {
        send(port, '', { state: 'expired' });
        port.disconnect();
        return false;
      }
      // A new frame for the same page frame (the old one was reloaded or replaced) takes over.
      if (slot.port && slot.port !== port) slot.port.disconnect();
      slot.port = port;
      const bound = slotKey(slot.frame);
      void bind(bound, port.sender);
      port.onDisconnect.addListener(() => {
        if (slot.port !== port) return;
        slot.port = undefined;
        // The frame went (reloaded, or its page did): nothing may ask in its name any more.
        void bind(bound, undefined);
      });
      push(slot);
      return true;
    },

    /**
     * Asks the card frame that claimed this page frame's lookups to take the focus (Firefox, where
     * the page cannot give it); false when the page frame has no card frame.
     */
    focus(frame: PageFrame): boolean {
      const port = slots.get(slotKey(frame))?.port;
      if (!port) return false;
      try {
        port.postMessage({ type: 'takeFocus', data: undefined });
        return true;
      } catch {
        return false;
      }
    },

    /** Whether `sender` is the card frame that claimed the lookups of the frame `lookupId` is for. */
    async isCardOf(lookupId: string, sender: FrameSender): Promise<boolean> {
      const record = await deps.lookups.recordOf(lookupId);
      if (record?.tabId == null || record.frameId == null) return false;
      const key = slotKey({ tabId: record.tabId, frameId: record.frameId });
      // The live port's frame; after a restart of the background, the one remembered from before.
      const card = slots.get(key)?.port?.sender ?? (await loadBindings())[key];
      if (!card || card.tab?.id !== sender.tab?.id || card.frameId !== sender.frameId) return false;
      return !card.documentId || !sender.documentId || card.documentId === sender.documentId;
    },
  };
}

export type Cards = ReturnType<typeof createCards>;

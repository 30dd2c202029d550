/**
 * Add to MEGA in a window of its own. Where the card cannot tell that a page covers it (Firefox
 * has no IntersectionObserver v2), a page can lay an opaque element over the card that lets clicks
 * through and have the user fill and send a form they cannot see. A window of the extension's is
 * out of every page's reach: the card asks for one here and learns the lead added in it.
 *
 * The window is known by its id, so its page needs nothing in its address: it asks for its draft.
 */
import type { AddDraft, AddedLead, CreateLeadReply, LookupView } from '@/utils/protocol';

export interface AddWindowsDeps {
  /** Opens the form's page in a small window; resolves with the window's id. */
  openWindow(): Promise<number>;
  closeWindow(windowId: number): Promise<void>;
  /** What the lookup shows now. */
  view(lookupId: string): Promise<LookupView>;
}

interface OpenWindow {
  lookupId: string;
  /** Answers the card that opened it: the lead added, or null when the window closed without one. */
  done: (added: AddedLead | null) => void;
}

export function createAddWindows(deps: AddWindowsDeps) {
  const open = new Map<number, OpenWindow>();
  /** Windows being opened: their page may ask for its draft before the browser has said their id. */
  const opening = new Set<Promise<unknown>>();

  function finish(windowId: number, added: AddedLead | null): void {
    const window = open.get(windowId);
    if (!window) return;
    open.delete(windowId);
    window.done(added);
  }

  /** The lookup's draft, while it is one that found nobody and may add a lead. */
  async function draftOf(lookupId: string): Promise<AddDraft | null> {
    const view = await deps.view(lookupId);
    return view.state === 'none' && view.canCreate ? { lookupId, contact: view.contact, stages: view.stages } : null;
  }

  /** Opens the window, once known by its id; null when the lookup is not one to add from. */
  async function openFor(lookupId: string): Promise<{ closed: Promise<AddedLead | null> } | null> {
    if (!(await draftOf(lookupId))) return null;
    for (const [windowId, window] of open) {
      if (window.lookupId !== lookupId) continue;
      finish(windowId, null);
      await deps.closeWindow(windowId).catch(() => undefined);
    }
    const windowId = await deps.openWindow();
    // The executor runs at once: the window is known before this returns.
    return { closed: new Promise((done) => open.set(windowId, { lookupId, done })) };
  }

  return {
    /** Opens the window for this lookup (closing one opened for it before); resolves when it closes. */
    async open(lookupId: string): Promise<AddedLead | null> {
      const registered = openFor(lookupId);
      opening.add(registered);
      const added = await registered.finally(() => opening.delete(registered));
      return added ? await added.closed : null;
    },

    /** The draft for the page in this window; null for any other window. */
    async draft(windowId: number | undefined): Promise<AddDraft | null> {
      await Promise.allSettled([...opening]);
      const window = windowId === undefined ? undefined : open.get(windowId);
      return window ? draftOf(window.lookupId) : null;
    },

    /** A lead was sent from this window: once MEGA has it, the card shows it and the window closes. */
    added(windowId: number | undefined, reply: CreateLeadReply): void {
      if (windowId === undefined || !reply.ok || !open.has(windowId)) return;
      finish(windowId, { lead: reply.lead, merged: reply.merged });
      void deps.closeWindow(windowId).catch(() => undefined);
    },

    /** The user closed the window (or it was closed above). */
    closed(windowId: number): void {
      finish(windowId, null);
    },
  };
}

export type AddWindows = ReturnType<typeof createAddWindows>;

/**
 * Whether the card has been on screen for a moment, for the buttons that act for the user (see
 * components/ActionGate.ts). Where IntersectionObserver v2 is there (Chromium), "on screen" means
 * visible as the browser draws it: not covered, not transparent, not transformed; elsewhere it
 * means inside the viewport, and a copy takes a second press.
 */
import { useEffect, useState, type MutableRef } from 'preact/hooks';
import type { Gate } from '@/components/ActionGate';

export const SHOWN_FOR_MS = 500;
/** How often a card not seen asks again whether it is (see below). */
export const RECHECK_MS = 250;

/** IntersectionObserver v2: entries tell whether the target is visible, not only intersecting. */
export function tracksVisibility(): boolean {
  return typeof IntersectionObserverEntry !== 'undefined' && 'isVisible' in IntersectionObserverEntry.prototype;
}

/** The gate for the card in `target`; it closes again whenever the card is hidden or covered, and on `reset`. */
export function useShownFor(target: MutableRef<Element | null>, reset: unknown): Gate {
  // Ready for which `reset` (the lookup shown): a new lookup's card is closed from its first
  // render, not only once an effect has run after it (a click could land in between).
  const [readyFor, setReadyFor] = useState<{ reset: unknown } | null>(null);
  const v2 = tracksVisibility();
  useEffect(() => {
    const element = target.current;
    if (!element) return;
    setReadyFor(null);
    let timer: ReturnType<typeof setTimeout> | undefined;
    let recheck: ReturnType<typeof setInterval> | undefined;
    const observer = new IntersectionObserver(
      (entries) => {
        const entry = entries[entries.length - 1];
        if (!entry) return;
        const seen =
          entry.intersectionRatio >= 0.5 &&
          (!v2 || (entry as IntersectionObserverEntry & { isVisible: boolean }).isVisible);
        clearTimeout(timer);
        clearInterval(recheck);
        if (seen) timer = setTimeout(() => setReadyFor({ reset }), SHOWN_FOR_MS);
        else {
          setReadyFor(null);
          // Chromium does not always tell a frame that what covered it is gone (the card rising
          // above a page's popover, say: nothing of the frame's own box changed), so while it is
          // not seen, it asks afresh now and then; a new observation reads the frame as drawn now.
          if (v2) {
            recheck = setInterval(() => {
              observer.unobserve(element);
              observer.observe(element);
            }, RECHECK_MS);
          }
        }
      },
      // `trackVisibility` and `delay` are the v2 options; other browsers ignore them.
      { threshold: [0, 0.5, 1], ...(v2 ? { trackVisibility: true, delay: 100 } : {}) } as IntersectionObserverInit,
    );
    observer.observe(element);
    return () => {
      observer.disconnect();
      clearTimeout(timer);
      clearInterval(recheck);
    };
  }, [reset]);
  return { ready: readyFor !== null && readyFor.reset === reset, confirmFirst: !v2 };
}

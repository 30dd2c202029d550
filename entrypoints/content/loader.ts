/**
 * The content script as every page gets it: four input listeners, nothing else at page load (no
 * extension API touched, nothing read, posted or inserted). The rest, the selection lookups and
 * the card, is the selection script (on-demand.ts), imported on the first gesture that can select
 * text: a press of the primary mouse button, or a selecting key (Shift with an arrow,
 * select-all). What the user does while it loads (a few milliseconds) is kept and handed over in
 * order, so the gesture that brought it in is looked up like any other.
 */
import { keyGesture } from './gesture';
import { loadSelectionScript, selectionScript, type Heard, type HeardType } from './on-demand';

/** `on`: where it listens, the window (tests give their own). */
export function startContentScript(on: EventTarget = window): void {
  /** This frame's own load of the selection script, while it is on its way. */
  let loading: Promise<void> | undefined;
  /** What was heard while the selection script loaded, in order. */
  const waiting: Heard[] = [];

  function hear(event: Event): void {
    if (!event.isTrusted) return;
    const heard: Heard = {
      event: event as Heard['event'],
      origin: (event.composedPath()[0] as Node | undefined) ?? null,
      target: event.target,
      live: true,
    };
    // However it came (a gesture here, a clicked mark, the background for the context menu or the
    // shortcut); while this frame's own load is on its way, what that holds is handed over first.
    const lookups = loading ? undefined : selectionScript();
    if (lookups) return lookups.hear(heard);
    const startsGesture =
      event.type === 'mousedown'
        ? (event as MouseEvent).button === 0
        : event.type === 'keydown' && keyGesture(event as KeyboardEvent) !== null;
    if (!loading && !startsGesture) return;
    heard.live = false;
    waiting.push(heard);
    loading ??= loadSelectionScript()
      .then(
        (loaded) => {
          for (const held of waiting.splice(0)) loaded.hear(held);
        },
        () => {
          // The extension was updated or reloaded under this page: the next gesture tries again.
          waiting.length = 0;
        },
      )
      .finally(() => {
        loading = undefined;
      });
  }

  const capture = { capture: true } as const;
  for (const type of ['mousedown', 'mouseup', 'keydown', 'keyup'] satisfies HeardType[])
    on.addEventListener(type, hear, capture);

  /**
   * Firefox does not name a tab's page to the background, which then asks the top frame when a
   * selection in one of its frames is to be looked up (routes.ts). So there the top frame listens
   * from the moment the pointer or the focus moves into one of its frames.
   */
  if (import.meta.env.FIREFOX && window === window.top) {
    const intoFrame = (event: Event): void => {
      const into = event.type === 'blur' ? document.activeElement : (event.target as Element | null);
      if (event.isTrusted && (into?.localName === 'iframe' || into?.localName === 'frame'))
        loadSelectionScript().then(
          (loaded) => loaded.listen(),
          () => undefined,
        );
    };
    addEventListener('blur', intoFrame);
    addEventListener('pointerover', intoFrame, capture);
  }
}

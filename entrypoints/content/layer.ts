/**
 * A place in the page for Lead Lens's own UI (the card frame, the small button) that the page can
 * neither hide, restyle nor read, modelled on password managers' inline menus:
 *
 * - an element with a random name, so no selector the page wrote matches it by name, holding a
 *   closed shadow root, so the page's scripts cannot reach inside and its styles do not apply;
 * - `all: initial` on that element, and the same rules, `!important`, from inside the shadow root
 *   (`:host`), where they win over anything the page declares, even `!important` or in layers;
 * - the top layer (`popover="manual"`), above everything the page draws;
 * - a guard that puts back what the page changes on the element (its attributes, the top layer)
 *   and gives up, closing the UI, after repeated tampering or when the element is taken out;
 * - for the card (`keepAbove`), a watch on the page's own top-layer elements: a popover, modal
 *   dialog or fullscreen element the page shows later is drawn above the layer, so the layer is
 *   shown again on top, and closed when the page keeps covering it.
 */

/** Tampering the guard puts up with while the layer is shown, before it closes it. */
export const TAMPERING_TOLERATED = 2;

/** Covers by the page's top-layer elements a `keepAbove` layer rises above within COVERS_WITHIN_MS; one more closes it. */
export const COVERS_TOLERATED = 2;
export const COVERS_WITHIN_MS = 5_000;

/**
 * Counts the page's covers: true while the layer should rise above this one, false once there have
 * been more than COVERS_TOLERATED within COVERS_WITHIN_MS (ms, on the clock `now` reads).
 */
export function createCoverCount(now: () => number): { cover(): boolean; reset(): void } {
  let times: number[] = [];
  return {
    cover() {
      const at = now();
      times = [...times.filter((time) => at - time < COVERS_WITHIN_MS), at];
      return times.length <= COVERS_TOLERATED;
    },
    reset() {
      times = [];
    },
  };
}

const HOST_RULES =
  'all:initial!important;display:block!important;position:fixed!important;z-index:2147483647!important;' +
  'margin:0!important;padding:0!important;border:0!important;overflow:visible!important;' +
  'color-scheme:light dark!important;';

function randomName(): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const part = (length: number) =>
    Array.from(crypto.getRandomValues(new Uint8Array(length)), (byte) => letters[byte % 26]).join('');
  return `${part(5)}-${part(6)}`;
}

export interface Layer {
  /** Inside the closed shadow root: where the UI goes. */
  readonly root: ShadowRoot;
  /** Shows the layer at this viewport box; sides not given are the host rules' (e.g. insets). */
  show(box: Partial<Record<'left' | 'top' | 'width' | 'height', number>>): void;
  hide(): void;
  /** Takes the layer out of the page for good. */
  remove(): void;
  readonly shown: boolean;
  /** Whether an event's target (seen from the page) is this layer. */
  holds(target: EventTarget | null): boolean;
}

/**
 * Makes a layer. `css` styles what goes inside; `onBroken` is called when the guard gives up (the
 * layer has then removed itself), with why: tampering, or covers (`keepAbove`). `hostRules` add to the element's own rules (`!important` each),
 * e.g. to let clicks through a layer that covers the page. `keepAbove`: rise above the page's own
 * top-layer elements, and give up when the page keeps covering the layer.
 */
export function createLayer(
  css: string,
  onBroken: (why: 'tampered' | 'covered') => void,
  hostRules = '',
  keepAbove = false,
): Layer {
  const host = document.createElement(randomName());
  const root = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = `:host{${HOST_RULES}${hostRules}}:host(.x){display:none!important}${css}`;
  root.append(style);
  const hostRule = () => (style.sheet?.cssRules[0] as CSSStyleRule | undefined)?.style;
  const inTopLayer = typeof host.showPopover === 'function';
  const attributes = (): void => {
    host.setAttribute('style', 'all:initial!important');
    if (inTopLayer) host.setAttribute('popover', 'manual');
    for (const name of host.getAttributeNames()) {
      if (name !== 'style' && name !== 'popover' && name !== 'class') host.removeAttribute(name);
    }
  };
  let shown = false;
  let tampering = 0;
  let removed = false;
  const covers = createCoverCount(() => performance.now());

  const observer = new MutationObserver((records) => guard(records.some((record) => record.target === host)));

  function watch(): void {
    observer.observe(host, { attributes: true });
    observer.observe(document.documentElement, { childList: true, attributes: true, attributeFilter: ['inert'] });
  }

  function raise(): void {
    if (!inTopLayer) return;
    try {
      if (!host.matches(':popover-open')) host.showPopover();
    } catch {
      // Not connected or not allowed now; the guard tries again on the next change.
    }
  }

  function apply(): void {
    host.className = shown ? '' : 'x';
    attributes();
    if (shown) raise();
    else if (inTopLayer && host.matches(':popover-open')) host.hidePopover();
    // Our own changes are not the page's.
    observer.takeRecords();
  }

  /**
   * After a change around the layer: puts back what the page changed on it (`tampered`), and
   * closes for good when the page keeps doing so, or took the layer out (an iframe taken out of the
   * page is unloaded) or made the whole page inert.
   */
  function guard(tampered: boolean): void {
    if (removed) return;
    observer.takeRecords();
    const broken = host.parentNode !== document.documentElement || document.documentElement.inert;
    if (broken || (tampered && shown && ++tampering > TAMPERING_TOLERATED)) {
      layer.remove();
      onBroken('tampered');
      return;
    }
    apply();
  }

  host.addEventListener('toggle', (event) => {
    // The page took our layer out of the top layer (hidePopover() on the element it found): that
    // is tampering too. Not when the layer was shown again right after (rising above a cover).
    if (shown && (event as ToggleEvent).newState === 'closed' && !host.matches(':popover-open')) guard(true);
  });

  /** The page put one of its own elements in the top layer, above this one. */
  function covered(event: Event): void {
    if (!shown || removed || event.target === host) return;
    if (event.type === 'toggle' && (event as ToggleEvent).newState !== 'open') return;
    if (event.type === 'fullscreenchange' && !document.fullscreenElement) return;
    if (!covers.cover()) {
      layer.remove();
      onBroken('covered');
      return;
    }
    // Shown again, the layer is the last in the top layer: above the page's element.
    host.hidePopover();
    host.showPopover();
    observer.takeRecords();
  }

  const coverEvents = keepAbove && inTopLayer ? ['toggle', 'fullscreenchange'] : [];
  // Capture: a popover's and a dialog's toggle events do not bubble, but pass the document on their way.
  const listenForCovers = (on: boolean) => {
    for (const type of coverEvents) {
      if (on) document.addEventListener(type, covered, true);
      else document.removeEventListener(type, covered, true);
    }
  };

  const layer: Layer = {
    root,
    get shown() {
      return shown;
    },
    show(box) {
      if (removed) return;
      if (!shown) {
        covers.reset();
        listenForCovers(true);
      }
      shown = true;
      if (!host.isConnected) {
        document.documentElement.append(host);
        watch();
      }
      // A style element has its sheet only once it is in the document.
      const rule = hostRule();
      for (const [name, value] of Object.entries(box)) rule?.setProperty(name, `${Math.round(value)}px`, 'important');
      apply();
    },
    hide() {
      shown = false;
      listenForCovers(false);
      tampering = 0;
      if (host.isConnected) apply();
    },
    remove() {
      removed = true;
      shown = false;
      listenForCovers(false);
      observer.disconnect();
      host.remove();
    },
    holds: (target) => target === host,
  };
  return layer;
}

/**
 * The content script's whole job: notice a trusted selection that can be a phone number or an
 * email, ask the background for a lookup, and show the popover frame next to the selection.
 *
 * Nothing here renders lead data: the frame is an extension page that fetches its own data from
 * the background, so the host page only ever holds an opaque lookup id.
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createIframeUi, type IframeContentScriptUi } from 'wxt/utils/content-script-ui/iframe';
import { onMessage, sendMessage } from '@/utils/messaging';
import type { LookupSource } from '@/utils/protocol';
import { placePopover, type Box } from './popover-position';
import { classifySelection } from '@/utils/selection-check';

const POPOVER_WIDTH = 360;
const LOADING_HEIGHT = 132;
/** Above the page's own layers. */
const TOP_LAYER = '2147483647';

interface OpenPopover {
  lookupId: string;
  anchor: Box;
  height: number;
}

export function startSelectionLookups(ctx: ContentScriptContext): void {
  let ui: IframeContentScriptUi<void> | undefined;
  let frameLoaded = false;
  let pendingPage: '/popover.html' | undefined;
  let open: OpenPopover | undefined;
  let offerButton: HTMLElement | undefined;
  let lastText = '';
  /** Where focus was before the user moved into the popover, to give it back on close. */
  let returnFocus: HTMLElement | null = null;

  function selectionBox(): Box | null {
    const selection = window.getSelection();
    if (!selection || selection.rangeCount === 0) return null;
    const rect = selection.getRangeAt(0).getBoundingClientRect();
    if (rect.width === 0 && rect.height === 0) return null;
    return { left: rect.left, top: rect.top, width: rect.width, height: rect.height };
  }

  function layout(): void {
    if (!ui || !open) return;
    const place = placePopover(
      open.anchor,
      { width: POPOVER_WIDTH, height: open.height },
      { width: document.documentElement.clientWidth, height: window.innerHeight },
    );
    // Absolute page coordinates, so the card scrolls with the text it belongs to.
    Object.assign(ui.wrapper.style, {
      left: `${place.left + window.scrollX}px`,
      top: `${place.top + window.scrollY}px`,
      display: 'block',
    });
    ui.iframe.style.height = `${place.height}px`;
  }

  function ensureFrame(lookupId: string): IframeContentScriptUi<void> {
    const page = `/popover.html#${lookupId}` as '/popover.html';
    if (ui) {
      // Reusing the loaded frame makes a cached answer appear within a frame's time: only the
      // fragment changes, so the frame is not reloaded but hears a hashchange. Until its first
      // load is done, a new fragment would race that load, so it waits for it.
      if (frameLoaded) ui.iframe.src = browser.runtime.getURL(page);
      else pendingPage = page;
      return ui;
    }
    ui = createIframeUi(ctx, {
      page,
      position: 'inline',
      anchor: () => document.documentElement,
      onMount(wrapper, iframe) {
        Object.assign(wrapper.style, {
          position: 'absolute',
          zIndex: TOP_LAYER,
          margin: '0',
          padding: '0',
          width: `${POPOVER_WIDTH}px`,
        });
        iframe.title = browser.i18n.getMessage('extName');
        iframe.addEventListener('load', () => {
          frameLoaded = true;
          if (pendingPage) iframe.src = browser.runtime.getURL(pendingPage);
          pendingPage = undefined;
        });
        Object.assign(iframe.style, {
          display: 'block',
          width: `${POPOVER_WIDTH}px`,
          border: '0',
          borderRadius: '12px',
          boxShadow: '0 12px 32px rgba(0,0,0,.24), 0 2px 6px rgba(0,0,0,.12)',
          colorScheme: 'light dark',
          background: 'transparent',
        });
        iframe.addEventListener('focus', () => {
          const active = document.activeElement;
          if (active instanceof HTMLElement && active !== iframe) returnFocus = active;
        });
      },
    });
    ui.mount();
    return ui;
  }

  function show(lookupId: string, anchor: Box, focus = false): void {
    removeOffer();
    open = { lookupId, anchor, height: open?.height ?? LOADING_HEIGHT };
    const frame = ensureFrame(lookupId);
    layout();
    if (focus) {
      returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      frame.iframe.focus();
    }
  }

  function close(): void {
    removeOffer();
    if (!open || !ui) return;
    const hadFocus = document.activeElement === ui.iframe;
    open = undefined;
    lastText = '';
    ui.wrapper.style.display = 'none';
    if (hadFocus) returnFocus?.focus();
    returnFocus = null;
  }

  function removeOffer(): void {
    offerButton?.remove();
    offerButton = undefined;
  }

  /** "Button first" trigger: a small button by the selection; the lookup starts on its click. */
  function offer(lookupId: string, anchor: Box): void {
    removeOffer();
    const host = document.createElement('div');
    const root = host.attachShadow({ mode: 'closed' });
    const button = document.createElement('button');
    button.type = 'button';
    // Straight from the browser, not utils/i18n: the content script stays small.
    button.textContent = browser.i18n.getMessage('lookUpInMega');
    button.setAttribute('style', 'font:600 12px/1 system-ui,sans-serif;padding:6px 10px;border-radius:999px;border:1px solid #c7d2fe;background:#eef2ff;color:#3730a3;cursor:pointer;box-shadow:0 2px 6px rgba(0,0,0,.15)');
    // Keep the selection: a mousedown on a button would clear it.
    button.addEventListener('mousedown', (event) => event.preventDefault());
    button.addEventListener('click', (event) => {
      if (!event.isTrusted) return;
      void sendMessage('startLookup', { lookupId });
      show(lookupId, anchor);
    });
    root.append(button);
    Object.assign(host.style, {
      position: 'absolute',
      zIndex: TOP_LAYER,
      left: `${anchor.left + window.scrollX}px`,
      top: `${anchor.top + anchor.height + 6 + window.scrollY}px`,
    });
    document.documentElement.append(host);
    offerButton = host;
  }

  async function lookUp(source: LookupSource): Promise<void> {
    const text = window.getSelection()?.toString().trim() ?? '';
    if (source === 'selection' && text === lastText && open) return;
    if (!text || !classifySelection(text)) {
      if (source === 'selection') close();
      return;
    }
    const anchor = selectionBox();
    if (!anchor) return;
    lastText = text;
    const asking = sendMessage('prepareLookup', { text, source }).catch(() => null);
    // The first lookup on a page loads the frame while the background reads the selection.
    if (!ui) ensureFrame('').wrapper.style.display = 'none';
    const reply = await asking;
    if (!reply || reply.action === 'ignore') {
      close();
      return;
    }
    if (reply.action === 'offer') offer(reply.lookupId, anchor);
    else show(reply.lookupId, anchor, source === 'shortcut');
  }

  function onPointerUp(event: MouseEvent): void {
    // A page cannot fake a selection gesture: synthetic events are ignored.
    if (!event.isTrusted || event.button !== 0) return;
    if (ui && event.target === ui.wrapper) return;
    // Let the browser finish updating the selection (double and triple clicks) first.
    setTimeout(() => void lookUp('selection'), 0);
  }

  function onKeyUp(event: KeyboardEvent): void {
    if (!event.isTrusted) return;
    if (event.shiftKey || event.key === 'Shift' || ((event.ctrlKey || event.metaKey) && event.key === 'a')) {
      void lookUp('selection');
    }
  }

  function onKeyDown(event: KeyboardEvent): void {
    if (event.isTrusted && event.key === 'Escape' && (open || offerButton)) close();
  }

  function onPointerDown(event: MouseEvent): void {
    if (!event.isTrusted || (!open && !offerButton)) return;
    const target = event.target as Node | null;
    if (target && (ui?.wrapper.contains(target) || offerButton?.contains(target))) return;
    close();
  }

  ctx.addEventListener(document, 'mouseup', onPointerUp, { capture: true });
  ctx.addEventListener(document, 'mousedown', onPointerDown, { capture: true });
  ctx.addEventListener(document, 'keyup', onKeyUp, { capture: true });
  ctx.addEventListener(document, 'keydown', onKeyDown, { capture: true });
  ctx.addEventListener(window, 'resize', () => layout());

  onMessage('resizePopover', ({ data }) => {
    if (!open || data.lookupId !== open.lookupId) return;
    open.height = data.height;
    layout();
  });
  onMessage('closePopover', ({ data }) => {
    if (open?.lookupId === data.lookupId) close();
  });
  onMessage('showPopover', ({ data }) => {
    const anchor = selectionBox() ?? { left: 16, top: 16, width: 0, height: 0 };
    show(data.lookupId, anchor, true);
  });
  onMessage('pageHost', ({ sender }) =>
    sender.id === browser.runtime.id && window === window.top ? location.hostname : null,
  );
  onMessage('lookupSelectionNow', () => {
    if (open && ui && document.activeElement !== ui.iframe) {
      // The shortcut with the popover already open moves focus into it.
      returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      ui.iframe.focus();
      return;
    }
    void lookUp('shortcut');
  });
}

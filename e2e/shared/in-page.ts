// Functions that run inside a page or frame (passed to the drivers' evaluate), so each one must
// stay self-contained: no imports, no closures over anything outside its own body.
import type { FocusStop, PageExposure } from './types.ts';

/**
 * What the page's own JavaScript can see: every text node, attribute and form value in the
 * document and in every open shadow root, searched for `needles`; and what reading each iframe's
 * document gives.
 */
export function pageExposure(needles: readonly string[]): PageExposure {
  const domHits: string[] = [];
  const frameReads: string[] = [];
  const frameSources: string[] = [];
  const check = (value: string | null | undefined, where: string) => {
    if (!value) return;
    for (const needle of needles) if (value.includes(needle)) domHits.push(`"${needle}" in ${where}`);
  };
  const visit = (root: Document | ShadowRoot, path: string) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeType === Node.TEXT_NODE) {
        check(node.nodeValue, `text under <${node.parentElement?.localName ?? '?'}>${path}`);
        continue;
      }
      const element = node as Element;
      for (const attribute of Array.from(element.attributes)) {
        check(attribute.value, `${element.localName}[${attribute.name}]${path}`);
      }
      if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) {
        check(element.value, `the value of <${element.localName}>${path}`);
      }
      if (element instanceof HTMLIFrameElement) {
        frameSources.push(element.src);
        let read: string;
        try {
          const inner = element.contentDocument;
          read = inner ? `a readable document: ${inner.body?.innerText.slice(0, 200) ?? ''}` : 'null';
          if (inner) check(inner.documentElement.outerHTML, `the document of iframe ${element.src}`);
        } catch (error) {
          read = error instanceof Error ? error.name : String(error);
        }
        try {
          const inner = element.contentWindow?.document;
          if (inner) {
            read += ` / contentWindow.document readable`;
            check(inner.documentElement.outerHTML, `contentWindow.document of iframe ${element.src}`);
          }
        } catch (error) {
          read += ` / ${error instanceof Error ? error.name : String(error)}`;
        }
        frameReads.push(`${element.src}: ${read}`);
      }
      if (element.shadowRoot) visit(element.shadowRoot, `${path} in the open shadow root of <${element.localName}>`);
    }
  };
  visit(document, '');
  // Anything a page script could have been handed: globals the page did not define itself.
  check(document.title, 'document.title');
  check(location.href, 'location.href');
  check(document.cookie, 'document.cookie');
  try {
    check(JSON.stringify({ ...localStorage }), 'localStorage');
    check(JSON.stringify({ ...sessionStorage }), 'sessionStorage');
  } catch {
    // Storage can be blocked; then nothing is in it either.
  }
  const extensionEntries = performance
    .getEntries()
    .map((entry) => `${entry.entryType} ${entry.name}`)
    .filter((entry) => /(chrome|moz)-extension:/.test(entry));
  return { domHits, frameReads, frameSources, extensionEntries };
}

/**
 * What a hostile page can do to fake a selection gesture: select text with a Range from its own
 * script, then dispatch (untrusted) mouseup and keyup events. Returns the selected text.
 */
export function fakeSelectionGesture(text: string): string {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const index = (node.nodeValue ?? '').indexOf(text);
    if (index < 0) continue;
    const range = document.createRange();
    range.setStart(node, index);
    range.setEnd(node, index + text.length);
    const selection = document.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
    const target = node.parentElement ?? document.body;
    const box = range.getBoundingClientRect();
    const at = { clientX: box.right - 2, clientY: box.top + box.height / 2 };
    const init = { bubbles: true, cancelable: true, composed: true, button: 0, ...at };
    target.dispatchEvent(new MouseEvent('mousedown', init));
    target.dispatchEvent(new MouseEvent('mouseup', init));
    document.dispatchEvent(new MouseEvent('mouseup', init));
    target.dispatchEvent(new PointerEvent('pointerup', { ...init, pointerType: 'mouse' }));
    for (const key of ['Shift', 'ArrowRight']) {
      document.dispatchEvent(new KeyboardEvent('keyup', { key, shiftKey: true, bubbles: true, composed: true }));
    }
    document.dispatchEvent(new Event('selectionchange'));
    return selection?.toString() ?? '';
  }
  throw new Error(`No text "${text}" in the page.`);
}

/** Posts every message to every iframe of the page (open shadow roots included) and to itself. */
export function postToFrames(messages: readonly unknown[]): number {
  const frames: HTMLIFrameElement[] = [];
  const collect = (root: Document | ShadowRoot) => {
    for (const element of Array.from(root.querySelectorAll('*'))) {
      if (element instanceof HTMLIFrameElement) frames.push(element);
      if (element.shadowRoot) collect(element.shadowRoot);
    }
  };
  collect(document);
  for (const message of messages) {
    window.postMessage(message, '*');
    for (const frame of frames) frame.contentWindow?.postMessage(message, '*');
  }
  return frames.length;
}

/**
 * Starts keeping every text the elements with role=status show, from now on (a page may have one
 * per section, e.g. the options page's accounts and its settings for every account).
 */
export function recordStatusTexts(): void {
  const holder = window as unknown as { __e2eStatusTexts?: string[]; __e2eStatusObserver?: MutationObserver };
  holder.__e2eStatusObserver?.disconnect();
  const texts: string[] = [];
  holder.__e2eStatusTexts = texts;
  const shown = new WeakMap<Element, string>();
  for (const status of document.querySelectorAll('[role="status"]'))
    shown.set(status, status.textContent?.trim() ?? '');
  const observer = new MutationObserver(() => {
    for (const status of document.querySelectorAll('[role="status"]')) {
      const text = status.textContent?.trim() ?? '';
      if (text && shown.get(status) !== text) texts.push(text);
      shown.set(status, text);
    }
  });
  observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  holder.__e2eStatusObserver = observer;
}

/** The texts the status element showed since recordStatusTexts, in order. */
export function statusTexts(): string[] {
  const holder = window as unknown as { __e2eStatusTexts?: string[] };
  return [...(holder.__e2eStatusTexts ?? [])];
}

/**
 * Starts noting whether anything in the document says it is busy (aria-busy="true", as the popup's
 * results do while a search runs) from now on; `busySeen` reads it.
 */
export function recordBusy(): void {
  const holder = window as unknown as { __e2eBusySeen?: boolean; __e2eBusyObserver?: MutationObserver };
  holder.__e2eBusyObserver?.disconnect();
  holder.__e2eBusySeen = false;
  const observer = new MutationObserver(() => {
    if (document.querySelector('[aria-busy="true"]')) holder.__e2eBusySeen = true;
  });
  observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-busy'] });
  holder.__e2eBusyObserver = observer;
}

/** Whether something said it was busy since recordBusy. */
export function busySeen(): boolean {
  return (window as unknown as { __e2eBusySeen?: boolean }).__e2eBusySeen === true;
}

/** Takes focus back to the top of the document, so the next Tab goes to the first control. */
export function resetFocusToTop(): void {
  (document.activeElement as HTMLElement | null)?.blur?.();
  window.scrollTo(0, 0);
  // A focused, then removed, temporary element leaves the sequential focus start at the top.
  const marker = document.createElement('span');
  marker.tabIndex = -1;
  document.body.prepend(marker);
  marker.focus();
  marker.remove();
}

/** The focused element: its accessible name as a user hears it, and whether focus is visible. */
export function focusStop(): FocusStop {
  let element = document.activeElement as HTMLElement | null;
  while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement as HTMLElement;
  if (!element || element === document.body) return { name: '(body)', role: '', indicated: false, style: '' };
  const labelled = element.getAttribute('aria-labelledby');
  const fromIds = labelled
    ? labelled
        .split(/\s+/)
        .map((id) => document.getElementById(id)?.textContent?.trim() ?? '')
        .join(' ')
    : '';
  const labels = 'labels' in element ? (element as HTMLInputElement).labels : null;
  const name = (
    element.getAttribute('aria-label') ??
    (fromIds ||
      (labels && labels.length > 0 ? labels[0]?.textContent : null) ||
      element.textContent ||
      element.localName)
  )
    .replace(/\s+/g, ' ')
    .trim();
  const role = element.getAttribute('role') ?? (element instanceof HTMLInputElement ? element.type : element.localName);
  const style = getComputedStyle(element);
  // "2px solid transparent" (a common high-contrast-mode trick) shows nothing in normal colours.
  const transparent = (color: string) => color === 'transparent' || /^rgba\(.*,\s*0\)$/.test(color);
  const outline =
    style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 && !transparent(style.outlineColor);
  const shadow = style.boxShadow !== 'none' && style.boxShadow !== '';
  return {
    name,
    role,
    indicated: outline || shadow,
    style: `outline: ${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}; box-shadow: ${style.boxShadow}`,
  };
}

/** Runs axe-core (already injected as `window.axe`) over the document; returns its violations. */
export async function runAxe(): Promise<Array<{ id: string; impact: string | null; help: string; targets: string[] }>> {
  const axe = (window as unknown as { axe?: { run(context: Document, options: object): Promise<AxeResults> } }).axe;
  if (!axe) throw new Error('axe-core is not loaded in this document.');
  interface AxeResults {
    violations: Array<{ id: string; impact?: string | null; help: string; nodes: Array<{ target: unknown[] }> }>;
  }
  const results = await axe.run(document, { resultTypes: ['violations'] });
  return results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact ?? null,
    help: violation.help,
    targets: violation.nodes.map((node) => node.target.map(String).join(' ')),
  }));
}

/** Runs in the page: the box of each occurrence of `needle` in the document's text nodes. */
export function textBoxesIn(needle: string): Array<{ left: number; top: number; right: number; bottom: number }> {
  const boxes: Array<{ left: number; top: number; right: number; bottom: number }> = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    for (let at = node.data.indexOf(needle); at >= 0; at = node.data.indexOf(needle, at + needle.length)) {
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + needle.length);
      const { left, top, right, bottom } = range.getBoundingClientRect();
      boxes.push({ left, top, right, bottom });
    }
  }
  return boxes;
}

/**
 * Arms a click on the next button named `name` (its aria-label, else its text) to appear in this
 * document: made from inside it the moment the button is added, as a page timing a click under
 * the pointer would. `clickedAsShown` then tells whether the button said it was disabled.
 */
export function armClickAsShown(name: string): void {
  const holder = window as unknown as {
    __e2eClickAsShown?: { disabled: boolean } | null;
    __e2eClickObserver?: MutationObserver;
  };
  holder.__e2eClickObserver?.disconnect();
  holder.__e2eClickAsShown = null;
  const named = () =>
    [...document.querySelectorAll('button')].filter(
      (button) => (button.getAttribute('aria-label') ?? button.textContent ?? '').trim() === name,
    );
  const before = new Set(named());
  const observer = new MutationObserver(() => {
    const button = named().find((candidate) => !before.has(candidate));
    if (!button) return;
    observer.disconnect();
    holder.__e2eClickAsShown = { disabled: button.getAttribute('aria-disabled') === 'true' };
    button.click();
  });
  observer.observe(document.body, { subtree: true, childList: true });
  holder.__e2eClickObserver = observer;
}

/** What armClickAsShown saw, once its button has appeared; null before. */
export function clickedAsShown(): { disabled: boolean } | null {
  return (window as unknown as { __e2eClickAsShown?: { disabled: boolean } | null }).__e2eClickAsShown ?? null;
}

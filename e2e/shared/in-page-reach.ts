// Functions that run inside a page (passed to the drivers' evaluate) for the cases about where
// selections work and what a hostile page can do. Each must stay self-contained: no imports, no
// closures over anything outside its own body.
import type { AddedElement } from './types.ts';

/** The field's box, scrolled into view (viewport CSS pixels), and where `text` starts in its value. */
export function fieldTarget([selector, text]: [string, string]): { x: number; y: number; index: number } | null {
  const field = document.querySelector(selector) as HTMLInputElement | HTMLTextAreaElement | null;
  if (!field) return null;
  field.scrollIntoView({ block: 'center' });
  const box = field.getBoundingClientRect();
  return { x: box.left + Math.min(24, box.width / 2), y: box.top + box.height / 2, index: field.value.indexOf(text) };
}

/** What the field has selected (email fields keep no offsets; the page's selection says). */
export function fieldSelectedText(selector: string): string {
  const field = document.querySelector(selector) as HTMLInputElement | HTMLTextAreaElement | null;
  if (!field) return '';
  if (field.selectionStart === null || field.selectionEnd === null) return document.getSelection()?.toString() ?? '';
  return field.value.slice(field.selectionStart, field.selectionEnd);
}

/** A point in the middle of the first occurrence of `text` in a text node, scrolled into view. */
export function textPoint(text: string): { x: number; y: number } | null {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const index = (node.nodeValue ?? '').indexOf(text);
    if (index < 0) continue;
    node.parentElement?.scrollIntoView({ block: 'center' });
    const range = document.createRange();
    range.setStart(node, index);
    range.setEnd(node, index + text.length);
    const box = range.getBoundingClientRect();
    return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
  }
  return null;
}

/**
 * What the page's own scripts can find of what was added to it: every element under the root
 * element but <head> and <body>, and every iframe in the document, with the size each shows at.
 */
export function addedToPage(): AddedElement[] {
  const found = new Set<Element>();
  for (const child of Array.from(document.documentElement.children)) {
    if (child !== document.head && child !== document.body) found.add(child);
  }
  for (const frame of Array.from(document.querySelectorAll('iframe'))) found.add(frame);
  return [...found].map((element) => {
    const box = element.getBoundingClientRect();
    return {
      tag: element.localName,
      id: element.id,
      width: Math.round(box.width),
      height: Math.round(box.height),
      readableInside:
        !!element.shadowRoot || (element instanceof HTMLIFrameElement && element.contentDocument !== null),
    };
  });
}

/** Calls a function the page itself defines on window, with these arguments. */
export function callPageFunction([name, args]: [string, string[]]): void {
  const fn = (window as unknown as Record<string, unknown>)[name];
  if (typeof fn !== 'function') throw new Error(`The page defines no function ${name}.`);
  (fn as (...values: string[]) => void)(...args);
}

/** A value the page's own script keeps on window, as JSON. */
export function pageValue(name: string): unknown {
  return JSON.parse(JSON.stringify((window as unknown as Record<string, unknown>)[name] ?? null));
}

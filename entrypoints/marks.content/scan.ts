/**
 * Reads a page's text for phone numbers and email addresses, a slice at a time, for the known-lead
 * marks. It walks text nodes only (the page is never changed), skips what is not shown as text
 * (scripts, styles, form fields, templates) and keeps its place between slices, inside a long text
 * too, so the page's main thread is never held for more than a slice.
 */
import { contactsInText } from '@/utils/selection-check';

/** A contact as written in one text node of the page. */
export interface Occurrence {
  node: Text;
  start: number;
  end: number;
  value: string;
  /** Found in text the page added or changed after its first read (by script, as a rule). */
  added?: boolean;
}

/** Elements whose text is not shown as text, or not the page's to mark. */
const SKIPPED = 'script,style,noscript,template,textarea,select,option,head,title,svg,math,iframe,object,[hidden]';
/** Characters a long text is read in at a time: a few hundred microseconds of matching. */
const SLICE_CHARS = 4_096;
/** Elements looked at for an open shadow root between two looks at the clock. */
const ELEMENTS_AT_A_TIME = 512;
/** A text too short to hold a seven-digit number or an address is passed over. */
const MIN_LENGTH = 6;
/** Seven digits with little between them (a phone number's least, full-width ones too), or an @. */
const WORTH_READING = /@|[\d\uff10-\uff19](?:[^\d\uff10-\uff19]{0,3}[\d\uff10-\uff19]){6}/;

export interface PageScanner {
  /** Queues a part of the page to read (again); `added`: the page just added or changed it. */
  add(node: Node, added?: boolean): void;
  /** Reads until `timeUp()` says so; the contacts found. */
  step(timeUp: () => boolean): Occurrence[];
  /** Whether anything queued is still unread. */
  readonly pending: boolean;
  /** Forgets everything queued. */
  clear(): void;
}

const SKIPPED_NAMES = new Set(SKIPPED.split(',').filter((name) => !name.startsWith('[')));

/** Whether an element's text is never read, remembered per element for its siblings and cousins. */
function skippedUnder(element: Element | null, known: WeakMap<Element, boolean>): boolean {
  if (!element) return false;
  let skipped = known.get(element);
  if (skipped === undefined) {
    skipped =
      SKIPPED_NAMES.has(element.localName) ||
      (element as HTMLElement).hidden === true ||
      skippedUnder(element.parentElement, known);
    known.set(element, skipped);
  }
  return skipped;
}

/**
 * Walks the page with the browser's own tree walkers, with no filter of ours: a filter is a call
 * into script for every node, which on a large page costs more than all the reading. Text nodes
 * are walked first; then the same part of the page is walked for open shadow roots (web
 * components, Salesforce's Lightning pages), each read in turn and handed to `onShadowRoot`, which
 * may watch it for changes like the document.
 */
export function createPageScanner(onShadowRoot: (root: ShadowRoot) => void = () => undefined): PageScanner {
  const queue: Array<{ node: Node; added: boolean }> = [];
  let texts: TreeWalker | null = null;
  let elements: TreeWalker | null = null;
  let reading: { node: Text; at: number; added: boolean } | null = null;
  /** Whether the part of the page being walked was added after the first read. */
  let walkingAdded = false;
  let skipped = new WeakMap<Element, boolean>();

  /** Whether a text node is worth reading: long enough, with seven digits or an @, and shown as text. */
  function readable(node: Text): boolean {
    const text = node.data;
    return text.length >= MIN_LENGTH && WORTH_READING.test(text) && !skippedUnder(node.parentElement, skipped);
  }

  function shadowOf(element: Element): void {
    const shadow = element.shadowRoot;
    if (!shadow) return;
    queue.push({ node: shadow, added: walkingAdded });
    onShadowRoot(shadow);
  }

  /** The next text to read, or null once everything queued is read; `timeUp` bounds the walk for shadow roots. */
  function nextText(timeUp: () => boolean): Text | null | 'later' {
    for (;;) {
      if (texts) {
        for (let node = texts.nextNode() as Text | null; node; node = texts.nextNode() as Text | null) {
          if (readable(node)) return node;
        }
        texts = null;
      }
      if (elements) {
        for (let i = 0; i < ELEMENTS_AT_A_TIME; i += 1) {
          const element = elements.nextNode() as Element | null;
          if (!element) {
            elements = null;
            break;
          }
          shadowOf(element);
        }
        if (elements && timeUp()) return 'later';
        if (elements) continue;
      }
      const next = queue.shift();
      if (!next) return null;
      const root = next.node;
      walkingAdded = next.added;
      if (!root.isConnected) continue;
      if (root.nodeType === Node.TEXT_NODE) {
        if (readable(root as Text)) return root as Text;
        continue;
      }
      if (root.nodeType === Node.ELEMENT_NODE) {
        if ((root as Element).closest(SKIPPED)) continue;
        // A walker never shows its own root: a component the page just added is its root.
        shadowOf(root as Element);
      } else if (root.nodeType !== Node.DOCUMENT_FRAGMENT_NODE && root.nodeType !== Node.DOCUMENT_NODE) {
        continue;
      }
      texts = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      elements = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
    }
  }

  return {
    add(node, added = false) {
      // The page changed: what was hidden or shown may not be any more.
      skipped = new WeakMap();
      queue.push({ node, added });
    },
    step(timeUp) {
      const found: Occurrence[] = [];
      do {
        if (!reading) {
          const node = nextText(timeUp);
          if (node === 'later') break;
          if (!node) break;
          reading = { node, at: 0, added: walkingAdded };
        }
        const { node, at, added } = reading;
        const text = node.data;
        const { found: contacts, next } = contactsInText(text, at, Math.min(text.length, at + SLICE_CHARS));
        for (const contact of contacts)
          found.push({ node, start: contact.start, end: contact.end, value: contact.value, ...(added && { added }) });
        reading = next >= text.length ? null : { node, at: next, added };
      } while (!timeUp());
      return found;
    },
    get pending() {
      return reading !== null || texts !== null || elements !== null || queue.length > 0;
    },
    clear() {
      queue.length = 0;
      texts = null;
      elements = null;
      reading = null;
    },
  };
}

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
}

/** Elements whose text is not shown as text, or not the page's to mark. */
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'textarea', 'select', 'option', 'head', 'title', 'svg', 'math', 'iframe', 'object']);
/** Characters a long text is read in at a time: a few hundred microseconds of matching. */
const SLICE_CHARS = 8_192;
/** A text too short to hold a seven-digit number or an address is passed over. */
const MIN_LENGTH = 6;
const WORTH_READING = /[\d@]/;

export interface PageScanner {
  /** Queues a part of the page to read (again), e.g. one the page just added or changed. */
  add(node: Node): void;
  /** Reads until `timeUp()` says so; the contacts found. */
  step(timeUp: () => boolean): Occurrence[];
  /** Whether anything queued is still unread. */
  readonly pending: boolean;
  /** Forgets everything queued. */
  clear(): void;
}

function filter(node: Node): number {
  if (node.nodeType === Node.TEXT_NODE) {
    const text = (node as Text).data;
    return text.length >= MIN_LENGTH && WORTH_READING.test(text) ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP;
  }
  const element = node as Element;
  if (SKIPPED.has(element.localName) || (element as HTMLElement).hidden) return NodeFilter.FILTER_REJECT;
  return NodeFilter.FILTER_SKIP;
}

/**
 * `onShadowRoot` hears of each open shadow root met on the way (web components, Salesforce's
 * Lightning pages), which is read too and may be watched for changes like the document.
 */
export function createPageScanner(onShadowRoot: (root: ShadowRoot) => void = () => undefined): PageScanner {
  const queue: Node[] = [];
  const acceptNode = (node: Node): number => {
    const verdict = filter(node);
    const shadow = (node as Element).shadowRoot;
    if (verdict === NodeFilter.FILTER_SKIP && shadow) {
      queue.push(shadow);
      onShadowRoot(shadow);
    }
    return verdict;
  };
  let walker: TreeWalker | null = null;
  let reading: { node: Text; at: number } | null = null;

  function nextText(): Text | null {
    for (;;) {
      if (walker) {
        const node = walker.nextNode();
        if (node) return node as Text;
        walker = null;
      }
      const root = queue.shift();
      if (!root) return null;
      if (!root.isConnected) continue;
      if (root.nodeType === Node.TEXT_NODE) {
        if (filter(root) === NodeFilter.FILTER_ACCEPT && !insideSkipped(root)) return root as Text;
        continue;
      }
      if (root.nodeType !== Node.ELEMENT_NODE && root.nodeType !== Node.DOCUMENT_FRAGMENT_NODE) continue;
      if (root.nodeType === Node.ELEMENT_NODE) {
        if (filter(root) === NodeFilter.FILTER_REJECT || insideSkipped(root)) continue;
        // A walker never shows its filter its own root: a component the page just added is its root.
        acceptNode(root);
      }
      walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, { acceptNode });
    }
  }

  return {
    add(node) {
      queue.push(node);
    },
    step(timeUp) {
      const found: Occurrence[] = [];
      do {
        if (!reading) {
          const node = nextText();
          if (!node) break;
          reading = { node, at: 0 };
        }
        const { node, at } = reading;
        const text = node.data;
        const { found: contacts, next } = contactsInText(text, at, Math.min(text.length, at + SLICE_CHARS));
        for (const contact of contacts) found.push({ node, start: contact.start, end: contact.end, value: contact.value });
        reading = next >= text.length ? null : { node, at: next };
      } while (!timeUp());
      return found;
    },
    get pending() {
      return reading !== null || walker !== null || queue.length > 0;
    },
    clear() {
      queue.length = 0;
      walker = null;
      reading = null;
    },
  };
}

/** Whether a node added on its own sits inside an element that is never read. */
function insideSkipped(node: Node): boolean {
  for (let parent = node.parentElement; parent; parent = parent.parentElement) {
    if (SKIPPED.has(parent.localName) || parent.hidden) return true;
  }
  return false;
}

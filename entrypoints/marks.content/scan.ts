/**
 * Reads a page's text for phone numbers and email addresses, a slice at a time, for the known-lead
 * marks. It walks the page's elements and text (the page is never changed), skips what is not
 * shown as text (scripts, styles, form fields, templates), leaves the parts far from the screen
 * until they come near it, and keeps its place between slices, inside a long text too, so the
 * page's main thread is never held for more than a slice.
 */
import { contactsInText } from '@/utils/selection-check';
import { firstWhere, type FarParts, type Place } from './far';

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
/** Nodes walked between two looks at the clock. */
const NODES_AT_A_TIME = 32;
/** A text too short to hold a seven-digit number or an address is passed over. */
const MIN_LENGTH = 6;
/** Seven digits with little between them (a phone number's least, full-width ones too), or an @. */
const WORTH_READING = /@|[\d\uff10-\uff19](?:[^\d\uff10-\uff19]{0,3}[\d\uff10-\uff19]){6}/;

export interface PageScanner {
  /** Queues a part of the page to read (again); `added`: the page just added or changed it. */
  add(node: Node, added?: boolean): void;
  /** Reads until `timeUp()` says so; the contacts found. */
  step(timeUp: () => boolean): Occurrence[];
  /** Whether anything queued is still unread (parts far from the screen wait without counting). */
  readonly pending: boolean;
  /** Forgets everything queued, and the parts far from the screen. */
  clear(): void;
}

const SKIPPED_NAMES = new Set(SKIPPED.split(',').filter((name) => !name.startsWith('[')));

/** An element whose text is never read (with everything in it). */
const skippedElement = (element: Element): boolean =>
  SKIPPED_NAMES.has(element.localName) || (element as HTMLElement).hidden === true;

/** Whether a text is worth reading: long enough, with seven digits or an @. */
const worthReading = (node: Text): boolean => node.length >= MIN_LENGTH && WORTH_READING.test(node.data);

/** Fewer rows than this far from the screen are held one by one. */
const SHORTEST_RUN = 8;
/** The most rows one run holds: a longer list is held in several. */
const LONGEST_RUN = 2_048;
const NOT_BLANK = /\S/;

/**
 * A list's rows far from the screen: an element far above or below it and the element siblings
 * after it that are as far, up to a sibling text that is more than spaces (read with what comes
 * after it). The page lays a list out one row after another, so the last of them is found by
 * halving, from a few boxes. Fewer than `SHORTEST_RUN` rows: the element alone.
 */
function runFrom(first: Element, where: Place, place: (element: Element) => Place, timeUp: () => boolean): Element[] {
  const run = [first];
  for (let node = first.nextSibling, seen = 1; node && run.length < LONGEST_RUN; node = node.nextSibling, seen++) {
    if (node.nodeType === Node.ELEMENT_NODE) run.push(node as Element);
    else if (node.nodeType === Node.TEXT_NODE && NOT_BLANK.test((node as Text).data)) break;
    if (seen % NODES_AT_A_TIME === 0 && timeUp()) break;
  }
  // A page's scripts at the end of its body have no box: the walk passes over them itself.
  while (run.length > 1 && skippedElement(run[run.length - 1]!)) run.pop();
  const end = run.length < SHORTEST_RUN ? 1 : firstWhere(run, (element) => place(element) !== where, 1);
  return end >= SHORTEST_RUN ? run.slice(0, end) : [first];
}

/** Moves the walker past the subtree of the node it is on; the next node, or null past the root's. */
function pastSubtree(walker: TreeWalker): Node | null {
  for (;;) {
    const sibling = walker.nextSibling();
    if (sibling) return sibling;
    if (!walker.parentNode()) return null;
  }
}

/**
 * Walks the page with the browser's own tree walker, with no filter of ours (a filter is a call
 * into script for every node, which on a large page costs more than all the reading), over
 * elements and text at once: it passes over what is never read (scripts, styles, form fields,
 * hidden elements) and, when `far` is given, over parts far from the screen, which `far` watches
 * and hands back to be read once they come near. Open shadow roots (web components, Salesforce's
 * Lightning pages) are read after the part of the page they are in, each handed to
 * `onShadowRoot`, which may watch it for changes like the document.
 */
export function createPageScanner(
  onShadowRoot: (root: ShadowRoot) => void = () => undefined,
  far: FarParts | null = null,
  onNear: () => void = () => undefined,
): PageScanner {
  const queue: Array<{ node: Node; added: boolean }> = [];
  let walker: TreeWalker | null = null;
  /** The node the walker stands on and has not read yet, when a step ran out of time there. */
  let upcoming: Node | null = null;
  let reading: { node: Text; at: number; added: boolean } | null = null;
  /** Whether the part of the page being walked was added after the first read. */
  let walkingAdded = false;

  function shadowOf(element: Element): void {
    const shadow = element.shadowRoot;
    if (!shadow) return;
    queue.push({ node: shadow, added: walkingAdded });
    onShadowRoot(shadow);
  }

  /** Leaves elements far from the screen to be read when each comes near. */
  function later(elements: Element[], added: boolean): void {
    far?.hold(elements, (element) => {
      queue.push({ node: element, added });
      onNear();
    });
  }

  /** The next text to read, or null once everything queued is read; `timeUp` bounds a walk through elements. */
  function nextText(timeUp: () => boolean): Text | null | 'later' {
    const place = far?.placer();
    for (;;) {
      if (walker) {
        let node = upcoming ?? walker.nextNode();
        upcoming = null;
        // Nodes left to walk before the next look at the clock (a run held counts each of its rows).
        for (let left = NODES_AT_A_TIME; node; left--) {
          if (node.nodeType === Node.TEXT_NODE) {
            if (worthReading(node as Text)) return node as Text;
            node = walker.nextNode();
          } else {
            const element = node as Element;
            const where = skippedElement(element) ? null : (place?.(element) ?? 0);
            if (where === null) node = pastSubtree(walker);
            else if (where !== 0) {
              const run = runFrom(element, where, place!, timeUp);
              left -= run.length;
              later(run, walkingAdded);
              walker.currentNode = run[run.length - 1]!;
              node = pastSubtree(walker);
            } else {
              shadowOf(element);
              node = walker.nextNode();
            }
          }
          if (node && left <= 0) {
            left = NODES_AT_A_TIME;
            if (!timeUp()) continue;
            // The walker stands on it: the next step starts there.
            upcoming = node;
            return 'later';
          }
        }
        walker = null;
      }
      const next = queue.shift();
      if (!next) return null;
      const root = next.node;
      walkingAdded = next.added;
      if (!root.isConnected) continue;
      if (root.nodeType === Node.TEXT_NODE) {
        if (worthReading(root as Text) && !(root as Text).parentElement?.closest(SKIPPED)) return root as Text;
        continue;
      }
      if (root.nodeType === Node.ELEMENT_NODE) {
        if ((root as Element).closest(SKIPPED)) continue;
        if (place && place(root as Element) !== 0) {
          later([root as Element], walkingAdded);
          continue;
        }
        // A walker never shows its own root: a component the page just added is its root.
        shadowOf(root as Element);
      } else if (root.nodeType !== Node.DOCUMENT_FRAGMENT_NODE && root.nodeType !== Node.DOCUMENT_NODE) {
        continue;
      }
      walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    }
  }

  return {
    add(node, added = false) {
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
      return reading !== null || walker !== null || queue.length > 0;
    },
    clear() {
      queue.length = 0;
      walker = null;
      upcoming = null;
      reading = null;
      far?.clear();
    },
  };
}

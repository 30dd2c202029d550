/**
 * Reads a page for the panel ("Leads on this page"): every phone number and email in its text
 * (open shadow roots too, with the marks' scanner and the one finder), in `tel:` and `mailto:`
 * links, and in form fields, with a few words of the row, item or paragraph each is in. It starts
 * in idle time and reads a slice of at most `SLICE_MS` at a time, each a task of its own (the
 * page's input and drawing go between them), sends what it found once the page is read, and reads
 * again when the page changes (a new mail in the list, the next page of results). The page is
 * never changed.
 */
import { createPageScanner } from '@/entrypoints/marks.content/scan';
import { SLICE_MS } from '@/entrypoints/marks.content/marks';
import { contactsInText } from '@/utils/selection-check';
import { CONTEXT_CHARS, MAX_PAGE_CONTACTS, type PageContact } from '@/utils/page-contacts';

/** What one person's details are written in: the row, item or paragraph around a value. */
const RECORD = 'tr,li,[role=row],[role=listitem],article,address,p,dd';
const LINKS = 'a[href^="tel:" i],a[href^="mailto:" i]';
const FIELDS = 'input:not([type=hidden]):not([type=password]),textarea';
const WATCHED: MutationObserverInit = { childList: true, subtree: true, characterData: true };
/** A page that keeps changing is read again once it has been still this long. */
const READ_AGAIN_AFTER_MS = 400;

export interface PageReaderDeps {
  /** Hands the frame's contacts to the panel. */
  send: (contacts: PageContact[]) => void;
  /** Runs `work` when the page is idle (requestIdleCallback, where there is one): where a read starts. */
  idle?: (work: () => void) => void;
  /** Runs `work` as a task of its own, after whatever the page has queued: each next slice. */
  soon?: (work: () => void) => void;
  later?: (work: () => void, ms: number) => void;
  now?: () => number;
  root?: Document;
}

function whenIdle(work: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(work, { timeout: 500 });
  else setTimeout(work, 0);
}

type Scheduler = { postTask(task: () => void): Promise<unknown> };

/**
 * A task of its own (scheduler.postTask where there is one, which no timer clamping delays): the
 * page's input and drawing go first, and a page busy with its own tasks still takes turns with it.
 */
function asTask(work: () => void): void {
  const scheduler = (globalThis as { scheduler?: Scheduler }).scheduler;
  if (typeof scheduler?.postTask === 'function') void scheduler.postTask(work);
  else setTimeout(work, 0);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A few words of the record's text, the value itself left out. */
export function contextOf(record: Element | null, value: string): string {
  // Text node by text node: a row's cells have no space between them in its textContent.
  const parts: string[] = [];
  const walker = record && document.createTreeWalker(record, NodeFilter.SHOW_TEXT);
  for (let node = walker?.nextNode(); node; node = walker?.nextNode()) parts.push((node as Text).data);
  const text = parts.join(' ').split(value).join(' ').replace(/\s+/g, ' ').trim();
  if (text.length <= CONTEXT_CHARS) return text;
  const cut = text.slice(0, CONTEXT_CHARS);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), CONTEXT_CHARS / 2))}…`;
}

export function createPageReader(deps: PageReaderDeps) {
  const idle = deps.idle ?? whenIdle;
  const soon = deps.soon ?? asTask;
  const later = deps.later ?? ((work: () => void, ms: number) => void setTimeout(work, ms));
  const now = deps.now ?? (() => performance.now());
  const root = deps.root ?? document;
  const roots = new Set<ParentNode>();
  const observer = new MutationObserver(() => changed());
  const scanner = createPageScanner((shadow) => {
    roots.add(shadow);
    observer.observe(shadow, WATCHED);
  });
  /** What was found so far in this read: each value as written, with the records it is in (the first gives its context). */
  let found = new Map<string, Set<Element | null>>();
  let reading = false;
  let readAgain = false;
  let last: PageContact[] | null = null;
  let waiting = false;

  function note(value: string, where: Element | null): void {
    const record = where?.closest(RECORD) ?? where;
    const records = found.get(value);
    if (records) records.add(record);
    else if (found.size < MAX_PAGE_CONTACTS) found.set(value, new Set([record]));
  }

  /** Links and fields: few on any page, read in the slice after the text. */
  function linksAndFields(): void {
    for (const scope of [root, ...roots]) {
      for (const link of scope.querySelectorAll<HTMLAnchorElement>(LINKS)) {
        const address = safeDecode(link.getAttribute('href') ?? '').split('?')[0];
        if (address) note(address, link);
      }
      for (const field of scope.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(FIELDS)) {
        for (const contact of contactsInText(field.value.slice(0, 10_000)).found) note(contact.value, field);
      }
    }
  }

  /**
   * After the text: links and fields in one slice, then each value's few words a slice at a
   * time (200 values' words take several milliseconds), then the send in a task of its own.
   */
  function finish(): void {
    linksAndFields();
    const inRecord = new Map<Element, Set<string>>();
    for (const [value, records] of found) {
      for (const record of records) if (record) inRecord.set(record, (inRecord.get(record) ?? new Set()).add(value));
    }
    const values = [...found];
    const described: PageContact[] = [];
    const describe = (): void => {
      const end = now() + SLICE_MS;
      do {
        const [value, records] = values[described.length]!;
        const near = new Set([...records].flatMap((record) => [...((record && inRecord.get(record)) ?? [])]));
        near.delete(value);
        described.push({ value, context: contextOf([...records][0] ?? null, value), near: [...near] });
      } while (described.length < values.length && now() < end);
      soon(described.length < values.length ? describe : done);
    };
    const done = (): void => {
      last = described;
      reading = false;
      deps.send(last);
      if (readAgain) changed();
    };
    soon(values.length > 0 ? describe : done);
  }

  function slice(): void {
    const end = now() + SLICE_MS;
    for (const occurrence of scanner.step(() => now() >= end)) note(occurrence.value, occurrence.node.parentElement);
    // Not the next idle time: on a page on screen that is the next frame's, up to 16 ms a slice
    // away, and 200 contacts read in 11 ms took 160 ms.
    soon(scanner.pending ? slice : finish);
  }

  function read(): void {
    reading = true;
    readAgain = false;
    found = new Map();
    scanner.clear();
    scanner.add(root);
    idle(slice);
  }

  function changed(): void {
    if (reading) {
      readAgain = true;
      return;
    }
    if (waiting) return;
    waiting = true;
    later(() => {
      waiting = false;
      read();
    }, READ_AGAIN_AFTER_MS);
  }

  return {
    start(): void {
      observer.observe(root, WATCHED);
      read();
    },
    /** A panel that just opened asks: what was found, or the read under way once it ends. */
    sendAgain(): void {
      if (last && !reading) deps.send(last);
    },
    stop(): void {
      observer.disconnect();
      scanner.clear();
    },
  };
}

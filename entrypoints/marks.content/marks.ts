/**
 * Known-lead marks on a page (the popup's "Mark known leads on this site"): this script runs only
 * on sites where the user turned them on (see utils/marks.ts). In idle time, a slice at a time, it
 * reads the page's text for phone numbers and email addresses, near the screen first and the rest
 * as the page is scrolled near it (far.ts); once a value has been readable on
 * screen for a moment (readable.ts), it asks the background which are leads in the copy on this
 * device, and draws a mark beside each known one; it reads the page again, only where it changed,
 * as the page changes. Clicking a mark opens the card.
 *
 * Only the values as written on the page go to the background, and the background answers from
 * the device copy alone: nothing leaves the browser, and the page's DOM never holds who a lead is.
 * The background answers a page load only within its budget, and a page that adds values by
 * script in bulk is not marked at all: marks stop on it, which the popup says.
 *
 * One file past 400 lines: reading, asking and drawing share the answers and the questions in
 * flight, which a refresh (another account) or a stop must drop together.
 */
import type { KnownLeads, KnownValue } from '@/utils/protocol';
import {
  ADDED_IN_BULK,
  ADDED_IN_BULK_MS,
  MARKS_HOOK,
  MAX_VALUES_ASKED,
  type MarksControl,
  type OpenMark,
} from '@/utils/marks';
import { createMessenger } from '@/entrypoints/content/messenger';
import { loadSelectionScript } from '@/entrypoints/content/on-demand';
import { contactsInText } from '@/utils/selection-check';
import { createMarksOverlay, type WatchNear } from './overlay';
import { farFromScreen, type FarParts } from './far';
import { createPageScanner, type Occurrence } from './scan';
import { createReadableGate, type ReadableOptions } from './readable';

/**
 * The longest the page's main thread is held at a time, less room for the last piece of text
 * read and for a garbage collection that may land in the slice (the budget is 5 ms).
 */
export const SLICE_MS = 2;
const WATCHED: MutationObserverInit = { childList: true, subtree: true, characterData: true };
/** Marks drawn in one slice. */
const DRAWN_AT_A_TIME = 200;
/** A line with a number and an address, read once before the page is: see `watch`. */
const WARM_UP = 'Call +1 (415) 555-0134 or write to jane@example.com';
/** Values asked about together, once the scan has found this many or paused. */
const BATCH = MAX_VALUES_ASKED;

type World = Record<string, unknown>;

export interface MarksDeps {
  ask: (values: string[]) => Promise<KnownLeads | null>;
  /** Tells the background that marks stopped on this page: it added values in bulk. */
  addedInBulk: () => void;
  label: (known: KnownValue) => string;
  open: OpenMark;
  /** Runs `work` when the page is idle (requestIdleCallback, where there is one). */
  idle?: (work: () => void) => void;
  /** Which marked elements are near the viewport (overlay.ts); null: every one. */
  watchNear?: WatchNear | null;
  /** Parts of the page far from the screen, read when they come near (far.ts); null: the whole page at once. */
  far?: FarParts | null;
  /** When a value is readable on screen (readable.ts); by default the selections' rule, after a moment on screen. */
  readable?: Pick<ReadableOptions, 'watchOnScreen' | 'readable' | 'later' | 'pageHidden' | 'whenPageShown'>;
  /** Runs `work` before the next frame (requestAnimationFrame). */
  frame?: (work: () => void) => void;
  /** Runs `work` in `ms` (setTimeout): a question the background could not take is asked again then. */
  later?: (work: () => void, ms: number) => void;
  now?: () => number;
}

/**
 * When a question the background could not take is asked again. Firefox unloads an idle event
 * page, and a message that reaches it as it goes gets no answer ("Receiving end does not
 * exist"); the next message starts it anew. Without asking again, the values of that question
 * would go unmarked until the page changed.
 */
export const ASK_AGAIN_AFTER_MS: readonly number[] = [250, 1_000, 3_000];

function requestFrame(work: () => void): void {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => work());
  else setTimeout(work, 16);
}

function whenIdle(work: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(work, { timeout: 1_000 });
  else setTimeout(work, 16);
}

export function createMarks(
  deps: MarksDeps,
): MarksControl & { readonly count: number; readonly settled: Promise<void> } {
  const now = deps.now ?? (() => performance.now());
  const idle = deps.idle ?? whenIdle;
  const later = deps.later ?? ((work: () => void, ms: number) => void setTimeout(work, ms));
  /** Answers so far, by value as written: its mark, or null for a value that is no known lead. */
  const answers = new Map<string, KnownValue | null>();
  /** Occurrences of values not answered yet, by value. */
  const waiting = new Map<string, Occurrence[]>();
  /** Values the page added after its first read, and when: many in a short time is a page writing them in bulk. */
  const added = new Map<string, number>();
  /** Bumped by each refresh: an answer to a question asked before it is the old account's. */
  let generation = 0;
  let stopped = false;
  let scheduled = false;
  /** Questions in flight and drawing still to do, which `settled` waits for. */
  let unfinished = 0;
  let settle: (() => void) | null = null;
  let settled = Promise.resolve();

  const overlay = createMarksOverlay({
    label: deps.label,
    onOpen: deps.open,
    onBroken: () => control.stop(),
    ...(deps.watchNear === undefined ? {} : { watchNear: deps.watchNear }),
  });
  const far = deps.far === undefined ? farFromScreen() : deps.far;
  const scanner = createPageScanner(
    (root) => observer.observe(root, WATCHED),
    far,
    () => schedule(),
  );
  const gate = createReadableGate({ ...deps.readable, now, onReadable: (readable) => readableFound(readable) });

  function busy(): void {
    if (!settle) settled = new Promise((resolve) => (settle = resolve));
  }

  function maybeSettled(): void {
    if (settle && !scheduled && unfinished === 0 && !scanner.pending) {
      settle();
      settle = null;
    }
  }

  function schedule(): void {
    if (scheduled || stopped) return;
    busy();
    scheduled = true;
    idle(run);
  }

  function run(): void {
    scheduled = false;
    if (stopped) return;
    const until = now() + SLICE_MS;
    const found = scanner.step(() => now() >= until);
    if (pageAddsInBulk(found)) {
      deps.addedInBulk();
      control.stop();
      return;
    }
    gate.add(found);
    if (scanner.pending) schedule();
    maybeSettled();
  }

  /** Whether, with these, the page has added more values than `ADDED_IN_BULK` within `ADDED_IN_BULK_MS`. */
  function pageAddsInBulk(found: readonly Occurrence[]): boolean {
    const at = now();
    for (const { value, added: byPage } of found) if (byPage) added.set(value, at);
    if (added.size <= ADDED_IN_BULK) return false;
    for (const [value, since] of added) if (at - since > ADDED_IN_BULK_MS) added.delete(value);
    return added.size > ADDED_IN_BULK;
  }

  /** Occurrences a person can read now: drawn when known, asked about when not answered yet. */
  function readableFound(found: readonly Occurrence[]): void {
    if (stopped) return;
    const draw: Array<{ occurrence: Occurrence; known: KnownValue }> = [];
    const toAsk: string[] = [];
    for (const occurrence of found) {
      const answer = answers.get(occurrence.value);
      if (answer) draw.push({ occurrence, known: answer });
      if (answer !== undefined) continue;
      const list = waiting.get(occurrence.value);
      if (list) list.push(occurrence);
      else {
        waiting.set(occurrence.value, [occurrence]);
        toAsk.push(occurrence.value);
      }
    }
    drawInSlices(draw);
    askAbout(toAsk);
    maybeSettled();
  }

  function askAbout(values: string[]): void {
    const askedIn = generation;
    for (let i = 0; i < values.length; i += BATCH) {
      const batch = values.slice(i, i + BATCH);
      unfinished++;
      void askUntilTaken(batch, askedIn)
        .catch(() => null)
        .then((reply) => {
          unfinished--;
          if (stopped || askedIn !== generation) {
            maybeSettled();
            return;
          }
          // Past the page's budget: no more marks on it (the popup says why).
          if (reply?.stopped) {
            control.stop();
            return;
          }
          const known = new Map((reply?.known ?? []).map((entry) => [entry.value, entry]));
          const draw: Array<{ occurrence: Occurrence; known: KnownValue }> = [];
          for (const value of batch) {
            const answer = known.get(value) ?? null;
            // No answer at all (the copy is gone, or marks were turned off): ask again on a refresh.
            if (reply) answers.set(value, answer);
            for (const occurrence of waiting.get(value) ?? []) if (answer) draw.push({ occurrence, known: answer });
            waiting.delete(value);
          }
          // Drawn in idle time too, a slice's worth at a time.
          drawInSlices(draw);
          maybeSettled();
        });
    }
  }

  /** The background's answer to `values`, asked again while it cannot be reached (and the question still stands). */
  async function askUntilTaken(values: string[], askedIn: number): Promise<KnownLeads | null> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await deps.ask(values);
      } catch (error) {
        const wait = ASK_AGAIN_AFTER_MS[attempt];
        if (wait === undefined || stopped || askedIn !== generation) throw error;
        await new Promise<void>((resolve) => later(resolve, wait));
      }
    }
  }

  function drawInSlices(draw: Array<{ occurrence: Occurrence; known: KnownValue }>): void {
    if (draw.length === 0) return;
    busy();
    unfinished++;
    const drawnIn = generation;
    const step = (from: number): void => {
      if (stopped) return;
      if (drawnIn !== generation) {
        unfinished--;
        maybeSettled();
        return;
      }
      // One group a slice: its boxes are all read, then its marks all written, so the page is
      // laid out once for it (and already was, when idle time comes after a frame).
      const to = Math.min(draw.length, from + DRAWN_AT_A_TIME);
      overlay.draw(draw.slice(from, to));
      if (to < draw.length) afterFrame(() => step(to));
      else {
        unfinished--;
        maybeSettled();
      }
    };
    afterFrame(() => step(0));
  }

  /**
   * Idle time after the next frame: the page has been laid out again since the last marks were
   * written, so reading the next group's boxes costs no layout of ours.
   */
  function afterFrame(work: () => void): void {
    (deps.frame ?? requestFrame)(() => idle(work));
  }

  const observer = new MutationObserver((records) => {
    let changed = false;
    for (const record of records) {
      if (record.type === 'characterData' && record.target.nodeType === Node.TEXT_NODE) {
        overlay.dropNode(record.target as Text);
        scanner.add(record.target, true);
        changed = true;
      } else if (record.type === 'childList') {
        for (const node of record.addedNodes) scanner.add(node, true);
        if (record.removedNodes.length > 0) {
          overlay.dropDetached();
          gate.dropDetached();
          gate.lookAgain();
        }
        changed = true;
      }
    }
    if (changed) {
      overlay.layoutSoon();
      // What the page added or took out may have brought a part far from the screen near it.
      far?.lookAgain();
      schedule();
    }
  });

  /** The read has begun (a refresh before the first read begins it there). */
  let begun = false;

  function watch(): void {
    begun = true;
    // The empty layer is made, then put in the page, each in a task of its own: on a large page,
    // together they are the costliest step of the start.
    later(() => {
      if (!stopped) overlay.prepare();
    }, 0);
    later(() => {
      if (!stopped) overlay.start();
    }, 0);
    // So is the reader's first use, which compiles its code and patterns: a few milliseconds that
    // would otherwise fall in the first slice of the read, on top of the slice's own work.
    later(() => {
      if (!stopped) contactsInText(WARM_UP);
    }, 0);
    const root = document.body ?? document.documentElement;
    scanner.add(root);
    observer.observe(root, WATCHED);
    schedule();
  }

  const control = {
    refresh() {
      if (stopped) return;
      generation++;
      answers.clear();
      waiting.clear();
      added.clear();
      gate.clear();
      overlay.clear();
      scanner.clear();
      observer.disconnect();
      watch();
    },
    stop() {
      stopped = true;
      observer.disconnect();
      scanner.clear();
      gate.clear();
      overlay.remove();
      settle?.();
      settle = null;
    },
    get count() {
      return overlay.count;
    },
    get settled() {
      return settled;
    },
  };
  // The read begins in a task after this one, which made the marks' parts (compiling their code):
  // on a large page each is a few milliseconds.
  later(() => {
    if (!stopped && !begun) watch();
  }, 0);
  return control;
}

/** The marks at work in this frame: their messages, this load's name, the page read and marked. */
function beginMarks(): MarksControl {
  const messenger = createMessenger({
    refreshMarks: () => {
      marks.refresh();
      return true;
    },
  });
  // This load of the page, as its budget in the background counts it: the page never sees it.
  const load = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(18))))
    .replace(/\+/g, '-')
    .replace(/\//g, '_');
  const marks = createMarks({
    ask: (values) => messenger.send('knownLeads', { values, load }),
    addedInBulk: () => void messenger.send('knownLeads', { values: [], load, bulk: true }).catch(() => null),
    label: (known) => known.label,
    // The selection script opens the card, brought into this world first where no gesture has.
    open: (...mark) =>
      void loadSelectionScript().then(
        (selection) => selection.openMark(...mark),
        () => undefined,
      ),
  });
  // This load, told at once, in a task of its own (the first touch of the extension's messaging
  // costs a few milliseconds): the popup then no longer says marks stopped on the page the tab
  // showed before.
  setTimeout(() => void messenger.send('knownLeads', { values: [], load }).catch(() => null), 0);
  return marks;
}

/**
 * The marks script's start: once per frame; a second start (the switch turned on again) reads the
 * page anew. The work begins in a task of its own rather than in the script's evaluation, so that
 * no one piece of the page's main thread holds both (on a large page each is a few milliseconds).
 */
export function startMarks(): void {
  const world = globalThis as unknown as World;
  const running = world[MARKS_HOOK] as MarksControl | undefined;
  if (running) {
    running.refresh();
    return;
  }
  let marks: MarksControl | null = null;
  let stopped = false;
  world[MARKS_HOOK] = {
    // Before the work begins there is nothing to refresh: it reads the page as it is then.
    refresh: () => marks?.refresh(),
    stop: () => {
      stopped = true;
      marks?.stop();
      delete world[MARKS_HOOK];
    },
  } satisfies MarksControl;
  setTimeout(() => {
    if (!stopped) marks = beginMarks();
  }, 0);
}

// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ADDED_IN_BULK, MAX_VALUES_ASKED } from '@/utils/marks';
import type { KnownLeads, KnownValue } from '@/utils/protocol';
import { catchClosedShadowRoots } from '@/entrypoints/content/closed-roots.testing';
import { ASK_AGAIN_AFTER_MS, createMarks, type MarksDeps } from './marks';
import type { WatchNear } from './overlay';
import type { Occurrence } from './scan';

/** An element with these children (text for strings), built without HTML. */
function el(tag: string, ...children: Array<Node | string>): HTMLElement {
  const element = document.createElement(tag);
  element.append(...children);
  return element;
}

const JANE = '(415) 555-0134';
const JANE_EMAIL = 'jane.cooper@acme.com';
const OLIVER = '+44 20 7946 0958';
const STRANGER = 'nobody@example.com';

/** The leads the fake background knows, by value as written on the page. */
const LEADS: Record<string, Omit<KnownValue, 'value'>> = {
  [JANE]: { color: '#16a34a', stage: 'Qualified', label: 'Known lead, Qualified' },
  [JANE_EMAIL]: { color: '#16a34a', stage: 'Qualified', label: 'Known lead, Qualified' },
  [OLIVER]: { color: null, stage: null, label: 'Known lead' },
};

/** The layer's closed shadow roots, caught as the overlay makes them (the page itself never can). */
const closedRoots = catchClosedShadowRoots();

const running: Array<{ stop(): void }> = [];

afterEach(() => {
  for (const marks of running.splice(0)) marks.stop();
  vi.restoreAllMocks();
});

/** The marks' buttons in the page's layer. */
function markButtons(): HTMLButtonElement[] {
  return closedRoots
    .filter((root) => root.host.isConnected)
    .flatMap((root) => Array.from(root.querySelectorAll('button')));
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

interface Options {
  /** What the background answers; by default the values of LEADS it was asked about. */
  ask?: MarksDeps['ask'];
  /** The visibility rule; by default every value is readable (happy-dom lays nothing out). */
  readable?: (occurrence: Occurrence) => boolean;
  /** Which elements are on screen; by default every one, from when it is found. */
  watchOnScreen?: WatchNear | null;
  /** A clock that moves 1 ms each time it is read (a page busy enough that slices end), or one that never moves. */
  clock?: 'moving' | 'still';
  /** The page starts in a tab behind another one. */
  hidden?: boolean;
  /** The page's clock reads this much short of a timer's delay when the timer runs (Firefox jitters performance.now()). */
  timersEarlyMs?: number;
}

function startMarks(options: Options = {}) {
  const idle: Array<() => void> = [];
  /** Work waiting for a timer; the clock moves on by the timer's delay when it runs. */
  const timers: Array<() => void> = [];
  const asked: string[][] = [];
  let bulk = 0;
  let time = 0;
  let pace = options.clock === 'moving' ? 1 : 0;
  let hidden = options.hidden ?? false;
  const shownCallbacks = new Set<() => void>();
  const answer = async (values: string[]): Promise<KnownLeads | null> => ({
    known: values.flatMap((value) => (LEADS[value] ? [{ value, ...LEADS[value] }] : [])),
  });
  const marks = createMarks({
    ask: (values) => {
      asked.push(values);
      return (options.ask ?? answer)(values);
    },
    label: (known) => (known.stage ? `Known lead, ${known.stage}` : 'Known lead'),
    addedInBulk: () => void (bulk += 1),
    open: () => undefined,
    idle: (work) => void idle.push(work),
    readable: {
      readable: options.readable ?? (() => true),
      watchOnScreen: options.watchOnScreen === undefined ? null : options.watchOnScreen,
      later: (work, ms) =>
        void timers.push(() => {
          time += ms - (options.timersEarlyMs ?? 0);
          work();
        }),
      pageHidden: () => hidden,
      whenPageShown: (shown) => {
        shownCallbacks.add(shown);
        return () => shownCallbacks.delete(shown);
      },
    },
    // Frames come at once here: what a test steps through is the idle time.
    frame: (work) => work(),
    later: (work, ms) =>
      void timers.push(() => {
        time += ms;
        work();
      }),
    // No layout here to tell what is near the viewport: every mark is.
    watchNear: null,
    now: () => (time += pace),
  });
  running.push(marks);
  // The read begins in the task after the one that made the marks.
  runTimers();

  /** Runs idle work and lets answers and page changes arrive until nothing is left to do; how many idle callbacks ran. */
  async function settle(): Promise<number> {
    let runs = 0;
    for (let quiet = 0; quiet < 2;) {
      await tick();
      if (idle.length === 0 && timers.length === 0) {
        quiet += 1;
        continue;
      }
      quiet = 0;
      while (idle.length > 0) {
        idle.shift()!();
        runs += 1;
      }
      runTimers();
    }
    return runs;
  }

  /** Runs the timers due, as if their time had come. */
  function runTimers(): void {
    for (const work of timers.splice(0)) work();
  }

  /** Runs the idle callbacks waiting now, and no more. */
  function runIdleOnce(): void {
    for (const work of idle.splice(0)) work();
  }

  /** From now on the clock moves (or stands still). */
  function clockMoves(moves: boolean): void {
    pace = moves ? 1 : 0;
  }

  /** The page's tab is brought to the front. */
  function bringToFront(): void {
    hidden = false;
    for (const shown of shownCallbacks) shown();
  }

  return { marks, asked, settle, runIdleOnce, runTimers, idle, clockMoves, bringToFront, bulkReports: () => bulk };
}

describe('known-lead marks on a page', () => {
  it('asks about the values found, as written, once each, and marks only the known ones', async () => {
    document.body.append(
      el('p', `Call Jane on ${JANE} or write to ${JANE_EMAIL}.`),
      el('p', `Oliver: ${OLIVER}. Someone else: ${STRANGER}.`),
      el('p', `Jane again: ${JANE}`),
      el('script', `const other = "${'+1 212 555 0199'}";`),
    );
    const { marks, asked, settle } = startMarks();
    await settle();

    expect(asked).toHaveLength(1);
    expect([...asked[0]!].sort()).toEqual([JANE, JANE_EMAIL, OLIVER, STRANGER].sort());
    // Jane's number twice, her email and Oliver's number; nothing for the stranger.
    expect(marks.count).toBe(4);
    expect(markButtons()).toHaveLength(4);
  });

  it('names each mark with its stage and colours it with the stage colour', async () => {
    document.body.append(el('p', `${JANE_EMAIL} and ${OLIVER}`));
    const { settle } = startMarks();
    await settle();

    const described = markButtons().map((button) => ({
      label: button.getAttribute('aria-label'),
      title: button.title,
      color: button.style.getPropertyValue('--c'),
    }));
    expect(described).toEqual([
      { label: 'Known lead, Qualified', title: 'Known lead, Qualified', color: '#16a34a' },
      { label: 'Known lead', title: 'Known lead', color: '' },
    ]);
  });

  it('writes nothing into the page: its text and elements stay as they were', async () => {
    const line = el('p', `Call Jane on ${JANE}`);
    document.body.append(line);
    const before = document.body.outerHTML;
    const { marks, settle } = startMarks();
    await settle();
    expect(marks.count).toBe(1);
    expect(document.body.outerHTML).toBe(before);
  });

  it(`asks about at most ${MAX_VALUES_ASKED} values a message, and about each value once`, async () => {
    const emails = Array.from({ length: 450 }, (_, i) => `lead${i}@example.com`);
    document.body.append(...emails.map((email) => el('p', `Write to ${email}`)), el('p', `And again ${emails[0]}`));
    const { asked, settle } = startMarks({ clock: 'moving' });
    await settle();

    expect(asked.length).toBeGreaterThanOrEqual(3);
    for (const values of asked) expect(values.length).toBeLessThanOrEqual(MAX_VALUES_ASKED);
    const all = asked.flat();
    expect(all).toHaveLength(emails.length);
    expect(new Set(all)).toEqual(new Set(emails));
  });

  it('reads the page again where it changes: a line added, a text changed, a line taken out', async () => {
    const first = el('p', `Oliver: ${OLIVER}`);
    document.body.append(first);
    const { marks, asked, settle } = startMarks();
    await settle();
    expect(marks.count).toBe(1);

    document.body.append(el('p', `New lead: ${JANE_EMAIL}`), el('p', `Oliver again: ${OLIVER}`));
    await settle();
    expect(marks.count).toBe(3);
    // Oliver's number was answered already: only the new value is asked about.
    expect(asked).toEqual([[OLIVER], [JANE_EMAIL]]);

    (first.firstChild as Text).data = `Call Jane on ${JANE}`;
    await settle();
    expect(marks.count).toBe(3);
    expect(asked.at(-1)).toEqual([JANE]);
    expect(markButtons().map((button) => button.getAttribute('aria-label'))).toContain('Known lead, Qualified');

    (first.firstChild as Text).data = 'Call Jane (number withheld)';
    await settle();
    expect(marks.count).toBe(2);

    document.body.lastElementChild!.remove();
    await settle();
    expect(marks.count).toBe(1);
    expect(markButtons()).toHaveLength(1);
  });

  it('reads and watches open shadow roots, as in web-component apps', async () => {
    const card = el('lead-card');
    const root = card.attachShadow({ mode: 'open' });
    root.append(el('p', `Email: ${JANE_EMAIL}`));
    document.body.append(card);
    const { marks, settle } = startMarks();
    await settle();
    expect(marks.count).toBe(1);

    root.append(el('p', `Phone: ${OLIVER}`));
    await settle();
    expect(marks.count).toBe(2);
  });

  it('marks a web component the page adds later, read through its shadow root', async () => {
    const { marks, settle } = startMarks();
    await settle();
    const card = el('lead-card');
    card.attachShadow({ mode: 'open' }).append(el('p', `Email: ${JANE_EMAIL}`));
    document.body.append(card);
    await settle();
    expect(marks.count).toBe(1);
  });

  it('takes every mark away and asks nothing more once stopped', async () => {
    document.body.append(el('p', `Call Jane on ${JANE}`));
    const { marks, asked, settle } = startMarks();
    await settle();
    expect(markButtons()).toHaveLength(1);

    marks.stop();
    expect(marks.count).toBe(0);
    expect(markButtons()).toEqual([]);
    expect(closedRoots.some((root) => root.host.isConnected)).toBe(false);

    document.body.append(el('p', `Write to ${JANE_EMAIL}`));
    marks.refresh();
    await settle();
    expect(asked).toEqual([[JANE]]);
    expect(marks.count).toBe(0);
  });

  it('stopped while an answer is on its way, draws nothing when it comes', async () => {
    document.body.append(el('p', `Call Jane on ${JANE}`));
    let reply: (answer: KnownLeads) => void = () => undefined;
    const { marks, settle } = startMarks({ ask: () => new Promise((resolve) => (reply = resolve)) });
    await settle();
    marks.stop();
    reply({ known: [{ value: JANE, color: null, stage: null, label: 'Known lead' }] });
    await settle();
    expect(marks.count).toBe(0);
    expect(markButtons()).toEqual([]);
  });

  it.each([
    // Asked again a few times, then given up on until the page changes.
    ['the background fails', () => Promise.reject(new Error('no background')), 1 + ASK_AGAIN_AFTER_MS.length],
    ['there is no copy to answer from', async () => null, 1],
  ])('draws nothing, and does not throw, when %s', async (_what, ask, times) => {
    document.body.append(el('p', `Call Jane on ${JANE}`));
    const { marks, asked, settle } = startMarks({ ask });
    await settle();
    expect(asked).toEqual(Array.from({ length: times }, () => [JANE]));
    expect(marks.count).toBe(0);
    expect(markButtons()).toEqual([]);
  });

  it('asks again when the background could not take the question (an event page unloading as it came)', async () => {
    document.body.append(el('p', `Jane: ${JANE}. Oliver: ${OLIVER}.`));
    let refusals = 2;
    const { marks, asked, settle } = startMarks({
      ask: async (values) => {
        if (refusals-- > 0) throw new Error('Could not establish connection. Receiving end does not exist.');
        return { known: values.flatMap((value) => (LEADS[value] ? [{ value, ...LEADS[value] }] : [])) };
      },
    });
    await settle();

    expect(asked).toHaveLength(3);
    expect(marks.count).toBe(2);
  });

  it('asks again on a refresh (another account, a new copy), and drops marks no longer known', async () => {
    document.body.append(el('p', `Call Jane on ${JANE} or Oliver on ${OLIVER}`));
    let known = [JANE, OLIVER];
    const { marks, asked, settle } = startMarks({
      ask: async (values) => ({
        known: values
          .filter((value) => known.includes(value))
          .map((value) => ({ value, color: null, stage: null, label: 'Known lead' })),
      }),
    });
    await settle();
    expect(marks.count).toBe(2);

    known = [OLIVER];
    marks.refresh();
    await settle();
    expect(asked).toHaveLength(2);
    expect(marks.count).toBe(1);
  });

  it('draws nothing from an answer to a question asked before a refresh (the account it was for is gone)', async () => {
    document.body.append(el('p', `Call Jane on ${JANE}`));
    const replies: Array<(reply: KnownLeads) => void> = [];
    const { marks, asked, settle } = startMarks({ ask: () => new Promise((resolve) => replies.push(resolve)) });
    await settle();
    expect(asked).toEqual([[JANE]]);
    marks.refresh();
    await settle();
    expect(asked).toEqual([[JANE], [JANE]]);
    // The first account's answer arrives late; the second account knows no one here.
    replies[0]!({ known: [{ value: JANE, color: null, stage: null, label: 'Known lead' }] });
    replies[1]!({ known: [] });
    await settle();
    expect(marks.count).toBe(0);
    expect(markButtons()).toEqual([]);
  });

  it('also marks a value found again while it is still being asked about', async () => {
    document.body.append(el('p', `Call Jane on ${JANE}`));
    const replies: Array<() => void> = [];
    const { marks, asked, settle } = startMarks({
      ask: (values) =>
        new Promise((resolve) =>
          replies.push(() =>
            resolve({ known: values.map((value) => ({ value, color: null, stage: null, label: 'Known lead' })) }),
          ),
        ),
    });
    await settle();
    document.body.append(el('p', `Jane again: ${JANE}`));
    await settle();
    expect(asked).toEqual([[JANE]]);
    for (const reply of replies) reply();
    await settle();
    expect(marks.count).toBe(2);
  });
});

describe('where a mark is drawn', () => {
  /** A line as a browser computes it: happy-dom gives no initial value for overflow-x/-y, a browser says "visible". */
  function line(text: string): HTMLElement {
    const element = el('p', text);
    element.style.overflowX = 'visible';
    element.style.overflowY = 'visible';
    return element;
  }

  /** Layout as a browser would give it, one box per value (happy-dom lays nothing out). */
  function boxes(box: (text: string) => DOMRect | null): void {
    vi.spyOn(Range.prototype, 'getClientRects').mockImplementation(function (this: Range) {
      const found = box(this.startContainer.textContent ?? '');
      return (found ? [found] : []) as unknown as DOMRectList;
    });
  }

  it('places the mark of a value far down the page too, for when the page is scrolled to it', async () => {
    boxes(() => new DOMRect(100, 50_000, 80, 20));
    document.body.append(line(`Call Jane on ${JANE}`));
    const { settle } = startMarks();
    await settle();
    expect(markButtons().map((button) => [button.hidden, button.style.transform])).toEqual([
      [false, 'translate(177px,49993px)'],
    ]);
  });

  it('puts a mark at the top right of the value it marks', async () => {
    boxes(() => new DOMRect(100, 50, 80, 20));
    document.body.append(line(`Call Jane on ${JANE}`));
    const { settle } = startMarks();
    await settle();
    const [mark] = markButtons();
    expect(mark?.hidden).toBe(false);
    expect(mark?.style.transform).toBe('translate(177px,43px)');
  });

  it.each([
    ['has no box (not laid out)', () => null],
    ['is an empty box', () => new DOMRect(100, 50, 0, 0)],
  ])('hides the mark of a value that %s, but keeps it for when it shows', async (_what, box) => {
    boxes(box);
    document.body.append(line(`Call Jane on ${JANE}`));
    const { marks, settle } = startMarks();
    await settle();
    expect(marks.count).toBe(1);
    expect(markButtons().map((button) => button.hidden)).toEqual([true]);
  });

  it('hides the mark of a value the page hides with its styles', async () => {
    boxes(() => new DOMRect(100, 50, 80, 20));
    const invisible = line(`Call Jane on ${JANE}`);
    invisible.style.visibility = 'hidden';
    document.body.append(invisible, line(`Or Oliver on ${OLIVER}`));
    const { settle } = startMarks();
    await settle();
    expect(markButtons().map((button) => [button.getAttribute('aria-label'), button.hidden])).toEqual([
      ['Known lead, Qualified', true],
      ['Known lead', false],
    ]);
  });

  it('hides the mark of a value scrolled out of the box that clips it', async () => {
    boxes((text) => (text.includes(JANE) ? new DOMRect(100, 500, 80, 20) : new DOMRect(100, 50, 80, 20)));
    const list = el('div', line(`Call Jane on ${JANE}`), line(`Or Oliver on ${OLIVER}`));
    list.style.overflowX = 'auto';
    list.style.overflowY = 'auto';
    vi.spyOn(list, 'getBoundingClientRect').mockReturnValue(new DOMRect(0, 0, 400, 200));
    document.body.append(list);
    const { settle } = startMarks();
    await settle();
    expect(markButtons().map((button) => button.hidden)).toEqual([true, false]);
  });
});

describe('holding the page only a slice at a time', () => {
  const page = (count: number) =>
    document.body.append(...Array.from({ length: count }, (_, i) => el('p', `Lead ${i}: lead${i}@example.com`)));

  it('reads a page in many idle slices when time runs on, and in one when it does not', async () => {
    page(40);
    const still = startMarks({ clock: 'still' });
    const stillRuns = await still.settle();
    still.marks.stop();

    const moving = startMarks({ clock: 'moving' });
    const movingRuns = await moving.settle();

    // Each slice ends 4 ms after it starts, and a still clock never gets there.
    expect(stillRuns).toBe(1);
    expect(movingRuns).toBeGreaterThanOrEqual(10);
    expect(moving.asked.flat().sort()).toEqual(still.asked.flat().sort());
  });

  it('draws many marks a group at a time, one group a slice', async () => {
    const emails = Array.from({ length: 150 }, (_, i) => `lead${i}@example.com`);
    for (const email of emails) LEADS[email] = { color: null, stage: null, label: 'Known lead' };
    try {
      // Each value written three times: 450 marks for 150 values, one answer.
      for (let round = 0; round < 3; round += 1) page(150);
      const { marks, settle, runIdleOnce, runTimers, idle } = startMarks({ clock: 'still' });
      runIdleOnce();
      // Every value has been on screen its moment: asked about, and answered.
      runTimers();
      await tick();
      expect(idle).toHaveLength(1);
      runIdleOnce();
      expect(marks.count).toBe(200);
      expect(idle).toHaveLength(1);
      await settle();
      expect(marks.count).toBe(450);
    } finally {
      for (const email of emails) delete LEADS[email];
    }
  });
});

describe('what a page can have the marks ask about', () => {
  /** A watch the test drives: an element is on screen when the test says so. */
  function screenWatch() {
    let report: Parameters<WatchNear>[0] = () => undefined;
    const watchOnScreen: WatchNear = (onChange) => {
      report = onChange;
      return { observe: () => undefined, unobserve: () => undefined, disconnect: () => undefined };
    };
    return { watchOnScreen, show: (element: Element, near: boolean) => report([{ element, near }]) };
  }

  it('asks only about values a person can read, as the visibility rule says', async () => {
    const faint = el('p', `Hidden: ${JANE_EMAIL}`);
    document.body.append(el('p', `Call Jane on ${JANE}`), faint);
    const { marks, asked, settle } = startMarks({ readable: ({ node }) => node.parentElement !== faint });
    await settle();
    expect(asked).toEqual([[JANE]]);
    expect(marks.count).toBe(1);
  });

  it('asks about a value only once it has been on screen for a moment, not when it flashes past', async () => {
    const shown = el('p', `Call Jane on ${JANE}`);
    const flashed = el('p', `Oliver: ${OLIVER}`);
    document.body.append(shown, flashed);
    const screen = screenWatch();
    const { asked, settle, runIdleOnce, runTimers } = startMarks({ watchOnScreen: screen.watchOnScreen });
    runIdleOnce();
    await settle();
    expect(asked).toEqual([]);

    screen.show(shown, true);
    screen.show(flashed, true);
    screen.show(flashed, false);
    runTimers();
    await settle();
    expect(asked).toEqual([[JANE]]);
  });

  it('asks about a value whose moment on screen its timer ended a millisecond early by the page clock', async () => {
    const line = el('p', `Call Jane on ${JANE}`);
    document.body.append(line);
    const screen = screenWatch();
    const { marks, asked, settle, runIdleOnce } = startMarks({ watchOnScreen: screen.watchOnScreen, timersEarlyMs: 1 });
    runIdleOnce();
    screen.show(line, true);
    await settle();
    expect(asked).toEqual([[JANE]]);
    expect(marks.count).toBe(1);
  });

  it('asks nothing while its tab is behind another, and about what is on screen once the tab is brought to the front', async () => {
    const line = el('p', `Call Jane on ${JANE}`);
    document.body.append(line);
    const screen = screenWatch();
    const { marks, asked, settle, runIdleOnce, bringToFront } = startMarks({
      watchOnScreen: screen.watchOnScreen,
      hidden: true,
    });
    runIdleOnce();
    screen.show(line, true);
    await settle();
    expect(asked).toEqual([]);

    bringToFront();
    await settle();
    expect(asked).toEqual([[JANE]]);
    expect(marks.count).toBe(1);
  });

  it('asks about a value under a banner once the page takes the banner away', async () => {
    const line = el('p', `Call Jane on ${JANE}`);
    const banner = el('div', 'We use cookies');
    document.body.append(line, banner);
    const { asked, settle } = startMarks({ readable: () => !banner.isConnected });
    await settle();
    expect(asked).toEqual([]);

    banner.remove();
    await settle();
    expect(asked).toEqual([[JANE]]);
  });

  it(`stops, takes its marks away and says so, when the page adds more than ${ADDED_IN_BULK} values by script at once`, async () => {
    document.body.append(el('p', `Call Jane on ${JANE}`));
    const { marks, asked, settle, bulkReports } = startMarks();
    await settle();
    expect(marks.count).toBe(1);

    const emails = Array.from({ length: ADDED_IN_BULK + 1 }, (_, i) => `probe${i}@example.com`);
    const list = el('div', ...emails.map((email) => el('span', `${email} `)), el('span', JANE_EMAIL));
    document.body.append(list);
    await settle();
    expect(bulkReports()).toBe(1);
    expect(marks.count).toBe(0);
    expect(markButtons()).toEqual([]);
    expect(asked).toEqual([[JANE]]);
  });

  it('keeps marking a page that adds a list a page at a time, as an inbox or a CRM table does', async () => {
    const { marks, settle, bulkReports } = startMarks();
    await settle();
    const rows = Array.from({ length: ADDED_IN_BULK - 1 }, (_, i) => el('p', `Row ${i}: row${i}@example.com`));
    document.body.append(...rows, el('p', `Jane: ${JANE}`));
    await settle();
    expect(bulkReports()).toBe(0);
    expect(marks.count).toBe(1);
  });

  it('stops and takes its marks away when the background says the page is past its budget', async () => {
    document.body.append(el('p', `Call Jane on ${JANE}`));
    let over = false;
    const { marks, asked, settle } = startMarks({
      ask: async (values) =>
        over
          ? { known: [], stopped: 'page' }
          : { known: values.map((value) => ({ value, color: null, stage: null, label: 'Known lead' })) },
    });
    await settle();
    expect(marks.count).toBe(1);

    over = true;
    document.body.append(el('p', `Oliver: ${OLIVER}`));
    await settle();
    expect(marks.count).toBe(0);
    expect(closedRoots.some((root) => root.host.isConnected)).toBe(false);

    document.body.append(el('p', `Write to ${JANE_EMAIL}`));
    await settle();
    expect(asked).toEqual([[JANE], [OLIVER]]);
  });

  it('puts its layer in the page before any mark, so a page with no lead on it sees the same', async () => {
    document.body.append(el('p', `Someone: ${STRANGER}`));
    const { marks, settle } = startMarks();
    await settle();
    expect(marks.count).toBe(0);
    expect(closedRoots.filter((root) => root.host.isConnected)).toHaveLength(1);
  });
});

// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Heard, SelectionLookups } from './on-demand';

const load = vi.hoisted(() => vi.fn<() => Promise<SelectionLookups>>());
/** The selection script already in the frame, as the background leaves it (woken for the shortcut). */
const running = vi.hoisted(() => ({ script: undefined as SelectionLookups | undefined }));
vi.mock('./on-demand', () => ({ loadSelectionScript: load, selectionScript: () => running.script }));
const { startContentScript } = await import('./loader');

/** An input event as the user's own input makes it (a page's synthetic events are not trusted). */
function input<E extends Event>(event: E, trusted = true): E {
  Object.defineProperty(event, 'isTrusted', { value: trusted });
  return event;
}
const press = (button = 0) => input(new MouseEvent('mousedown', { button, clientX: 10, clientY: 20 }));
const release = () => input(new MouseEvent('mouseup', { button: 0, clientX: 90, clientY: 20, detail: 1 }));
const key = (type: 'keydown' | 'keyup', key: string, init: KeyboardEventInit = {}) =>
  input(new KeyboardEvent(type, { key, ...init }));

/** A selection script that records what it hears, and a load the test settles. */
function selectionScript() {
  const heard: { type: string; live: boolean; origin: Node | null; target: EventTarget | null }[] = [];
  const lookups: SelectionLookups = {
    hear: ({ event, live, origin, target }: Heard) => heard.push({ type: event.type, live, origin, target }),
    listen: vi.fn(),
    openMark: vi.fn(),
  };
  let settle!: (outcome: 'loaded' | 'failed') => Promise<void>;
  load.mockImplementation(
    () =>
      new Promise<SelectionLookups>((resolve, reject) => {
        settle = async (outcome) => {
          // As the script does: it leaves its controls in the world, once (see selection.content/).
          if (outcome === 'loaded') resolve((running.script ??= lookups));
          else reject(new Error('Extension context invalidated.'));
          await new Promise((done) => setTimeout(done, 0));
        };
      }),
  );
  return { heard, settle: (outcome: 'loaded' | 'failed' = 'loaded') => settle(outcome) };
}

/** The page's window, as the content script listens to it. */
let pageWindow: EventTarget;

function page() {
  pageWindow = new EventTarget();
  startContentScript(pageWindow);
  return (event: Event) => pageWindow.dispatchEvent(event);
}

afterEach(() => {
  load.mockReset();
  running.script = undefined;
});

describe('the content script every page gets', () => {
  it('loads nothing for input that cannot select text: a release, a right click, typing, Escape', () => {
    selectionScript();
    const send = page();
    send(release());
    send(press(2));
    send(key('keydown', 'a'));
    send(key('keydown', 'A', { shiftKey: true }));
    send(key('keydown', 'Escape'));
    send(key('keyup', 'Shift'));
    expect(load).not.toHaveBeenCalled();
  });

  it('brings the selection script in on the first press, and hands over what happened meanwhile in order', async () => {
    const script = selectionScript();
    const send = page();
    send(press());
    send(release());
    expect(load).toHaveBeenCalledTimes(1);
    expect(script.heard).toEqual([]);
    await script.settle();
    // Kept from their dispatch (a browser empties an event's path once it is over).
    expect(script.heard).toEqual([
      { type: 'mousedown', live: false, origin: pageWindow, target: pageWindow },
      { type: 'mouseup', live: false, origin: pageWindow, target: pageWindow },
    ]);
    send(press());
    send(release());
    expect(script.heard.slice(2)).toMatchObject([
      { type: 'mousedown', live: true },
      { type: 'mouseup', live: true },
    ]);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['Shift with an arrow', 'ArrowRight', { shiftKey: true }],
    ['Shift with End', 'End', { shiftKey: true }],
    ['select-all', 'a', { ctrlKey: true }],
  ])('brings it in on a selecting key: %s', async (_name, pressed, modifiers) => {
    const script = selectionScript();
    const send = page();
    send(key('keydown', 'Shift', { shiftKey: true }));
    send(key('keydown', pressed, modifiers));
    send(key('keyup', pressed, modifiers));
    await script.settle();
    // The Shift pressed before the gesture began is not needed: its release ends the gesture.
    expect(script.heard.map(({ type }) => type)).toEqual(['keydown', 'keyup']);
  });

  it('hands input to a selection script the background brought in before any gesture: Escape closes its card', () => {
    const heard: string[] = [];
    const send = page();
    running.script = { hear: ({ event }) => heard.push(event.type), listen: vi.fn(), openMark: vi.fn() };
    send(key('keydown', 'Escape'));
    send(key('keyup', 'Escape'));
    expect(heard).toEqual(['keydown', 'keyup']);
    expect(load).not.toHaveBeenCalled();
  });

  it('keeps the order when the background brings the selection script in while this frame loads it', async () => {
    const script = selectionScript();
    const send = page();
    send(press());
    const order: string[] = [];
    running.script = { hear: ({ event }) => order.push(event.type), listen: vi.fn(), openMark: vi.fn() };
    send(release());
    expect(order, 'handed over before the press this frame holds').toEqual([]);
    await script.settle();
    expect(order).toEqual(['mousedown', 'mouseup']);
  });

  it("ignores a page's synthetic events, before and after the selection script is in", async () => {
    const script = selectionScript();
    const send = page();
    send(input(new MouseEvent('mousedown', { button: 0 }), false));
    expect(load).not.toHaveBeenCalled();
    send(press());
    send(input(new MouseEvent('mouseup', { button: 0 }), false));
    await script.settle();
    send(input(new KeyboardEvent('keydown', { key: 'Escape' }), false));
    expect(script.heard.map(({ type }) => type)).toEqual(['mousedown']);
  });

  it('drops what waited when the load fails (the extension was updated), and tries again on the next press', async () => {
    const first = selectionScript();
    const send = page();
    send(press());
    send(release());
    await first.settle('failed');
    expect(first.heard).toEqual([]);
    send(release());
    expect(load).toHaveBeenCalledTimes(1);
    const second = selectionScript();
    send(press());
    await second.settle();
    expect(load).toHaveBeenCalledTimes(2);
    expect(second.heard.map(({ type }) => type)).toEqual(['mousedown']);
  });
});

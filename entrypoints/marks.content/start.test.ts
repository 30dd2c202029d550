// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MARKS_HOOK } from '@/utils/marks';
import { startMarks } from './marks';

type Hook = { refresh(): void; stop(): void };
const world = globalThis as unknown as Record<string, unknown>;

/** The extension API as the marks script reaches it: what it sends, answered with nothing known. */
function fakeChrome() {
  const sent: Array<{ type: string; data: unknown }> = [];
  vi.stubGlobal('chrome', {
    runtime: {
      id: 'lead-lens',
      lastError: undefined,
      onMessage: { addListener: () => undefined },
      sendMessage: (message: { type: string; data: unknown }, reply: (answer: unknown) => void) => {
        sent.push({ type: message.type, data: message.data });
        reply({ res: { known: [] } });
      },
    },
  });
  return sent;
}

afterEach(() => {
  (world[MARKS_HOOK] as Hook | undefined)?.stop();
  vi.unstubAllGlobals();
  vi.useRealTimers();
  document.body.replaceChildren();
});

describe("the marks script's start", () => {
  it('sets its hook at once and begins in a task of its own, not in its own evaluation', () => {
    vi.useFakeTimers();
    const sent = fakeChrome();
    document.body.textContent = 'Call (415) 555-0134';
    startMarks();
    expect(world[MARKS_HOOK]).toBeDefined();
    expect(sent).toEqual([]);
    vi.runOnlyPendingTimers();
    // The work has begun; the load is told in a next task (the first touch of the messaging).
    expect(sent).toEqual([]);
    vi.runOnlyPendingTimers();
    expect(sent.map(({ type }) => type)).toEqual(['knownLeads']);
  });

  it('a stop before the work begins leaves the page untouched and says nothing', () => {
    vi.useFakeTimers();
    const sent = fakeChrome();
    const before = document.documentElement.children.length;
    startMarks();
    (world[MARKS_HOOK] as Hook).stop();
    vi.runAllTimers();
    expect(sent).toEqual([]);
    expect(document.documentElement.children.length).toBe(before);
    expect(world[MARKS_HOOK]).toBeUndefined();
  });

  it('a second start before the work begins starts it once', () => {
    vi.useFakeTimers();
    const sent = fakeChrome();
    startMarks();
    startMarks();
    vi.runAllTimers();
    expect(sent.filter(({ type }) => type === 'knownLeads')).toHaveLength(1);
  });
});

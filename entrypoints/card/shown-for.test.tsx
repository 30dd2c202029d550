// @vitest-environment happy-dom
import { act, cleanup, render } from '@testing-library/preact';
import { useRef } from 'preact/hooks';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RECHECK_MS, SHOWN_FOR_MS, useShownFor } from './shown-for';

/** An IntersectionObserver the test drives: `show(ratio)` reports the card's visible share. */
class FakeObserver {
  static last: FakeObserver | undefined;
  constructor(private readonly callback: IntersectionObserverCallback) {
    FakeObserver.last = this;
  }
  observe(): void {}
  disconnect(): void {}
  show(ratio: number): void {
    this.callback([{ intersectionRatio: ratio } as IntersectionObserverEntry], this as unknown as IntersectionObserver);
  }
}

/** What the card's buttons saw on each render: the lookup shown and whether the gate was open. */
const renders: Array<{ lookup: string; ready: boolean }> = [];

function Card({ lookup }: { lookup: string }) {
  const root = useRef<HTMLDivElement>(null);
  const gate = useShownFor(root, lookup);
  renders.push({ lookup, ready: gate.ready });
  return <div ref={root} />;
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.stubGlobal('IntersectionObserver', FakeObserver);
  renders.length = 0;
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('the card buttons’ gate', () => {
  it('opens once the card has been on screen for a moment, and closes when it is hidden', async () => {
    render(<Card lookup="lookup-1" />);
    await act(() => FakeObserver.last!.show(1));
    await act(() => {
      vi.advanceTimersByTime(SHOWN_FOR_MS - 1);
    });
    expect(renders.at(-1)).toEqual({ lookup: 'lookup-1', ready: false });
    await act(() => {
      vi.advanceTimersByTime(1);
    });
    expect(renders.at(-1)).toEqual({ lookup: 'lookup-1', ready: true });
    await act(() => FakeObserver.last!.show(0.2));
    expect(renders.at(-1)).toEqual({ lookup: 'lookup-1', ready: false });
  });

  it('never opens for a card mostly out of view', async () => {
    render(<Card lookup="lookup-1" />);
    await act(() => FakeObserver.last!.show(0.4));
    await act(() => {
      vi.advanceTimersByTime(10 * SHOWN_FOR_MS);
    });
    expect(renders.every((seen) => !seen.ready)).toBe(true);
  });

  it('is closed from the very first render of the next lookup, not one render later', async () => {
    const { rerender } = render(<Card lookup="lookup-1" />);
    await act(() => FakeObserver.last!.show(1));
    await act(() => {
      vi.advanceTimersByTime(SHOWN_FOR_MS);
    });
    expect(renders.at(-1)).toEqual({ lookup: 'lookup-1', ready: true });
    await act(() => rerender(<Card lookup="lookup-2" />));
    expect(renders.filter((seen) => seen.lookup === 'lookup-2').map((seen) => seen.ready)).not.toContain(true);
    await act(() => FakeObserver.last!.show(1));
    await act(() => {
      vi.advanceTimersByTime(SHOWN_FOR_MS);
    });
    expect(renders.at(-1)).toEqual({ lookup: 'lookup-2', ready: true });
  });
});

describe('the card buttons’ gate where the browser tells what covers the card (IntersectionObserver v2)', () => {
  /**
   * Chromium's observer as it behaves for a card frame: a new observation reads the frame as it is
   * drawn now, but a cover going away is not always reported by itself.
   */
  class DrawnObserver {
    static last: DrawnObserver | undefined;
    static visible = true;
    constructor(private readonly callback: IntersectionObserverCallback) {
      DrawnObserver.last = this;
    }
    observe(): void {
      this.report(DrawnObserver.visible);
    }
    unobserve(): void {}
    disconnect(): void {}
    report(isVisible: boolean): void {
      const entry = { intersectionRatio: 1, isVisible } as IntersectionObserverEntry & { isVisible: boolean };
      this.callback([entry], this as unknown as IntersectionObserver);
    }
  }

  beforeEach(() => {
    class EntryWithVisibility {
      get isVisible(): boolean {
        return true;
      }
    }
    vi.stubGlobal('IntersectionObserverEntry', EntryWithVisibility);
    vi.stubGlobal('IntersectionObserver', DrawnObserver);
    DrawnObserver.visible = true;
  });

  it('opens again once the cover is gone, also when the browser does not report it by itself', async () => {
    render(<Card lookup="lookup-1" />);
    await act(() => {
      vi.advanceTimersByTime(SHOWN_FOR_MS);
    });
    expect(renders.at(-1)).toEqual({ lookup: 'lookup-1', ready: true });

    // The page covers the card: reported. The card rises above the cover: not reported.
    DrawnObserver.visible = false;
    await act(() => DrawnObserver.last!.report(false));
    expect(renders.at(-1)).toEqual({ lookup: 'lookup-1', ready: false });
    await act(() => {
      vi.advanceTimersByTime(4 * RECHECK_MS);
    });
    expect(renders.at(-1), 'still covered').toEqual({ lookup: 'lookup-1', ready: false });
    DrawnObserver.visible = true;
    await act(() => {
      vi.advanceTimersByTime(RECHECK_MS + SHOWN_FOR_MS);
    });
    expect(renders.at(-1)).toEqual({ lookup: 'lookup-1', ready: true });
  });
});

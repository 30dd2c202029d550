// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KnownValue } from '@/utils/protocol';
import { catchClosedShadowRoots } from '@/entrypoints/content/closed-roots.testing';
import { createMarksOverlay, type WatchNear } from './overlay';

const KNOWN: KnownValue = {
  value: '+1 415 555 0134',
  color: '#16a34a',
  stage: 'Qualified',
  label: 'Known lead, Qualified',
};

const closedRoots = catchClosedShadowRoots();
beforeEach(() => {
  vi.spyOn(Range.prototype, 'getClientRects').mockImplementation(
    () => [new DOMRect(100, 50, 80, 20)] as unknown as DOMRectList,
  );
});
afterEach(() => {
  vi.restoreAllMocks();
});

const buttons = () => closedRoots.flatMap((root) => Array.from(root.querySelectorAll('button')));

/** A watch the test drives: which elements are near the viewport is what the test says. */
function fakeWatch() {
  let report: Parameters<WatchNear>[0] = () => undefined;
  const observed = new Set<Element>();
  const watchNear: WatchNear = (onChange) => {
    report = onChange;
    return {
      observe: (element) => observed.add(element),
      unobserve: (element) => observed.delete(element),
      disconnect: () => observed.clear(),
    };
  };
  return { watchNear, observed, say: (element: Element, near: boolean) => report([{ element, near }]) };
}

function lines(count: number): Array<{ p: HTMLElement; node: Text }> {
  return Array.from({ length: count }, (_, i) => {
    const p = document.createElement('p');
    p.textContent = `Line ${i}: ${KNOWN.value}`;
    // happy-dom computes no overflow of its own.
    p.style.overflowX = 'visible';
    p.style.overflowY = 'visible';
    document.body.append(p);
    return { p, node: p.firstChild as Text };
  });
}

describe('marks near the viewport only', () => {
  it('makes a mark only once its element comes near the viewport, and hides it when it goes away', () => {
    const watch = fakeWatch();
    const overlay = createMarksOverlay({
      label: (known) => known.label,
      onOpen: () => undefined,
      onBroken: () => undefined,
      watchNear: watch.watchNear,
    });
    const [first, second] = lines(2);
    const at = (node: Text) => ({
      node,
      start: node.data.indexOf(KNOWN.value),
      end: node.data.indexOf(KNOWN.value) + KNOWN.value.length,
      value: KNOWN.value,
    });
    overlay.draw([first!, second!].map(({ node }) => ({ occurrence: at(node), known: KNOWN })));
    expect(overlay.count).toBe(2);
    expect([...watch.observed]).toEqual([first!.p, second!.p]);
    expect(buttons()).toEqual([]);

    watch.say(first!.p, true);
    expect(buttons().map((button) => [button.getAttribute('aria-label'), button.hidden])).toEqual([
      ['Known lead, Qualified', false],
    ]);

    watch.say(first!.p, false);
    expect(buttons().map((button) => button.hidden)).toEqual([true]);

    overlay.dropNode(first!.node);
    expect([...watch.observed]).toEqual([second!.p]);
    overlay.remove();
    expect(watch.observed.size).toBe(0);
  });
});

/**
 * For the content script's tests: the closed shadow roots made during each test, caught as they
 * are attached (the page itself never can reach them). After each test the page is emptied again:
 * the body, and whatever was added beside it (the layers).
 */
import { afterEach, beforeEach, vi } from 'vitest';

export function catchClosedShadowRoots(): ShadowRoot[] {
  const roots: ShadowRoot[] = [];
  beforeEach(() => {
    const attach = Element.prototype.attachShadow;
    vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (this: Element, init: ShadowRootInit) {
      const root = attach.call(this, init);
      if (init.mode === 'closed') roots.push(root);
      return root;
    });
  });
  afterEach(() => {
    roots.length = 0;
    document.body.replaceChildren();
    for (const child of Array.from(document.documentElement.children)) {
      if (child !== document.head && child !== document.body) child.remove();
    }
  });
  return roots;
}

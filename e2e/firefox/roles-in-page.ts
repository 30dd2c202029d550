// Bundled into one script (driver.ts, findNodes) and run in a sandbox of each page the Firefox
// suite queries: finds elements by role and accessible name, or by a form field's label, as
// Playwright's getByRole and getByLabel do in Chromium, with dom-accessibility-api's rules. Firefox's own accessibility
// tree would answer the same queries, but once asked for it Firefox keeps it up to date for every
// page until it quits: the same navigations and changes then cost its parent process about half as
// much CPU again (1.9 s against 3.0 s in a probe here).
import { computeAccessibleName, getRole, isInaccessible } from 'dom-accessibility-api';

type Query = { role: string; name?: string } | { label: string };

/** Every element under `root`, in document order, also inside open shadow roots. */
function* elementsUnder(root: Element | ShadowRoot | Document): Generator<Element> {
  for (const child of Array.from(root.children)) {
    yield child;
    if (child.shadowRoot) yield* elementsUnder(child.shadowRoot);
    yield* elementsUnder(child);
  }
}

/** What a label names: the form fields, and whatever an author labelled with ARIA. */
const LABELLED = 'input:not([type="hidden"]), select, textarea, [aria-label], [aria-labelledby]';

/**
 * The page's own, bound: dom-accessibility-api calls the one it takes from the window without it,
 * which a sandbox's view of the window does not allow.
 */
const options = { getComputedStyle: (element: Element) => window.getComputedStyle(element) };

/** What `query` finds under `within` (an element, or a shadow root the driver was handed), else in the document. */
function find(query: Query, within: Element | ShadowRoot | null): Element[] {
  const found: Element[] = [];
  for (const element of elementsUnder(within ?? document)) {
    if ('role' in query ? getRole(element) !== query.role : !element.matches(LABELLED)) continue;
    if (isInaccessible(element, options)) continue;
    const name = 'role' in query ? query.name : query.label;
    if (name !== undefined && computeAccessibleName(element, options) !== name) continue;
    found.push(element);
  }
  return found;
}

(globalThis as unknown as { leadLensFind: typeof find }).leadLensFind = find;

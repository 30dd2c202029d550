// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { FarParts } from './far';
import { createPageScanner, type Occurrence, type PageScanner } from './scan';

/** An element with these children (text for strings), built without HTML. */
function el(tag: string, ...children: Array<Node | string>): HTMLElement {
  const element = document.createElement(tag);
  element.append(...children);
  return element;
}

/** Reads everything queued in one go (a clock that never runs out). */
function readAll(scanner: PageScanner): Occurrence[] {
  const found: Occurrence[] = [];
  while (scanner.pending) found.push(...scanner.step(() => false));
  return found;
}

/** Reads a step at a time, each step out of time as soon as it starts; the values found per step. */
function readStepByStep(scanner: PageScanner): Occurrence[][] {
  const steps: Occurrence[][] = [];
  while (scanner.pending) steps.push(scanner.step(() => true));
  return steps;
}

const values = (found: Occurrence[]) => found.map((occurrence) => occurrence.value);

afterEach(() => {
  document.body.replaceChildren();
});

describe('reading a page for contacts', () => {
  it('finds phone numbers and emails in the text, each with its place in its text node', () => {
    document.body.append(
      el('h1', 'Contacts'),
      el('p', 'Call Dana on (415) 555-0134 or write to dana.reyes@example.com.'),
      el('div', el('span', 'Oliver: '), el('b', '+44 20 7946 0958')),
      el('p', 'Order #12345678 ships 2024-01-15.'),
    );
    const scanner = createPageScanner();
    scanner.add(document.body);

    const found = readAll(scanner);

    expect(values(found)).toEqual(['(415) 555-0134', 'dana.reyes@example.com', '+44 20 7946 0958']);
    for (const { node, start, end, value } of found) expect(node.data.slice(start, end)).toBe(value);
    expect(found[0]!.node).toBe(document.body.children[1]!.firstChild);
    expect(scanner.pending).toBe(false);
  });

  it('finds every number of a contact block, full-width ones as the page writes them', () => {
    document.body.append(
      el('p', 'Phone 415-666-7777 Mobile 415-555-0134 Fax 212-555-0199'),
      el('p', 'San Francisco, CA 94105 (415) 555-0134'),
      el('p', '電話：０３－１２３４－５６７８'),
    );
    const scanner = createPageScanner();
    scanner.add(document.body);

    expect(values(readAll(scanner))).toEqual([
      '415-666-7777',
      '415-555-0134',
      '212-555-0199',
      '(415) 555-0134',
      '０３－１２３４－５６７８',
    ]);
  });

  it.each([
    ['a script', () => el('script', 'var phone = "(415) 555-0134";')],
    ['a style', () => el('style', '/* jane@acme.com */')],
    ['a text field', () => el('textarea', 'jane@acme.com')],
    ['a template', () => el('template', 'jane@acme.com')],
    ['a hidden element', () => Object.assign(el('div', el('p', 'jane@acme.com')), { hidden: true })],
    ['a select', () => el('select', el('option', 'jane@acme.com'))],
    ['a noscript', () => el('noscript', 'jane@acme.com')],
  ])('leaves out what %s holds', (_what, make) => {
    document.body.append(el('p', 'Shown: (212) 555-0199'), make());
    const scanner = createPageScanner();
    scanner.add(document.body);
    expect(values(readAll(scanner))).toEqual(['(212) 555-0199']);
  });

  it('leaves out a text node added on its own inside what is never read', () => {
    const field = el('textarea');
    const hidden = Object.assign(el('div'), { hidden: true });
    document.body.append(field, hidden);
    const inField = document.createTextNode('jane@acme.com');
    const inHidden = document.createTextNode('(415) 555-0134');
    field.append(inField);
    hidden.append(inHidden);
    const scanner = createPageScanner();
    for (const node of [inField, inHidden, hidden]) scanner.add(node);
    expect(readAll(scanner)).toEqual([]);
  });

  it('reads open shadow roots, inner ones too, and says which it met', () => {
    const outer = el('lead-card');
    const outerRoot = outer.attachShadow({ mode: 'open' });
    const inner = el('lead-phone');
    const innerRoot = inner.attachShadow({ mode: 'open' });
    innerRoot.append(el('span', '(415) 555-0134'));
    outerRoot.append(el('p', 'jane@acme.com'), inner);
    document.body.append(el('section', outer));
    const met: ShadowRoot[] = [];
    const scanner = createPageScanner((root) => met.push(root));
    scanner.add(document.body);

    expect(values(readAll(scanner)).sort()).toEqual(['(415) 555-0134', 'jane@acme.com']);
    expect(met).toEqual([outerRoot, innerRoot]);
  });

  it('reads the shadow root of an element that is itself what was added (a web app adding a component)', () => {
    const card = el('lead-card');
    card.attachShadow({ mode: 'open' }).append(el('p', 'jane@acme.com'));
    document.body.append(card);
    const met: ShadowRoot[] = [];
    const scanner = createPageScanner((root) => met.push(root));
    scanner.add(card);

    expect(values(readAll(scanner))).toEqual(['jane@acme.com']);
    expect(met).toEqual([card.shadowRoot]);
  });

  it('passes over a part of the page that left it before it was read', () => {
    const gone = el('p', 'jane@acme.com');
    document.body.append(gone);
    const scanner = createPageScanner();
    scanner.add(gone);
    gone.remove();
    expect(readAll(scanner)).toEqual([]);
    expect(scanner.pending).toBe(false);
  });
});

describe('keeping its place between steps', () => {
  it('resumes where a step ran out of time, finding each contact once', () => {
    const lines = ['(415) 555-0134', 'jane@acme.com', '+44 20 7946 0958', 'oliver.smith@example.co.uk'];
    document.body.append(...lines.map((line) => el('p', `Contact: ${line}`)));
    const scanner = createPageScanner();
    scanner.add(document.body);

    const steps = readStepByStep(scanner);

    // Out of time at once, a step still reads one text: the page is read a text at a time.
    expect(steps.map(values).filter((found) => found.length > 0)).toEqual(lines.map((line) => [line]));
    expect(steps.length).toBeLessThanOrEqual(lines.length + 1);
  });

  it('reads a long text in several steps and finds the same contacts as in one go', () => {
    // Each contact where a step stops reading (every 8,192 characters) or just past it.
    const placed: Array<[at: number, contact: string]> = [
      [40, '(415) 555-0134'],
      [8_185, 'jane.cooper@acme.com'],
      [16_380, '+44 20 7946 0958'],
      [16_400, 'dana.reyes@example.com'],
      [24_570, '212-555-0199'],
    ];
    let text = '';
    for (const [at, contact] of placed)
      text += `${'lorem ipsum '.repeat(at).slice(0, at - text.length - 1)} ${contact} `;
    text += ' dolor sit amet'.repeat(100);
    const whole = () => {
      document.body.replaceChildren(el('p', text));
      const scanner = createPageScanner();
      scanner.add(document.body);
      return scanner;
    };

    const inOneGo = readAll(whole());
    const steps = readStepByStep(whole());

    expect(steps.length).toBeGreaterThanOrEqual(4);
    expect(steps.flat().map(({ value, start, end }) => ({ value, start, end }))).toEqual(
      inOneGo.map(({ value, start, end }) => ({ value, start, end })),
    );
    expect(values(inOneGo)).toEqual(placed.map(([, contact]) => contact));
    for (const [at, contact] of placed) expect(inOneGo.find(({ value }) => value === contact)?.start).toBe(at);
  });

  it('reads a text again when it is added again after it changed', () => {
    const line = el('p', 'Call (415) 555-0134');
    document.body.append(line);
    const scanner = createPageScanner();
    scanner.add(document.body);
    expect(values(readAll(scanner))).toEqual(['(415) 555-0134']);

    const text = line.firstChild as Text;
    text.data = 'Write to jane@acme.com instead';
    scanner.add(text);
    const again = readAll(scanner);
    expect(values(again)).toEqual(['jane@acme.com']);
    expect(again[0]!.node).toBe(text);
    expect(text.data.slice(again[0]!.start, again[0]!.end)).toBe('jane@acme.com');
  });

  it('forgets what was queued when cleared', () => {
    document.body.append(el('p', 'jane@acme.com'), el('p', '(415) 555-0134'));
    const scanner = createPageScanner();
    scanner.add(document.body);
    scanner.step(() => true);
    scanner.clear();
    expect(scanner.pending).toBe(false);
    expect(scanner.step(() => false)).toEqual([]);
  });
});

describe('parts far from the screen', () => {
  /** Far parts by a data attribute: data-far="below" or "above"; what is held, and a way to bring it near. */
  function fakeFar() {
    const held: Array<{ elements: Element[]; near: (element: Element) => void }> = [];
    const far: FarParts = {
      placer: () => (element) =>
        element.getAttribute('data-far') === 'below' ? 1 : element.getAttribute('data-far') === 'above' ? -1 : 0,
      hold: (elements, near) => held.push({ elements, near }),
      lookAgain: () => undefined,
      clear: () => (held.length = 0),
    };
    const bringNear = (element: Element): void => {
      element.removeAttribute('data-far');
      for (const run of held) if (run.elements.includes(element)) run.near(element);
    };
    return { far, held, bringNear };
  }
  const row = (text: string, where = 'below') => {
    const p = el('p', text);
    p.setAttribute('data-far', where);
    return p;
  };

  it('leaves a part far from the screen unread until it comes near, then reads it', () => {
    const above = row('Old: jane@acme.com', 'above');
    const below = row('Later: (212) 555-0199');
    document.body.append(above, el('p', 'Now: (415) 555-0134'), below);
    const { far, held, bringNear } = fakeFar();
    let nearCalls = 0;
    const scanner = createPageScanner(undefined, far, () => nearCalls++);
    scanner.add(document.body);

    expect(values(readAll(scanner))).toEqual(['(415) 555-0134']);
    expect(held.map((run) => run.elements)).toEqual([[above], [below]]);
    expect(scanner.pending).toBe(false);

    bringNear(below);
    expect(nearCalls).toBe(1);
    expect(values(readAll(scanner))).toEqual(['(212) 555-0199']);
  });

  it("holds a long list's rows past the screen as one run, up to a text between them", () => {
    const list = el('div', el('p', 'Near: (415) 555-0134'));
    const rows = Array.from({ length: 12 }, (_, i) => row(`Row ${i}: +1 212 555 01${String(i).padStart(2, '0')}`));
    list.append(...rows.slice(0, 10), 'Fax: (212) 555-0188', ...rows.slice(10));
    document.body.append(list);
    const { far, held } = fakeFar();
    const scanner = createPageScanner(undefined, far);
    scanner.add(document.body);

    // The text between the rows is read now; the rows before it are one run, the two after it each held.
    expect(values(readAll(scanner))).toEqual(['(415) 555-0134', '(212) 555-0188']);
    expect(held.map((run) => run.elements)).toEqual([rows.slice(0, 10), [rows[10]], [rows[11]]]);
  });

  it('ends a run at the last row far below when a sibling after the rows is near the screen', () => {
    const rows = Array.from({ length: 10 }, (_, i) => row(`Row ${i}`));
    // A bar the page keeps in view at the end of its list.
    document.body.append(...rows, el('p', 'Call us: (415) 555-0134'), el('p', 'Or write: jane@acme.com'));
    const { far, held } = fakeFar();
    const scanner = createPageScanner(undefined, far);
    scanner.add(document.body);

    expect(values(readAll(scanner))).toEqual(['(415) 555-0134', 'jane@acme.com']);
    expect(held.map((run) => run.elements)).toEqual([rows]);
  });

  it('looks at the clock after holding a long run, before walking on', () => {
    const rows = Array.from({ length: 100 }, (_, i) => row(`Row ${i}`));
    document.body.append(...rows, el('p', 'Near: (415) 555-0134'));
    const { far, held } = fakeFar();
    const scanner = createPageScanner(undefined, far);
    scanner.add(document.body);

    // Out of time at once: each step holds at most one run (what it had looked at by then), then stops.
    const heldAfterEach: number[] = [];
    const found: Occurrence[] = [];
    while (scanner.pending) {
      found.push(...scanner.step(() => true));
      heldAfterEach.push(held.length);
    }
    expect(held.flatMap((run) => run.elements)).toEqual(rows);
    expect(held.length).toBeGreaterThan(1);
    expect(heldAfterEach.every((count, i) => count - (heldAfterEach[i - 1] ?? 0) <= 1)).toBe(true);
    expect(values(found)).toEqual(['(415) 555-0134']);
  });

  it('holds far rows one by one when too few of them come before a sibling near the screen', () => {
    const rows = Array.from({ length: 5 }, (_, i) => row(`Row ${i}`));
    const others = Array.from({ length: 5 }, (_, i) => el('p', `Other ${i}`));
    document.body.append(...rows, ...others);
    const { far, held } = fakeFar();
    const scanner = createPageScanner(undefined, far);
    scanner.add(document.body);

    readAll(scanner);
    expect(held.map((run) => run.elements)).toEqual(rows.map((r) => [r]));
  });

  it('reads a far part queued again once it is near, and one added far from the screen when it comes near', () => {
    const added = row('jane@acme.com');
    document.body.append(added);
    const { far, bringNear } = fakeFar();
    const scanner = createPageScanner(undefined, far);
    scanner.add(added, true);
    expect(readAll(scanner)).toEqual([]);
    bringNear(added);
    const found = readAll(scanner);
    expect(values(found)).toEqual(['jane@acme.com']);
    expect(found[0]!.added).toBe(true);
  });
});

// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PageContact } from '@/utils/page-contacts';
import { contextOf, createPageReader } from './read-page';

/** An element with these children (text for strings) and attributes, built without HTML. */
function el(tag: string, attributes: Record<string, string>, ...children: Array<Node | string>): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

const row = (...cells: Array<Node | string>) => el('tr', {}, ...cells.map((cell) => el('td', {}, cell)));

afterEach(() => {
  document.body.replaceChildren();
});

/** Reads the page with work run at once and a clock that never runs out; what the panel is sent each time. */
function readPage() {
  const sent: PageContact[][] = [];
  const later: Array<() => void> = [];
  const reader = createPageReader({
    send: (contacts) => sent.push(contacts),
    idle: (work) => work(),
    soon: (work) => work(),
    later: (work) => void later.push(work),
    now: () => 0,
  });
  reader.start();
  return { sent, later, reader };
}

describe('reading a page for the panel', () => {
  it('finds the values in text, links and fields, each with its row’s words and the values beside it', () => {
    document.body.append(
      el(
        'table',
        {},
        row('Amélie Dubois', '+33 1 42 68 53 00', 'amelie@dubois-avocats.example', 'New work email'),
        row('Ingrid Solberg', el('a', { href: 'mailto:ingrid.solberg@fjordline.example' }, 'write to Ingrid')),
      ),
      el('p', {}, 'Main office (628) 555-0117'),
      el(
        'form',
        {},
        el('input', { type: 'tel', value: '(971) 555-0163' }),
        el('input', { type: 'password', value: '+1 415 555 0134' }),
      ),
    );
    const { sent } = readPage();
    expect(sent).toHaveLength(1);
    const byValue = new Map(sent[0]!.map((contact) => [contact.value, contact]));
    expect([...byValue.keys()].sort()).toEqual(
      [
        '(628) 555-0117',
        '(971) 555-0163',
        '+33 1 42 68 53 00',
        'amelie@dubois-avocats.example',
        'mailto:ingrid.solberg@fjordline.example',
      ].sort(),
    );
    expect(byValue.get('amelie@dubois-avocats.example')).toEqual({
      value: 'amelie@dubois-avocats.example',
      context: 'Amélie Dubois +33 1 42 68 53 00 New work email',
      near: ['+33 1 42 68 53 00'],
    });
    expect(byValue.get('(628) 555-0117')?.context).toBe('Main office');
  });

  it('reads an open shadow root', () => {
    const host = document.createElement('div');
    host.attachShadow({ mode: 'open' }).append(el('p', {}, 'Call +1 737 555 0172'));
    document.body.append(host);
    const { sent } = readPage();
    expect(sent[0]?.map((contact) => contact.value)).toEqual(['+1 737 555 0172']);
  });

  it('reads the page again once it has changed, and sends what is on it now', async () => {
    document.body.append(el('p', {}, 'Jane: (415) 555-0134'));
    const { sent, later } = readPage();
    document.body.replaceChildren(el('p', {}, 'Mei: mei.tanaka@northwind-design.example'));
    await new Promise((resolve) => setTimeout(resolve, 0)); // the mutation observer's turn
    later.splice(0).forEach((work) => work());
    expect(sent.map((contacts) => contacts.map((contact) => contact.value))).toEqual([
      ['(415) 555-0134'],
      ['mei.tanaka@northwind-design.example'],
    ]);
  });
});

describe('when the page is read', () => {
  it('starts in idle time, then goes on a slice a task, not a slice an idle time; it finds all the same', () => {
    const people = Array.from({ length: 40 }, (_, i) => `Contact ${i}: (415) 555-${String(1000 + i)}`);
    document.body.append(...people.map((text) => el('p', {}, text)));
    let clock = 0;
    const queued: Array<{ how: 'idle' | 'task'; work: () => void }> = [];
    const sent: PageContact[][] = [];
    createPageReader({
      send: (contacts) => sent.push(contacts),
      idle: (work) => void queued.push({ how: 'idle', work }),
      soon: (work) => void queued.push({ how: 'task', work }),
      later: () => undefined,
      // Each look at the clock takes half a millisecond: a slice reads a few paragraphs.
      now: () => (clock += 0.5),
    }).start();
    const ran: string[] = [];
    for (let next = queued.shift(); next; next = queued.shift()) {
      ran.push(next.how);
      next.work();
    }
    expect(ran[0]).toBe('idle');
    expect(ran.slice(1).length, 'slices after the first').toBeGreaterThan(2);
    expect(new Set(ran.slice(1)), 'how the slices after the first and the end ran').toEqual(new Set(['task']));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.map((contact) => contact.value)).toEqual(people.map((text) => text.split(': ')[1]));
  });
});

describe('a value’s context', () => {
  it('is its row’s words without it, cut at a word when long', () => {
    const row = document.createElement('tr');
    row.textContent = `Dario Ferrante (971) 555-0163 ${'Contractor, wants the floor plans and a second visit '.repeat(3)}`;
    const context = contextOf(row, '(971) 555-0163');
    expect(context.startsWith('Dario Ferrante Contractor, wants')).toBe(true);
    expect(context.length).toBeLessThanOrEqual(81);
    expect(context.endsWith('…')).toBe(true);
  });
});

describe('the end of a read', () => {
  it('words each value a slice at a time, then sends in a task of its own: what it sends is the same', () => {
    const people = Array.from({ length: 60 }, (_, i) =>
      row(`Guest ${i}`, `guest${i}@expo.example`, `(415) 555-${String(2000 + i)}`),
    );
    document.body.append(el('table', {}, ...people));
    const { sent: atOnce } = readPage();

    let clock = 0;
    const queued: Array<() => void> = [];
    const sent: PageContact[][] = [];
    createPageReader({
      send: (contacts) => sent.push(contacts),
      idle: (work) => void queued.push(work),
      soon: (work) => void queued.push(work),
      later: () => undefined,
      now: () => (clock += 0.5),
    }).start();
    // A value's words are read with a walk of its row: how many rows each task walks.
    const walks = vi.spyOn(document, 'createTreeWalker');
    const walksPerTask: number[] = [];
    for (let next = queued.shift(); next; next = queued.shift()) {
      const before = sent.length;
      walks.mockClear();
      next();
      walksPerTask.push(walks.mock.calls.length);
      // The send is a task of its own: nothing is read in it.
      if (sent.length > before) expect(walks).not.toHaveBeenCalled();
    }
    walks.mockRestore();
    expect(sent).toEqual(atOnce);
    // 120 values' words, a few a slice: no task walks more than a handful of rows.
    expect(walksPerTask.reduce((sum, count) => sum + count, 0)).toBeGreaterThanOrEqual(120);
    expect(Math.max(...walksPerTask)).toBeLessThanOrEqual(8);
  });
});

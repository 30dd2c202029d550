/** The HTML pages the benchmark loads; generated, deterministic, no scripts of their own. */
import { seededRandom } from './stats';

const WORDS = (
  'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore ' +
  'magna aliqua enim ad minim veniam quis nostrud exercitation ullamco laboris nisi aliquip ex ea commodo ' +
  'consequat duis aute irure in reprehenderit voluptate velit esse cillum fugiat nulla pariatur excepteur sint ' +
  'occaecat cupidatat non proident sunt culpa qui officia deserunt mollit anim id est laborum'
).split(' ');

const PHONES = [
  '+1 (415) 555-0134',
  '+49 30 12345678',
  '020 7946 0958',
  '+33 1 42 68 53 00',
  '(602) 555-0114',
  '+1 212 555 0199',
];

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface LargePage {
  html: string;
  textBytes: number;
  elements: number;
}

/**
 * A long, static directory-style page: about 1 MB of text in about 20,000 elements, with a phone
 * number and an email address in every entry, the kind of page a content script that scanned the
 * DOM would pay for. It has no script of its own, so every millisecond of script on it is the
 * extension's.
 */
export function largePage(targetTextBytes = 1_000_000, targetElements = 20_000): LargePage {
  const random = seededRandom(0x1ead1e25);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const sentence = (words: number): string => {
    const parts: string[] = [];
    for (let i = 0; i < words; i += 1) parts.push(pick(WORDS));
    const text = parts.join(' ');
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
  };
  // Per entry: article, h2, p, span (phone), a (email), ul, 3 li, footer = 10 elements.
  const entries = Math.round(targetElements / 10);
  const textPerEntry = targetTextBytes / entries;
  const body: string[] = [];
  let text = 0;
  for (let i = 0; i < entries; i += 1) {
    const name = `${sentence(2).slice(0, -1)} ${i}`;
    const phone = pick(PHONES);
    const email = `contact${i}@example${i % 97}.com`;
    const items = [sentence(6), sentence(5), sentence(7)];
    // Pad the paragraph so the whole entry has its share of the text.
    const fixed = name.length + phone.length + email.length + items.join('').length + 40;
    let para = '';
    while (para.length < textPerEntry - fixed) para += `${sentence(12)} `;
    const footer = `Entry ${i} of ${entries}`;
    text += fixed + para.length + footer.length;
    body.push(
      `<article id="e${i}"><h2>${escapeHtml(name)}</h2><p>${para}Call <span class="tel">${escapeHtml(phone)}</span> ` +
        `or write to <a href="mailto:${email}">${email}</a>.</p><ul><li>${items[0]}</li><li>${items[1]}</li>` +
        `<li>${items[2]}</li></ul><footer>${footer}</footer></article>`,
    );
  }
  const html =
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Directory</title>' +
    '<style>body{font:14px/1.4 sans-serif;margin:2em;max-width:60em}article{margin:0 0 1em;content-visibility:auto;contain-intrinsic-size:auto 420px}</style>' +
    `</head><body><h1>Directory</h1>${body.join('')}</body></html>`;
  // html, head, meta, title, style, body, h1 + the entries.
  return { html, textBytes: text, elements: 7 + entries * 10 };
}

/** One value to look up, as written on the page, with the id of the element that holds it. */
export interface PageValue {
  id: string;
  text: string;
}

/** A plain page listing values to select, each in its own element, with room around them. */
export function lookupPage(values: readonly string[]): { html: string; values: PageValue[] } {
  const listed = values.map((text, i) => ({ id: `v${i}`, text }));
  const rows = listed
    .map(
      (value) =>
        `<p>Contact: <span id="${value.id}" class="value">${escapeHtml(value.text)}</span> (call or write)</p>`,
    )
    .join('\n');
  const html =
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Contacts</title>' +
    '<style>body{font:16px/1.5 sans-serif;margin:2em}p{margin:0 0 28px}</style>' +
    `</head><body><h1>Contacts</h1>\n${rows}\n<p id="blank">Nothing to see here.</p></body></html>`;
  return { html, values: listed };
}

/**
 * A page with `count` iframes, half from the same origin and half from another site (localhost
 * instead of 127.0.0.1), each a tiny page: the content script runs in every one of them.
 */
export function framesPage(origin: string, count: number): string {
  const other = origin.replace('127.0.0.1', 'localhost');
  const frames = Array.from(
    { length: count },
    (_, i) => `<iframe src="${i % 2 ? other : origin}/pages/tiny.html?frame=${i}" width="200" height="60"></iframe>`,
  );
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Frames</title></head>' +
    `<body><h1>Frames</h1>${frames.join('')}</body></html>`
  );
}

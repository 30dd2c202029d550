/**
 * Cheap pre-filter for selected text, run by the content script on every selection.
 *
 * It decides whether a selection is worth sending to the background at all: only text that can be
 * an email address or a phone number may leave the page. It is deliberately dependency-free (the
 * content script has an 8 KB gzipped budget) and a little permissive: the background re-runs this
 * check and then parses properly, so a false positive costs one parse, while a false negative
 * loses a lookup. The classes that are common on pages and are never phone numbers (dates, times,
 * prices, card numbers, IP addresses, zip codes, percentages, versions, order references, ISBNs)
 * are rejected here, so that text stays in the page.
 *
 * Decisions worth knowing:
 * - "#12345678" is an order or ticket reference, not a phone: digits right after "#" (or after
 *   "$", "€", "/", "=", "@" and the like) are never a phone number. "#204" after a number is still
 *   read as its extension.
 * - A run of digits glued to letters ("ID12345678", "v1234567") is not a phone, except for an
 *   extension ("415-555-0134x204") and CJK text, which puts no space between words and numbers.
 * - Several numbers in one selection still count as 'phone'; the background decides whether the
 *   selection is ambiguous.
 * - Two or more different email addresses are ambiguous, so the selection is dropped.
 * - It passes candidate stretches, never numbers: a run of digits is cut where two figures stand
 *   side by side, and the background's matcher (utils/phone.ts) decides what in each stretch is
 *   a number in the user's region. Whatever the background reads, this check lets through.
 *
 * One file past 300 lines: a selection, a triple-clicked line and the marks' reading of a page
 * (`classifySelection`, `contactInLine`, `contactsInText`) share every pattern and the cut of a
 * run, and must agree on them.
 */

export type SelectionKind = 'email' | 'phone';

export interface PhoneCandidate {
  /** The number as written, without "tel:" and without the extension. */
  number: string;
  extension?: string;
}

const MAX_LENGTH = 80;
const MAX_LINES = 2;
/** A selection or a line: the short plans of small regions (Faroe Islands, Andorra, Greenland) have six digits. */
const MIN_DIGITS = 6;
/** Marks read every figure on a page: six-digit runs there are mostly amounts and references. */
const MIN_MARK_DIGITS = 7;
const MAX_DIGITS = 15;

/**
 * Made on first use, from a string: as a literal, a pattern with Unicode property classes
 * (\p{L}) is compiled where the script is parsed, which costs every page the content script runs
 * in a good part of a millisecond, whether or not anything is ever selected there.
 *
 * The local part takes every character RFC 5321 allows unquoted and, as RFC 6531 does, any
 * non-ASCII character; the domain takes internationalised and punycode labels ("xn--p1ai"). An
 * address is taken whole or not at all: one glued to more address characters is none.
 *
 * Text with no character past ASCII, most of any page, is read with the same pattern written for
 * ASCII, where \p{L}, \p{N} and \p{M} are the letters and digits alone: it finds exactly what
 * the full one would there, and takes a tenth of the time to make and first run (the first slice
 * of a page's read pays that, in the page's main thread).
 */
const emailSource = (letter: string, word: string, letterOrDigit: string): string => {
  const local = `[${word}!#$%&'*+/=?^_\`{|}~.\\-\\u2019]`;
  const label = `[${word}](?:[${word}-]*[${word}])?`;
  return `(?<!${local}|@)(?![.\\u2019])${local}+@(?:${label}\\.)+(?=[^.]*?${letter})${label}(?![${word}_@-]|\\.[${letterOrDigit}])`;
};
let email: RegExp | undefined;
let asciiEmail: RegExp | undefined;
const ASCII_ONLY = /^[\0-\x7f]*$/;
const emailPattern = (text: string): RegExp =>
  ASCII_ONLY.test(text)
    ? (asciiEmail ??= new RegExp(emailSource('[A-Za-z]', 'A-Za-z0-9', 'A-Za-z0-9'), 'g'))
    : (email ??= new RegExp(emailSource('\\p{L}', '\\p{L}\\p{N}\\p{M}', '\\p{L}\\p{N}'), 'gu'));

/**
 * Full-width digits and signs (Japanese, Chinese and Korean pages), the ideographic space and the
 * soft hyphen read as their plain forms, one character for one so that places stay the same.
 */
export function plainDigits(text: string): string {
  return text.replace(/[\uff01-\uff5e\u3000\u00ad]/g, (c) =>
    c === '\u3000' ? ' ' : c === '\u00ad' ? '-' : String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );
}

/** A maximal run of digits and phone punctuation: spaces (incl. NBSP, thin), . - ( ) / + and dashes. */
const PHONE_RUN = /[+(]*\d[\d()./+\-\u2010-\u2015\u2212 \t\u00a0\u2009\u202f]*/g;
/** An extension as people write it: "x204", ", ext 7246", ";ext=456", "доб. 100", ",,1234#". */
const EXTENSION =
  /^\s*(?:;ext=|,{2}|,?\s*(?:ext(?:ension)?|доб|durchwahl|poste|anexo|interno|x|#)\.?:?)\s*(\d{1,10})#?/i;
/** A number whose letters are its digits: "1-800-FLOWERS", "0800 DDA 005". */
const VANITY = /^(?:tel:)?\+?[\d ().-]*\d[ .-]*(?!(?:USD|EUR|GBP|INR|BRL|CHF|JPY|CNY)\b)[A-Z]{2}[A-Z\d .-]*$/;
// "Word characters" below are the letters and digits of scripts that put spaces between words
// (Latin, Greek, Cyrillic). CJK text runs words and numbers together ("电话13800138000"), so its
// characters do not count.

/**
 * Left of a number: a word character, maybe joined by - or _ ("ID12345678", "INV-2024-000123");
 * a reference, path or query value ("#12345678", "/orders/", "?id="); an amount or an ISBN label.
 */
const BAD_BEFORE =
  /(?:[\w\u00c0-\u024f\u0370-\u04ff][-_]?|[#№@&=/\\%]|(?:[$€£¥₹]|\b(?:usd|eur|gbp|inr|brl|rs\.?|isbn(?:-1[03])?:?))\s*)$/i;
/** Right of a number: a word character or code suffix, a time, a port, a decimal, an amount, a percentage. */
const BAD_AFTER = /^(?:[-_]?[\w\u00c0-\u024f\u0370-\u04ff]|\s*(?:[:.,]\d|[%‰$€£¥₹]|(?:usd|eur|gbp|inr|brl)\b))/i;

/** Shapes of look-alikes, tested with the spaces around separators removed ("15. 01. 2024"). */
const NOT_A_PHONE = [
  // Dates, alone or with an hour after them: 2024-01-15, 2024.01.15 10, 15/01/2024, 01.02.2024,
  // 1/5/24. A day and a month, one way round or the other: "75.12.34" is a New Caledonian number.
  /^(?:\d{4}[-./]\d\d?[-./]\d\d?|(?:[0-2]?\d|3[01])[-./](?:0?[1-9]|1[0-2])[-./]\d\d(?:\d\d)?)(?:\s|$)/,
  /^(?:0?[1-9]|1[0-2])[-./](?:[0-2]?\d|3[01])[-./]\d\d(?:\d\d)?(?:\s|$)/,
  // A year and a running number: invoice 2024/0012345
  /^(?:19|20)\d\d[-/]\d{4,}$/,
  // 15-digit card numbers (3782 822463 10005, 4111 1111 1111 111); 16 digits exceed E.164 anyway
  /^\d{4}[ -]\d{6}[ -]\d{5}$|^\d{4}(?:[ -]\d{4}){2}[ -]\d{3}$/,
  // IPv4 addresses
  /^\d{1,3}(?:\.\d{1,3}){3}$/,
  // US ZIP+4
  /^\d{5}-\d{4}$/,
  // Decimal numbers: 3.1415926535
  /^\d+\.\d+$/,
  // Versions: three or more dot-separated groups, a single digit after the first one (1.2.3,
  // 120.0.6099.109); a leading "1." is the US trunk code (1.800.555.0199)
  /^\d+(?=(?:\.\d+){2})(?:\.\d+)*\.\d(?:\.\d+)*$/,
  // ISBNs: 978-3-16-148410-0, 0-306-40615-2
  /^97[89](?:[- ]?\d){10}$|^\d{1,5}-\d{1,7}-\d{1,7}-\d$/,
];

/** Distinct email-like tokens, lower-cased; "mailto:" and angle brackets fall away on their own. */
export function emailCandidates(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(emailPattern(text))) found.add(match[0].toLowerCase());
  return [...found];
}

/** How much text around a number its look-alike checks read: enough for "ISBN-13: " or " USD". */
const CONTEXT = 12;

/** A phone-shaped stretch of a text: the number as written, and where it ends with its extension. */
interface Stretch extends PhoneCandidate {
  start: number;
  end: number;
}

const digitsIn = (text: string): number => text.replace(/\D/g, '').length;

/** Brackets that close only what they opened: "(415 555-0134" and "80.585 ((79.964)" are not numbers. */
function balanced(run: string): boolean {
  let open = 0;
  for (const c of run) {
    if (c === '(') open += 1;
    else if (c === ')' && --open < 0) return false;
  }
  return open === 0;
}

/**
 * The number written at [start, start + written.length) of `text`, with its extension, when it is
 * none of the known look-alikes and has at least `minDigits` digits.
 */
function phoneAt(text: string, start: number, written: string, minDigits: number): Stretch | null {
  // A number ends with a digit: drop trailing spaces, dots, brackets.
  const run = written.replace(/\D+$/, '');
  // Checked first: most digit runs on a page are far too short, and this is the cheapest test. The
  // upper limit applies to the number itself, without an international prefix (00, or 011 in NANP).
  const digits = run.replace(/\D/g, '');
  if (digits.length < minDigits || digits.replace(/^0(?:0|11)/, '').length > MAX_DIGITS) return null;
  if (!balanced(run)) return null;
  let end = start + run.length;
  if (BAD_BEFORE.test(text.slice(Math.max(0, start - CONTEXT), start))) return null;
  const ext = EXTENSION.exec(text.slice(end, end + CONTEXT + 8));
  if (ext) end += ext[0].length;
  if (BAD_AFTER.test(text.slice(end, end + CONTEXT))) return null;
  const compact = run.replace(/\s*([-./])\s*/g, '$1');
  if (NOT_A_PHONE.some((shape) => shape.test(compact))) return null;

  const extension = ext?.[1];
  return extension ? { number: run, extension, start, end } : { number: run, start, end };
}

/** Figures set apart in a run: " - ", " / ", or a wide gap ("415-666-7777 - 800-443-1223"). */
const APART = /\s+[-\u2010-\u2015\u2212/]\s+|\s{3,}/g;
/** A second number that opens with a bracket or a plus, after a space. */
const OPENS = /\s+(?=[(+])/g;
/** A ZIP code before a number written with punctuation: "94105 415-666-7777". */
const ZIP_BEFORE = /^\d{5}\s+(?=[(+]|\d+[-./]\d)/;
/** A street number after a number ending in a group of four: "415-666-7777 123 Main St". */
const FIGURE_AFTER = /(?<=[-.]\d{4})\s+\d{1,5}$/;
/** An amount just before: "$20 415-666-7777". */
const PRICE_BEFORE = /[$€£¥₹]\s*$/;
/** Digits grouped in thousands: the rest of an amount ("€ 1 234 567"). */
const THOUSANDS = /^\d{1,3}(?:[\s.]\d{3})+$/;

/**
 * [start, end) of each part of `text` between the matches of `apart` that hold a digit; where
 * `oneFigure(left, right)` says the two sides of a gap belong together, it is not cut there.
 */
function split(text: string, apart: RegExp, oneFigure = (_left: string, _right: string): boolean => false) {
  const parts: Array<[number, number]> = [];
  let from = 0;
  for (const gap of text.matchAll(apart)) {
    const left = text.slice(from, gap.index);
    if (oneFigure(left, text.slice(gap.index + gap[0].length))) continue;
    parts.push([from, gap.index]);
    from = gap.index + gap[0].length;
  }
  parts.push([from, text.length]);
  return parts.filter(([a, b]) => /\d/.test(text.slice(a, b)));
}

/**
 * The stretches of a run of digits and punctuation that may each be one number: the run is cut
 * where two figures stand side by side (numbers apart, a number that opens with a bracket or a
 * plus after a whole one), and a ZIP code before or a street number after a number falls away.
 * Within a stretch the background's matcher still finds the number itself.
 */
function piecesOf(run: string): Array<[number, number]> {
  const pieces: Array<[number, number]> = [];
  for (const [from, to] of run.search(APART) >= 0 ? split(run, APART) : [[0, run.length] as [number, number]]) {
    const part = run.slice(from, to);
    // Two numbers, or a ZIP code and a number, take twelve digits or more: most parts are one number.
    if (digitsIn(part) < 12) {
      pieces.push([from, to]);
      continue;
    }
    // "+44 (0) 20 7946 0958" is one number: a side with fewer digits than a whole one is part of the other.
    const partOfOne = (left: string, right: string): boolean =>
      digitsIn(left) < MIN_MARK_DIGITS || digitsIn(right) < MIN_MARK_DIGITS;
    for (let [start, end] of split(part, OPENS, partOfOne)) {
      const piece = part.slice(start, end);
      const zip = ZIP_BEFORE.exec(piece);
      if (zip && digitsIn(piece) - 5 >= MIN_MARK_DIGITS) start += zip[0].length;
      const after = FIGURE_AFTER.exec(piece);
      if (after && digitsIn(piece) > 11) end -= after[0].length;
      pieces.push([from + start, from + end]);
    }
  }
  return pieces;
}

/** The numbers in `text`'s phone-shaped runs that start in [from, to), and where the last run read ends. */
function stretchesIn(text: string, minDigits: number, from = 0, to = text.length) {
  const plain = plainDigits(text);
  const stretches: Stretch[] = [];
  const runs = PHONE_RUN;
  runs.lastIndex = from;
  let runEnd = from;
  for (let match = runs.exec(plain); match && match.index < to; match = runs.exec(plain)) {
    runEnd = match.index + match[0].length;
    // Most runs on a page are far too short to hold a number: the cheapest test first.
    if (digitsIn(match[0]) < minDigits) continue;
    for (const [start, end] of piecesOf(match[0])) {
      const at = match.index + start;
      const written = plain.slice(at, match.index + end);
      let phone = phoneAt(plain, at, written, minDigits);
      // "$20 415-666-7777": the amount is not part of the number after it.
      const amount = !phone && PRICE_BEFORE.test(plain.slice(Math.max(0, at - 3), at)) && /^\d+\s+/.exec(written);
      const rest = amount ? written.slice(amount[0].length) : '';
      if (amount && digitsIn(rest) >= MIN_MARK_DIGITS && !THOUSANDS.test(rest))
        phone = phoneAt(plain, at + amount[0].length, rest, minDigits);
      if (!phone) continue;
      // As the page wrote it: full-width digits stay full-width.
      const number = text.slice(phone.start, phone.start + phone.number.length);
      stretches.push({ ...phone, number });
      // An extension's digits ("x 123456789") are not a number of their own.
      if (phone.end > runEnd) runs.lastIndex = runEnd = phone.end;
    }
  }
  return { stretches, runEnd };
}

/** Every stretch of the text that is shaped like a phone number and is none of the known look-alikes. */
export function phoneCandidates(text: string): PhoneCandidate[] {
  return stretchesIn(text, MIN_DIGITS).stretches.map(({ number, extension }) =>
    extension ? { number, extension } : { number },
  );
}

/** Whether the whole text is a number whose letters stand for digits ("1-800-FLOWERS"). */
export function isVanityNumber(text: string): boolean {
  const number = text.trim();
  const digits = number.replace(/[^\dA-Z]/g, '').length;
  return VANITY.test(number) && digits >= 7 && digits <= MAX_DIGITS;
}

/** A phone number or an email address found in a longer text, where it is written. */
export interface FoundContact {
  kind: SelectionKind;
  /** As written (a phone's extension with it), so the page's own spelling is what is asked about. */
  value: string;
  start: number;
  end: number;
}

/** Past a slice's end, how far a contact that starts in it is read: longer than any email address. */
const SLICE_TAIL = 320;

/**
 * The phone numbers and email addresses in `text` that start in [from, to), for the known-lead
 * marks, which read a page's visible text a slice at a time. `next` is where the next slice
 * starts: past the end of any phone- or email-shaped run that goes over `to`, so none is found
 * twice or cut in two. Only the slice and a little around it is read, so a long text costs the
 * same in slices as in one go. Phone-shaped digits inside an email address are part of it.
 */
export function contactsInText(text: string, from = 0, to = text.length): { found: FoundContact[]; next: number } {
  const base = Math.max(0, from - CONTEXT);
  const part = text.slice(base, Math.min(text.length, to + SLICE_TAIL));
  const limit = to - base;
  const found: FoundContact[] = [];
  let next = Math.min(to, text.length);
  const taken: Array<[number, number]> = [];
  // Most texts with digits hold no address: the pattern is not even made for them.
  if (part.includes('@')) {
    const emails = emailPattern(part);
    emails.lastIndex = from - base;
    for (let match = emails.exec(part); match && match.index < limit; match = emails.exec(part)) {
      const end = match.index + match[0].length;
      found.push({ kind: 'email', value: match[0], start: base + match.index, end: base + end });
      taken.push([match.index, end]);
      next = Math.max(next, base + end);
    }
    // The pattern is shared (matchAll starts a copy where it stands).
    emails.lastIndex = 0;
  }
  const { stretches, runEnd } = stretchesIn(part, MIN_MARK_DIGITS, from - base, limit);
  next = Math.max(next, base + runEnd);
  for (const phone of stretches) {
    if (taken.some(([start, end]) => phone.start < end && phone.end > start)) continue;
    const start = base + phone.start;
    found.push({ kind: 'phone', value: part.slice(phone.start, phone.end), start, end: base + phone.end });
    next = Math.max(next, base + phone.end);
  }
  found.sort((a, b) => a.start - b.start);
  return { found, next };
}

/**
 * 'email' when the selection holds exactly one email address, 'phone' when it holds at least one
 * phone-shaped run, otherwise null. An email address wins over phone-shaped digits beside it.
 * Surrounding whitespace, NBSP included, is ignored (String#trim).
 */
export function classifySelection(text: string): SelectionKind | null {
  const selection = text.trim();
  if (selection === '' || selection.length > MAX_LENGTH) return null;
  if (selection.split(/\r\n?|\n/).length > MAX_LINES) return null;
  const emails = emailCandidates(selection);
  if (emails.length > 0) return emails.length === 1 ? 'email' : null;
  return phoneCandidates(selection).length > 0 || isVanityNumber(selection) ? 'phone' : null;
}

/** A triple-click selects a whole line or paragraph; longer text is not a line a contact sits on. */
const MAX_LINE_LENGTH = 300;

/**
 * The phone number or email address in a line of text (what a triple-click selects), as written,
 * so only that value leaves the page: the one the line holds, or where it holds several that
 * differ ("Phone 415-666-7777 Mobile 415-555-0134"), the one at `at` (where the pointer was, as an
 * offset in `line`); null when there is none, or several and none at `at`. As in
 * `classifySelection`, email addresses win over phone-shaped digits beside them.
 */
export function contactInLine(line: string, at?: number): string | null {
  const text = line.trim();
  if (text === '' || text.length > MAX_LINE_LENGTH || text.split(/\r\n?|\n/).length > MAX_LINES) return null;
  const pointer = at === undefined ? undefined : at - (line.length - line.trimStart().length);
  const emails = [...text.matchAll(emailPattern(text))].map((match) => ({
    key: match[0].toLowerCase(),
    value: match[0],
    start: match.index,
    end: match.index + match[0].length,
  }));
  if (emails.length > 0) return oneOf(emails, pointer);
  // A tel: URI is read whole: its phone-context says which country a local number is in.
  const uris = text.match(/\btel:[^\s,]+/gi) ?? [];
  if (uris.length > 0) return uris.length === 1 ? (uris[0] ?? null) : null;
  if (isVanityNumber(text)) return text;
  const phones = stretchesIn(text, MIN_DIGITS).stretches.map(({ number, extension, start, end }) => ({
    key: `${plainDigits(number).replace(/\D/g, '')}x${extension ?? ''}`,
    value: extension ? `${number} x${extension}` : number,
    start,
    end,
  }));
  return oneOf(phones, pointer);
}

/** The value of the contacts found, when they are all the same one, or else of the one at `at`. */
function oneOf(found: Array<{ key: string; value: string; start: number; end: number }>, at?: number): string | null {
  const [first] = found;
  if (!first) return null;
  if (found.every(({ key }) => key === first.key)) return first.value;
  if (at === undefined) return null;
  return found.find(({ start, end }) => start <= at && at <= end)?.value ?? null;
}

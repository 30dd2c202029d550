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
 */

export type SelectionKind = 'email' | 'phone';

export interface PhoneCandidate {
  /** The number as written, without "tel:" and without the extension. */
  number: string;
  extension?: string;
}

const MAX_LENGTH = 80;
const MAX_LINES = 2;
const MIN_DIGITS = 7;
const MAX_DIGITS = 15;

/**
 * Made on first use, from a string: as a literal, a pattern with Unicode property classes
 * (\p{L}) is compiled where the script is parsed, which costs every page the content script runs
 * in a good part of a millisecond, whether or not anything is ever selected there.
 */
let email: RegExp | undefined;
const emailPattern = (): RegExp =>
  (email ??= new RegExp("[\\p{L}\\p{N}._%+'-]+@(?:[\\p{L}\\p{N}-]+\\.)+\\p{L}{2,}", 'gu'));

/** A maximal run of digits and phone punctuation: spaces (incl. NBSP), . - ( ) / + and dashes. */
const PHONE_RUN = /[+(]*\d[\d()./+\-\u2010-\u2015 \t\u00a0\u2009\u202f]*/g;
const EXTENSION = /^\s*(?:;ext=|ext\.?|extension|x|#)\s*(\d{1,7})/i;

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
  // Dates: 2024-01-15, 2024.01.15, 15/01/2024, 01.02.2024, 1/5/24
  /^(?:\d{4}[-./]\d\d?[-./]\d\d?|\d\d?[-./]\d\d?[-./]\d\d(?:\d\d)?)$/,
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
  for (const match of text.matchAll(emailPattern())) found.add(match[0].toLowerCase());
  return [...found];
}

/** How much text around a number its look-alike checks read: enough for "ISBN-13: " or " USD". */
const CONTEXT = 12;

/**
 * The phone-shaped run that PHONE_RUN matched at `match`, with its extension, when it is none of
 * the known look-alikes; `end` is where the number (and its extension) ends in `text`.
 */
function phoneAt(text: string, match: RegExpExecArray): (PhoneCandidate & { end: number }) | null {
  // A number ends with a digit: drop trailing spaces, dots, brackets.
  const run = match[0].replace(/\D+$/, '');
  // The limits apply to the number itself, without an international prefix (00, or 011 in NANP).
  // Checked first: most digit runs on a page are far too short, and this is the cheapest test.
  const ownDigits = run.replace(/\D/g, '').replace(/^0(?:0|11)/, '').length;
  if (ownDigits < MIN_DIGITS || ownDigits > MAX_DIGITS) return null;
  let end = match.index + run.length;
  if (BAD_BEFORE.test(text.slice(Math.max(0, match.index - CONTEXT), match.index))) return null;
  const ext = EXTENSION.exec(text.slice(end, end + CONTEXT + 8));
  if (ext) end += ext[0].length;
  if (BAD_AFTER.test(text.slice(end, end + CONTEXT))) return null;
  const compact = run.replace(/\s*([-./])\s*/g, '$1');
  if (NOT_A_PHONE.some((shape) => shape.test(compact))) return null;

  const extension = ext?.[1];
  return extension ? { number: run, extension, end } : { number: run, end };
}

/** Every run in the text that is shaped like a phone number and is none of the known look-alikes. */
export function phoneCandidates(text: string): PhoneCandidate[] {
  const candidates: PhoneCandidate[] = [];
  for (const match of text.matchAll(PHONE_RUN)) {
    const phone = phoneAt(text, match);
    if (phone)
      candidates.push(
        phone.extension ? { number: phone.number, extension: phone.extension } : { number: phone.number },
      );
  }
  return candidates;
}

/** A phone number or an email address found in a longer text, where it is written. */
export interface FoundContact {
  kind: SelectionKind;
  /** As written (a phone's extension left out), so the page's own spelling is what is asked about. */
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
  const emails = new RegExp(emailPattern().source, 'gu');
  emails.lastIndex = from - base;
  for (let match = emails.exec(part); match && match.index < limit; match = emails.exec(part)) {
    const end = match.index + match[0].length;
    found.push({ kind: 'email', value: match[0], start: base + match.index, end: base + end });
    taken.push([match.index, end]);
    next = Math.max(next, base + end);
  }
  const phones = new RegExp(PHONE_RUN.source, 'g');
  phones.lastIndex = from - base;
  for (let match = phones.exec(part); match && match.index < limit; match = phones.exec(part)) {
    const runEnd = match.index + match[0].length;
    next = Math.max(next, base + runEnd);
    if (taken.some(([start, end]) => match.index < end && runEnd > start)) continue;
    const phone = phoneAt(part, match);
    if (!phone) continue;
    found.push({
      kind: 'phone',
      value: phone.number,
      start: base + match.index,
      end: base + match.index + phone.number.length,
    });
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
  return phoneCandidates(selection).length > 0 ? 'phone' : null;
}

/** A triple-click selects a whole line or paragraph; longer text is not a line a contact sits on. */
const MAX_LINE_LENGTH = 300;

/**
 * The one phone number or email address in a line of text (what a triple-click selects), as
 * written, so only that value leaves the page; null when the line holds none, or several that
 * differ. As in `classifySelection`, one email address wins over phone-shaped digits beside it.
 */
export function contactInLine(line: string): string | null {
  const text = line.trim();
  if (text === '' || text.length > MAX_LINE_LENGTH || text.split(/\r\n?|\n/).length > MAX_LINES) return null;
  const emails = emailCandidates(text);
  if (emails.length > 0) {
    if (emails.length > 1) return null;
    const [match] = text.match(emailPattern()) ?? [];
    return match ?? null;
  }
  const phones = phoneCandidates(text);
  const distinct = new Set(phones.map((phone) => `${phone.number.replace(/\D/g, '')}x${phone.extension ?? ''}`));
  const [phone] = phones;
  if (distinct.size !== 1 || !phone) return null;
  return phone.extension ? `${phone.number} x${phone.extension}` : phone.number;
}

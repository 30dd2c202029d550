/**
 * Turns selected text into the email address or phone number to look up in the CRM.
 *
 * Background only: this pulls in libphonenumber-js and its metadata, which the content script must
 * never bundle. The background never trusts the content script's pre-check, so every entry point
 * here runs `classifySelection` again before parsing; as a result, whatever this module accepts the
 * content script also lets through.
 *
 * Metadata: `libphonenumber-js/max`, with `isValid()`. Both the default `min` metadata and `max`
 * accept the fictional numbers the CRM's demo data uses (US 555-0100..0199 such as 415-555-0134 and
 * 212-555-0199, UK 020 7946 0xxx) as valid, so `isPossible()` (length only) is not needed for them.
 * `min` checks little more than length and leading digits: of random 11-digit Brazilian numbers it
 * calls about ten times as many valid as `max` does, so order numbers and other digit runs would
 * turn into lookups. `max` checks the digits against each number type; its extra size only weighs on
 * the background, which has no size budget. One consequence: Ofcom's drama mobile range
 * (07700 900xxx) is not a valid number and is not looked up.
 */
import { parsePhoneNumberFromString, type CountryCode, type PhoneNumber } from 'libphonenumber-js/max';
import { classifySelection, emailCandidates, phoneCandidates } from './selection-check';

export type { CountryCode };

export type Contact =
  | { kind: 'email'; value: string; display: string }
  | { kind: 'phone'; value: string; extension?: string; display: string };

export interface NormalizedPhone {
  /** E.164, e.g. +14155550134 */
  e164: string;
  extension?: string;
  /** International format, with the extension when there is one: "+1 415 555 0134 ext. 204" */
  display: string;
}

/** Stricter than the pre-check: limits from RFC 5321, no empty or dotted-out labels. */
function isSaneEmail(email: string): boolean {
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (local.length === 0 || local.length > 64 || email.length > 254) return false;
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) return false;
  return domain.split('.').every((label) => label.length > 0 && !/^-|-$/.test(label));
}

/**
 * The one email address in the text, lower-cased, without "mailto:", query or angle brackets;
 * null when there is none, more than one, or the text also fails the selection pre-check.
 */
export function normalizeEmail(text: string): string | null {
  if (classifySelection(text) !== 'email') return null;
  const [email] = emailCandidates(text.trim());
  return email !== undefined && isSaneEmail(email) ? email : null;
}

function parseValid(number: string, defaultRegion: CountryCode): PhoneNumber | undefined {
  const parsed = parsePhoneNumberFromString(number, { defaultCountry: defaultRegion, extract: false });
  return parsed?.isValid() ? parsed : undefined;
}

/** Reads one written number: national with the default region, or international. */
function readNumber(written: string, defaultRegion: CountryCode): PhoneNumber | undefined {
  // "(+44) 20 7946 0958": brackets around the country code
  const number = written.replace(/^\(\s*(\+\d{1,3})\s*\)/, '$1');
  const parsed = parseValid(number, defaultRegion);
  if (parsed) return parsed;
  // "00" is the international prefix in most of the world, though not in the default region (the
  // US dials 011); try it only after the region's own reading, since in Brazil 00 is followed by a
  // carrier code.
  return number.startsWith('00') ? parseValid(`+${number.slice(2)}`, defaultRegion) : undefined;
}

/**
 * The one phone number in the text, read with `defaultRegion` when it is written nationally; null
 * when there is none, when there are two different ones, or when the text fails the pre-check
 * (dates, prices, card numbers, IP addresses and the like).
 */
export function normalizePhone(text: string, defaultRegion: CountryCode): NormalizedPhone | null {
  if (classifySelection(text) !== 'phone') return null;
  const found = new Map<string, NormalizedPhone>();
  for (const candidate of phoneCandidates(text.trim())) {
    const parsed = readNumber(candidate.number, defaultRegion);
    if (!parsed) continue;
    const { extension } = candidate;
    const international = parsed.formatInternational();
    const phone: NormalizedPhone =
      extension === undefined
        ? { e164: parsed.number, display: international }
        : { e164: parsed.number, extension, display: `${international} ext. ${extension}` };
    found.set(`${phone.e164};${extension ?? ''}`, phone);
  }
  const [only, ...others] = found.values();
  return only !== undefined && others.length === 0 ? only : null;
}

/** The contact to look up for a selection, or null when the text is neither or is ambiguous. */
export function parseContact(text: string, defaultRegion: CountryCode): Contact | null {
  const kind = classifySelection(text);
  if (kind === 'email') {
    const email = normalizeEmail(text);
    return email === null ? null : { kind: 'email', value: email, display: email };
  }
  if (kind === 'phone') {
    const phone = normalizePhone(text, defaultRegion);
    if (phone === null) return null;
    const { e164, extension, display } = phone;
    return extension === undefined
      ? { kind: 'phone', value: e164, display }
      : { kind: 'phone', value: e164, extension, display };
  }
  return null;
}

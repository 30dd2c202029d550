/**
 * Reads the one phone number in a selection, a triple-clicked line or a marked value, as
 * libphonenumber finds numbers in text (its port of Google's matcher, at its "valid" leniency).
 *
 * Background only, like contact.ts. The content script's check (selection-check.ts) passes the
 * stretches of text that may hold a number, its look-alikes (dates, amounts, references, card
 * numbers, IP addresses) left out; the matcher decides what in each stretch is a number, with the
 * region's own plan: its lengths, its trunk and international prefixes, its extensions.
 *
 * Metadata: `libphonenumber-js/max`. Both the default `min` metadata and `max` accept the
 * fictional numbers the CRM's demo data uses (US 555-0100..0199 such as 415-555-0134, UK 020 7946
 * 0xxx) as valid. `min` checks little more than length and leading digits: of random 11-digit
 * Brazilian numbers it calls about ten times as many valid as `max` does, so order numbers and
 * other digit runs would turn into lookups. `max` checks the digits against each number type; its
 * size only weighs on the background, which has no size budget. One consequence: Ofcom's drama
 * mobile range (07700 900xxx) is not a valid number and is not looked up.
 */
import {
  findPhoneNumbersInText,
  parsePhoneNumberFromString,
  type CountryCode,
  type NumberType,
  type PhoneNumber,
} from 'libphonenumber-js/max';
import { classifySelection, isVanityNumber, phoneCandidates } from './selection-check';

export interface NormalizedPhone {
  /** E.164, e.g. +14155550134 */
  e164: string;
  extension?: string;
  /** International format, with the extension when there is one: "+1 415 555 0134 ext. 204" */
  display: string;
}

/**
 * What pages write read as plain characters: full-width digits and signs, no-break, thin and
 * ideographic spaces (NFKC); soft hyphens, which only say where a line may break, dropped.
 */
const plain = (text: string): string => text.normalize('NFKC').replace(/\u00ad/g, '');

function normalized(number: PhoneNumber): NormalizedPhone {
  const { number: e164, ext } = number;
  // "ext." in every region (libphonenumber writes " x12" in some), as the card says it.
  const display = number.formatInternational({
    formatExtension: (formatted, extension) => `${formatted} ext. ${extension}`,
  });
  return ext ? { e164, extension: ext, display } : { e164, display };
}

function parseValid(number: string, defaultRegion: CountryCode): PhoneNumber | undefined {
  const parsed = parsePhoneNumberFromString(number, { defaultCountry: defaultRegion });
  return parsed?.isValid() ? parsed : undefined;
}

/** The valid numbers libphonenumber's matcher finds in one stretch of text. */
function numbersIn(stretch: string, defaultRegion: CountryCode): PhoneNumber[] {
  const text = plain(stretch);
  const found = findPhoneNumbersInText(text, { defaultCountry: defaultRegion }).map(({ number }) => number);
  if (found.length > 0) return found;
  // "00" is the international prefix in most of the world, though not in every default region
  // (the US dials 011): tried only after the region's own reading, since in Brazil 00 is followed
  // by a carrier code.
  const international = text.replace(/^(\D*)00(?=[1-9])/, '$1+');
  return international === text
    ? []
    : findPhoneNumbersInText(international, { defaultCountry: defaultRegion }).map(({ number }) => number);
}

/**
 * A `tel:` URI (RFC 3966): a global number, or a local one with its `phone-context` ("+44", or a
 * domain, which says nothing of the country), with `ext` kept and `isub` left out.
 */
function readTelUri(text: string, defaultRegion: CountryCode): PhoneNumber | null | undefined {
  const uri = /tel:([^\s;,]+)((?:;[^\s;,]+)*)/i.exec(plain(text));
  if (!uri) return undefined;
  const [, number = '', params = ''] = uri;
  const param = (name: string): string | undefined =>
    new RegExp(`;${name}=([^;]+)`, 'i').exec(params)?.[1]?.replace(/[-.()]/g, '');
  const context = param('phone-context');
  const digits = number.replace(/[-.()]/g, '');
  const whole = !digits.startsWith('+') && context?.startsWith('+') ? `${context}${digits}` : digits;
  const ext = param('ext');
  return parseValid(ext && /^\d+$/.test(ext) ? `${whole};ext=${ext}` : whole, defaultRegion) ?? null;
}

/** Types of number sold with letters on them: "1-800-FLOWERS", "0800 DDA 005". */
/** The national numbers of the smallest plans (Niue, Tokelau, the Cook Islands, the Falklands). */
const SHORT_PLAN = /^[\d\s().-]+$/;
const SHORT_PLAN_DIGITS = { min: 4, max: 5 };

/**
 * A number of four or five digits, alone, that is a number in the user's region: too short for
 * the pre-check, which takes such runs on a page for years and amounts, so it comes only from a
 * lookup the user asked for (the shortcut, the context menu, the popup). In a region whose numbers
 * are longer it is none ("2024" in the US).
 */
function readShortNational(text: string, defaultRegion: CountryCode): PhoneNumber | undefined {
  const written = plain(text).trim();
  const digits = written.replace(/\D/g, '').length;
  if (!SHORT_PLAN.test(written) || digits < SHORT_PLAN_DIGITS.min || digits > SHORT_PLAN_DIGITS.max) return undefined;
  const parsed = parseValid(written, defaultRegion);
  return parsed && parsed.nationalNumber.length <= SHORT_PLAN_DIGITS.max ? parsed : undefined;
}

const VANITY_TYPES: ReadonlySet<NumberType> = new Set(['TOLL_FREE', 'PREMIUM_RATE', 'SHARED_COST', 'UAN']);
const KEYPAD = ['ABC', 'DEF', 'GHI', 'JKL', 'MNO', 'PQRS', 'TUV', 'WXYZ'];

/** A number whose letters are its keypad digits, where the region sells such numbers (toll-free and the like). */
function readVanity(text: string, defaultRegion: CountryCode): PhoneNumber | undefined {
  const digits = text
    .trim()
    .replace(/^tel:/i, '')
    .replace(/[A-Z]/g, (letter) => String(KEYPAD.findIndex((keys) => keys.includes(letter)) + 2));
  const parsed = parseValid(digits, defaultRegion);
  const type = parsed?.getType();
  return type && VANITY_TYPES.has(type) ? parsed : undefined;
}

/**
 * The one phone number in the text, read with `defaultRegion` when it is written nationally; null
 * when there is none, when there are two different ones, or when the text fails the pre-check
 * (dates, prices, card numbers, IP addresses and the like).
 */
export function normalizePhone(text: string, defaultRegion: CountryCode): NormalizedPhone | null {
  if (classifySelection(text) !== 'phone') {
    const short = readShortNational(text, defaultRegion);
    return short ? normalized(short) : null;
  }
  const uri = readTelUri(text, defaultRegion);
  if (uri !== undefined) return uri && normalized(uri);
  if (isVanityNumber(text)) {
    const vanity = readVanity(text, defaultRegion);
    return vanity ? normalized(vanity) : null;
  }
  const found = new Map<string, NormalizedPhone>();
  // The extension as the check read it, in every spelling it knows ("доб. 100", "Durchwahl 12"):
  // in the RFC 3966 form the matcher reads whatever its length.
  for (const { number: written, extension } of phoneCandidates(text.trim())) {
    for (const number of numbersIn(extension ? `${written};ext=${extension}` : written, defaultRegion)) {
      const phone = normalized(number);
      found.set(`${phone.e164};${phone.extension ?? ''}`, phone);
    }
  }
  const [only, ...others] = found.values();
  return only !== undefined && others.length === 0 ? only : null;
}

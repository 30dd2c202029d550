/**
 * Why a lead is in the answer for the selected phone number or email. MEGA's `search` is free
 * text over name, email and phone, so a lead can come back because some other text of it matched:
 * the card says so, and puts the leads that carry the selected number or address first.
 *
 * Runs in the card's pages, so it reads phone numbers by their digits and never imports
 * libphonenumber-js (only the `Contact` type, which the build erases).
 */
import type { Contact } from './contact';

/** `phone` and `email`: the lead carries the selected value. `name`: found by other text, a weaker match. */
export type MatchKind = 'phone' | 'email' | 'name';

/** The lead fields the rule reads; any lead the API returns has this shape. */
export interface MatchableLead {
  contact_phone?: string | null;
  contact_email?: string | null;
}

/**
 * How many trailing digits identify a number written without its country code: the rule MEGA
 * itself uses to merge leads ("the last 10 phone digits match").
 */
const SIGNIFICANT_DIGITS = 10;

/** "+1 415 555 0134 ext. 204" → "+1 415 555 0134": an extension is not part of the number. */
function withoutExtension(phone: string): string {
  return phone.replace(/\s*(?:extension|ext\.?|x|#)\s*\d+\s*$/i, '');
}

/** The digits of a written number, with an international "00" prefix read as "+". */
function digitsOf(phone: string): string {
  const trimmed = withoutExtension(phone).trim();
  const digits = trimmed.replace(/\D/g, '');
  return !trimmed.startsWith('+') && digits.startsWith('00') ? digits.slice(2) : digits;
}

/** Same number: the same E.164 digits, or the same last 10 digits however either is written. */
export function samePhone(selected: string, onLead: string): boolean {
  const a = digitsOf(selected);
  const b = digitsOf(onLead);
  if (a === '' || b === '') return false;
  if (a === b) return true;
  return (
    a.length >= SIGNIFICANT_DIGITS &&
    b.length >= SIGNIFICANT_DIGITS &&
    a.slice(-SIGNIFICANT_DIGITS) === b.slice(-SIGNIFICANT_DIGITS)
  );
}

export function sameEmail(selected: string, onLead: string): boolean {
  const a = selected.trim().toLowerCase();
  return a !== '' && a === onLead.trim().toLowerCase();
}

export function matchKind(contact: Contact, lead: MatchableLead): MatchKind {
  if (contact.kind === 'phone') {
    return lead.contact_phone && samePhone(contact.value, lead.contact_phone) ? 'phone' : 'name';
  }
  return lead.contact_email && sameEmail(contact.value, lead.contact_email) ? 'email' : 'name';
}

/** The leads that carry the selected value first; otherwise in the order MEGA gave them. */
export function sortByMatch<T extends MatchableLead>(leads: readonly T[], contact: Contact | null | undefined): T[] {
  if (!contact) return [...leads];
  const weaker = (lead: T) => (matchKind(contact, lead) === 'name' ? 1 : 0);
  // Array.prototype.sort is stable, so equal leads keep MEGA's order.
  return [...leads].sort((a, b) => weaker(a) - weaker(b));
}

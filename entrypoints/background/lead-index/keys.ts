/**
 * The values the on-device copy finds a lead by, derived the same way for a stored lead and for a
 * selected contact, so that an index lookup is a plain equality match.
 */
import type { Lead } from '@/utils/api/schemas';
import { normalizeEmail, normalizePhone, type Contact, type CountryCode } from '@/utils/contact';

export interface LookupKeys {
  /** The last 10 digits, which is how MEGA itself matches national and international spellings. */
  phoneLast10?: string;
  /** E.164, for numbers whose national spelling differs from the international one in the last
   *  10 digits ("01 42 68 53 00" vs +33 1 42 68 53 00). */
  phoneE164?: string;
  /** Lower-cased. */
  email?: string;
}

/** Fewer digits than this cannot tell one number from another. */
const MIN_PHONE_DIGITS = 7;

export function digitsOf(text: string): string {
  return text.replace(/\D+/g, '');
}

function last10(digits: string): string | undefined {
  return digits.length >= MIN_PHONE_DIGITS ? digits.slice(-10) : undefined;
}

/**
 * The keys of a lead as MEGA sent it. National numbers are read with the user's region, the same
 * region a selected number is read with.
 */
export function leadKeys(lead: Lead, region: CountryCode): LookupKeys {
  const keys: LookupKeys = {};
  const phone = lead.contact_phone?.trim();
  if (phone) {
    const tail = last10(digitsOf(phone));
    if (tail !== undefined) keys.phoneLast10 = tail;
    const e164 = normalizePhone(phone, region)?.e164;
    if (e164 !== undefined) keys.phoneE164 = e164;
  }
  const email = lead.contact_email?.trim();
  if (email) keys.email = normalizeEmail(email) ?? email.toLowerCase();
  return keys;
}

/** The keys to look a selected contact up by (its value is already normalised). */
export function contactKeys(contact: Contact): LookupKeys {
  if (contact.kind === 'email') return { email: contact.value.toLowerCase() };
  const keys: LookupKeys = { phoneE164: contact.value };
  const tail = last10(digitsOf(contact.value));
  if (tail !== undefined) keys.phoneLast10 = tail;
  return keys;
}

const ACCOUNT_ID = /^[A-Za-z0-9_-]{8,128}$/;

/**
 * An opaque, stable id for the account whose leads a copy holds: the API base URL and the
 * customer id, hashed. Never the token: the database name is visible to anyone who opens the
 * browser's developer tools, and a new token for the same customer sees the same leads.
 */
export async function accountIdFor(baseUrl: string, customerId: string): Promise<string> {
  const text = `${baseUrl.trim().replace(/\/+$/, '').toLowerCase()}\n${customerId.trim().toLowerCase()}`;
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest).slice(0, 16)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** What every copy's database name starts with. */
export const DATABASE_PREFIX = 'lead-lens-leads-';

/** The IndexedDB database that holds one account's copy. */
export function databaseNameFor(accountId: string): string {
  if (!ACCOUNT_ID.test(accountId)) {
    throw new TypeError('An account id is 8 to 128 letters, digits, "-" or "_" (see accountIdFor).');
  }
  return `${DATABASE_PREFIX}${accountId}`;
}

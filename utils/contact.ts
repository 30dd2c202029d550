/**
 * Turns selected text into the email address or phone number to look up in the CRM.
 *
 * Background only: phone numbers are read with libphonenumber-js and its metadata (phone.ts),
 * which the content script must never bundle. The background never trusts the content script's
 * pre-check, so every entry point here runs `classifySelection` again before parsing; as a
 * result, whatever this module accepts the content script also lets through, but for one thing:
 * a national number of four or five digits, alone, in a region whose plan has them (Niue, the
 * Falklands). The pre-check keeps such runs in the page, where they are mostly years and amounts;
 * the shortcut, the context menu and the popup send what the user asked about, and are read here.
 */
import type { CountryCode } from 'libphonenumber-js/max';
import { classifySelection, emailCandidates } from './selection-check';
import { normalizePhone } from './phone';

export { normalizePhone, type NormalizedPhone } from './phone';
export type { CountryCode };

export type Contact =
  | { kind: 'email'; value: string; display: string }
  | { kind: 'phone'; value: string; extension?: string; display: string };

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

/** The contact to look up for a selection, or null when the text is neither or is ambiguous. */
export function parseContact(text: string, defaultRegion: CountryCode): Contact | null {
  const kind = classifySelection(text);
  if (kind === 'email') {
    const email = normalizeEmail(text);
    return email === null ? null : { kind: 'email', value: email, display: email };
  }
  // No kind: a national number of the smallest plans still is one in its region (normalizePhone).
  if (kind === 'phone' || kind === null) {
    const phone = normalizePhone(text, defaultRegion);
    if (phone === null) return null;
    const { e164, extension, display } = phone;
    return extension === undefined
      ? { kind: 'phone', value: e164, display }
      : { kind: 'phone', value: e164, extension, display };
  }
  return null;
}

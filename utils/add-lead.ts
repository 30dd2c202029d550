/**
 * "Add to MEGA": the form's rules, and the idempotency keys that make sure one user action can
 * create at most one lead however often it is sent (double clicks, retries after a failure).
 */
import type { LeadLine } from './api/constants';
import type { Contact } from './contact';
import type { AddLeadInput } from './protocol';
import { classifySelection } from './selection-check';
import { t } from './i18n';

export interface AddLeadDraft {
  name: string;
  phone: string;
  email: string;
  stageSlug: string;
  leadLine: '' | LeadLine;
}

export type AddLeadErrors = Partial<Record<'name' | 'phone' | 'email' | 'form', string>>;

const EMAIL = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:"]{2,}$/;
const PHONE_CHARACTERS = /^\+?[\d\s().\-/]+(?:\s*(?:x|ext\.?)\s*\d{1,6})?$/i;

/** The form prefilled from what was selected (or searched for: a name goes into Name). */
export function draftFor(contact: Contact | null, name = ''): AddLeadDraft {
  return {
    name,
    phone: contact?.kind === 'phone' ? contact.display : '',
    email: contact?.kind === 'email' ? contact.value : '',
    stageSlug: '',
    leadLine: '',
  };
}

export function validateDraft(
  draft: AddLeadDraft,
): { ok: true; input: AddLeadInput } | { ok: false; errors: AddLeadErrors } {
  const name = draft.name.trim();
  const phone = draft.phone.trim();
  const email = draft.email.trim();
  const errors: AddLeadErrors = {};
  if (name.length > 200) errors.name = t('addLeadNameTooLong');
  if (phone) {
    const digits = phone.replace(/\D/g, '').length;
    if (!PHONE_CHARACTERS.test(phone) || digits < 7 || digits > 20) {
      errors.phone = t('addLeadPhoneInvalid');
    }
  }
  if (email && !EMAIL.test(email)) errors.email = t('addLeadEmailInvalid');
  if (!name && !phone && !email) errors.form = t('addLeadEmpty');
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const input: AddLeadInput = {};
  if (name) input.contact_name = name;
  if (phone) input.contact_phone = phone;
  if (email) input.contact_email = email.toLowerCase();
  if (draft.stageSlug) input.stage_slug = draft.stageSlug;
  if (draft.leadLine) input.lead_line = draft.leadLine;
  return { ok: true, input };
}

/**
 * One Idempotency-Key per user action. Sending the same body again (a double click, "Try again"
 * after a failure) reuses the key, so MEGA creates the lead at most once; changing what is sent
 * is a new action and gets a new key; after a success the next submission starts afresh.
 */
export class IdempotencyKeys {
  private current: { body: string; key: string } | undefined;

  constructor(private readonly newKey: () => string = () => crypto.randomUUID()) {}

  /** `input`: what is sent (one lead's details, or the rows of a bulk import); its keys' order does not count. */
  keyFor(input: AddLeadInput | object): string {
    const body = JSON.stringify(input, (_name, value: unknown) =>
      value && typeof value === 'object' && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
        : value,
    );
    if (this.current?.body !== body) this.current = { body, key: this.newKey() };
    return this.current.key;
  }

  /** The action is done: the next submission is a new one. */
  succeeded(): void {
    this.current = undefined;
  }
}

/** What a popup search that found nothing prefills: an email, a phone number, or else a name. */
export function draftForQuery(query: string): AddLeadDraft {
  const text = query.trim();
  const kind = classifySelection(text);
  if (kind === 'email') return draftFor({ kind, value: text.toLowerCase(), display: text });
  if (kind === 'phone') return draftFor({ kind, value: text, display: text });
  return draftFor(null, text);
}

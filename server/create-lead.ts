// POST /api/agents/crm/leads: validate the body, then create a lead or merge into the one that
// already has the same email or phone (docs/api-contract.md, "POST /api/agents/crm/leads"), so
// repeated captures of a contact never fork it.
import { samePhone } from './phone-digits.ts';
import type { CustomFieldValue, Lead, Owner, Stage } from './types.ts';

export interface CreateLeadInput {
  contact_name: string | null;
  contact_phone: string | null;
  contact_email: string | null;
  source_platform: string | null;
  source_type: string | null;
  stage: Stage | null;
  custom_fields: Record<string, CustomFieldValue> | null;
  /** Only the bulk import sets an owner; a single create leaves the lead unowned. */
  owner?: Owner | null;
}

/** Which of a lead's contact details made an input merge into it. */
export type MatchedBy = 'email' | 'phone';

export type ValidatedBody = { ok: true; input: CreateLeadInput } | { ok: false; message: string };

class BodyError extends Error {}

function fail(message: string): never {
  throw new BodyError(message);
}

function optionalString(body: Record<string, unknown>, name: string, maxLength: number): string | null {
  const value = body[name];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') fail(`${name} must be a string or null`);
  const trimmed = value.trim();
  if (trimmed.length > maxLength) fail(`${name} must be at most ${maxLength} characters`);
  return trimmed === '' ? null : trimmed;
}

const PHONE = /^\+?[\d\s\-.()/]+(?:\s*(?:x|ext\.?|#)\s*\d{1,6})?$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const FIELD_SLUG = /^[a-z][a-z0-9_]{0,63}$/;

function customFields(value: unknown): Record<string, CustomFieldValue> | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) fail('custom_fields must be an object');
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > 50) fail('custom_fields may hold at most 50 fields');
  const out: Record<string, CustomFieldValue> = {};
  for (const [key, field] of entries) {
    if (!FIELD_SLUG.test(key)) fail(`custom_fields key "${key.slice(0, 64)}" must be a lowercase slug`);
    const ok =
      field === null ||
      typeof field === 'boolean' ||
      (typeof field === 'number' && Number.isFinite(field)) ||
      (typeof field === 'string' && field.length <= 1000);
    if (!ok) fail(`custom_fields.${key} must be a string (up to 1000 characters), a finite number, a boolean or null`);
    out[key] = field as CustomFieldValue;
  }
  if (
    out.lead_line !== undefined &&
    out.lead_line !== null &&
    out.lead_line !== 'buyer' &&
    out.lead_line !== 'seller'
  ) {
    fail('custom_fields.lead_line is reserved and must be "buyer" or "seller"');
  }
  return out;
}

export function validateCreateBody(value: unknown, stages: readonly Stage[]): ValidatedBody {
  try {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      fail('The request body must be a JSON object.');
    const body = value as Record<string, unknown>;
    const contact_name = optionalString(body, 'contact_name', 200);
    const contact_phone = optionalString(body, 'contact_phone', 64);
    const contact_email = optionalString(body, 'contact_email', 254);
    if (contact_name === null && contact_phone === null && contact_email === null) {
      fail('At least one of contact_name, contact_phone or contact_email is required.');
    }
    if (contact_phone !== null && (!PHONE.test(contact_phone) || contact_phone.replace(/\D/g, '').length < 5)) {
      fail('contact_phone does not look like a phone number');
    }
    if (contact_email !== null && !EMAIL.test(contact_email)) fail('contact_email does not look like an email address');
    const stageSlug = optionalString(body, 'stage_slug', 64);
    const stage =
      stageSlug === null
        ? null
        : (stages.find((s) => s.slug === stageSlug) ??
          fail(`stage_slug "${stageSlug}" is not a stage of this pipeline`));
    return {
      ok: true,
      input: {
        contact_name,
        contact_phone,
        contact_email,
        source_platform: optionalString(body, 'source_platform', 64),
        source_type: optionalString(body, 'source_type', 64),
        stage,
        custom_fields: customFields(body.custom_fields),
      },
    };
  } catch (error) {
    if (error instanceof BodyError) return { ok: false, message: error.message };
    throw error;
  }
}

/** The customer's lead this input should merge into: same email first, then same phone. */
export function findExisting(
  leads: readonly Lead[],
  customerId: string,
  input: CreateLeadInput,
): { lead: Lead; matchedBy: MatchedBy } | undefined {
  const mine = leads.filter((lead) => lead.customer_id === customerId);
  const email = input.contact_email?.toLowerCase();
  const phone = input.contact_phone;
  const byEmail = email ? mine.find((lead) => lead.contact_email?.toLowerCase() === email) : undefined;
  if (byEmail) return { lead: byEmail, matchedBy: 'email' };
  const byPhone = phone
    ? mine.find((lead) => lead.contact_phone != null && samePhone(lead.contact_phone, phone))
    : undefined;
  return byPhone ? { lead: byPhone, matchedBy: 'phone' } : undefined;
}

/** Creates or merges in place (`leads` is the live data); returns the stored lead. */
export function createOrMergeLead(
  leads: Lead[],
  customerId: string,
  input: CreateLeadInput,
  nowIso: string,
  newId: () => string,
): { lead: Lead; matchedBy: MatchedBy | null } {
  const match = findExisting(leads, customerId, input);
  if (match) {
    const existing = match.lead;
    // Values sent win; values left out keep what the CRM already knew.
    if (input.contact_name !== null) existing.contact_name = input.contact_name;
    if (input.contact_phone !== null) existing.contact_phone = input.contact_phone;
    if (input.contact_email !== null) existing.contact_email = input.contact_email;
    if (input.stage !== null) existing.current_stage = { ...input.stage };
    if (input.owner) existing.owner = { ...input.owner };
    if (input.custom_fields !== null) existing.custom_fields = { ...existing.custom_fields, ...input.custom_fields };
    existing.updated_at = nowIso;
    return { lead: existing, matchedBy: match.matchedBy };
  }
  const lead: Lead = {
    id: newId(),
    customer_id: customerId,
    contact_name: input.contact_name,
    contact_phone: input.contact_phone,
    contact_email: input.contact_email,
    source_platform: input.source_platform ?? 'direct',
    source_type: input.source_type ?? 'manual',
    status: 'active',
    score: null,
    qualified: null,
    current_stage: input.stage === null ? null : { ...input.stage },
    owner: input.owner ? { ...input.owner } : null,
    last_interaction_at: null,
    interaction_count: 0,
    custom_fields: input.custom_fields ?? {},
    created_at: nowIso,
    updated_at: nowIso,
  };
  leads.push(lead);
  return { lead, matchedBy: null };
}

/**
 * The MEGA leads API as zod schemas: what real responses may hold, and what the extension sends.
 *
 * Responses are read tolerantly, because real data drifts from any reference and a person who
 * selected a phone number must see that lead even when one of its fields looks odd:
 * - A lead needs only a usable id (the key everything else hangs on). Every other field, the
 *   ones the published document calls required included, is read on its own: a value that can
 *   be coerced sensibly is ("42" as a score, "true" as `qualified`, a number as a phone, a unix
 *   time as a date), and one that cannot is dropped, so the card shows that field as unknown.
 * - A stage or an owner may arrive with any subset of its properties (the document requires
 *   none of them); one sent as a bare string is read as its name.
 * - Custom fields keep whatever JSON value MEGA sent (lists and objects too); only values nested
 *   absurdly deep are dropped, so that no later step can overflow the stack on them.
 * - In a page, leads are read one by one and a lead that cannot be read (no id, not an object)
 *   is skipped instead of failing its neighbours.
 * - Unknown fields are dropped (zod's default `strip`), and status, source type and source
 *   platform are open sets of plain strings so that a value MEGA adds later still displays.
 * What stays an error is a page the extension cannot use at all: `leads` not an array, a `total`
 * that is not a number, a created lead without an id.
 */
import { z } from 'zod';

import {
  BULK_ROW_STATUSES,
  LEAD_LINES,
  MAX_BULK_ROWS,
  ON_DUPLICATE,
  type LeadLine,
  type SortDirection,
  type SortField,
} from './constants';

export * from './constants';

/** A value as `JSON.parse` gives it. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A custom field's value: documented as a scalar, but real data also holds lists and objects. */
export type CustomFieldValue = JsonValue;
export type CustomFields = Record<string, CustomFieldValue>;

/** Deeper than any real custom field; bounds the recursion of everything that walks a value. */
const MAX_VALUE_DEPTH = 32;
/** A number this large is a unix time in milliseconds, a smaller one in seconds. */
const MILLISECONDS_FROM = 1e11;

/** A field that fails its check is dropped (read as absent) instead of failing the lead. */
function lenient<T extends z.ZodType>(schema: T) {
  return schema.optional().catch(undefined);
}

const numberAsText = (value: unknown): unknown =>
  typeof value === 'number' && Number.isFinite(value) ? String(value) : value;

const textAsNumber = (value: unknown): unknown => {
  if (typeof value !== 'string' || value.trim() === '') return value;
  const number = Number(value);
  return Number.isFinite(number) ? number : value;
};

const textAsBoolean = (value: unknown): unknown => {
  if (value === 1 || value === 0) return value === 1;
  if (typeof value !== 'string') return value;
  const word = value.trim().toLowerCase();
  return word === 'true' ? true : word === 'false' ? false : value;
};

const unixTimeAsIso = (value: unknown): unknown => {
  if (typeof value !== 'number' || !Number.isFinite(value)) return value;
  const date = new Date(value >= MILLISECONDS_FROM ? value : value * 1000);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
};

/** Plain text; a number is taken as its digits (a phone or an id sent as a number). */
const text = lenient(z.preprocess(numberAsText, z.string()));
const nullableText = lenient(z.preprocess(numberAsText, z.string().nullable()));
const nullableDate = lenient(z.preprocess(unixTimeAsIso, z.string().nullable()));

/** A stage or an owner sent as a bare string is read as its name. */
const nameOnly = (value: unknown): unknown => (typeof value === 'string' ? { name: value } : value);

/** Own keys whose value is `undefined` (dropped fields) removed, so a dropped field is absent. */
function withoutDropped<T extends object>(value: T): T {
  for (const key of Object.keys(value) as Array<keyof T>) if (value[key] === undefined) delete value[key];
  return value;
}

/** A pipeline stage as embedded in a lead; any subset of its properties may be present. */
export const stageSchema = z.preprocess(
  nameOnly,
  z.object({ id: text, slug: text, name: text, color: nullableText }).transform(withoutDropped),
);
export type Stage = z.output<typeof stageSchema>;

/** The user who owns a lead; any subset of its properties may be present. */
export const ownerSchema = z.preprocess(
  nameOnly,
  z.object({ id: text, name: text, role_name: nullableText }).transform(withoutDropped),
);
export type Owner = z.output<typeof ownerSchema>;

/** The value as a JSON value, or undefined when it nests deeper than MAX_VALUE_DEPTH. */
function jsonValueOf(value: unknown, depth = 0): JsonValue | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'object' || depth >= MAX_VALUE_DEPTH) return undefined;
  const entries: Array<[string, JsonValue]> = [];
  for (const [key, item] of Object.entries(value)) {
    const read = jsonValueOf(item, depth + 1);
    if (read === undefined) return undefined;
    entries.push([key, read]);
  }
  // fromEntries defines keys as own properties: a "__proto__" key stays data, not a prototype.
  return Array.isArray(value) ? entries.map(([, item]) => item) : Object.fromEntries(entries);
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Custom fields by slug: each field on its own, a field that cannot be read is dropped. */
export const customFieldsSchema = z.custom<Record<string, unknown>>(isPlainObject).transform((fields): CustomFields =>
  Object.fromEntries(
    Object.entries(fields).flatMap(([slug, value]) => {
      const json = jsonValueOf(value);
      return json === undefined ? [] : [[slug, json] as const];
    }),
  ),
);

export const leadSchema = z
  .object({
    id: z.preprocess(numberAsText, z.string().min(1)),
    customer_id: text,
    // Open sets: an unknown value must display, not fail.
    source_platform: text,
    source_type: text,
    status: text,
    created_at: lenient(z.preprocess(unixTimeAsIso, z.string())),
    updated_at: lenient(z.preprocess(unixTimeAsIso, z.string())),
    contact_name: nullableText,
    contact_phone: nullableText,
    contact_email: nullableText,
    // Documented as an integer; any number still displays, so only the type is checked.
    score: lenient(z.preprocess(textAsNumber, z.number().nullable())),
    qualified: lenient(z.preprocess(textAsBoolean, z.boolean().nullable())),
    current_stage: lenient(stageSchema.nullable()),
    owner: lenient(ownerSchema.nullable()),
    last_interaction_at: nullableDate,
    interaction_count: lenient(z.preprocess(textAsNumber, z.number().int().nonnegative().nullable())),
    custom_fields: lenient(customFieldsSchema.nullable()),
  })
  .transform(withoutDropped);
export type Lead = z.output<typeof leadSchema>;

/** The leads of a page that can be read; the others are skipped, not allowed to fail the page. */
function readableLeads(values: unknown[]): Lead[] {
  const leads: Lead[] = [];
  for (const value of values) {
    const lead = leadSchema.safeParse(value);
    if (lead.success) leads.push(lead.data);
  }
  return leads;
}

/** The 200 body of GET /api/agents/crm/leads. Every field is required. */
export const leadPageSchema = z.object({
  leads: z.array(z.unknown()).transform(readableLeads),
  total: z.number().int().nonnegative(),
  limit: z.number().int(),
  offset: z.number().int(),
  next_cursor: z.string().nullable(),
});
export type LeadPage = z.infer<typeof leadPageSchema>;

/** The 201 body of POST /api/agents/crm/leads. */
export const createdLeadSchema = z.object({ lead: leadSchema });

/** The one error body every failing request carries. */
export const errorEnvelopeSchema = z.object({
  error: z.object({
    type: z.string(),
    code: z.number(),
    message: z.string(),
  }),
});
export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;

/** Contact fields trimmed of blanks: a lead needs at least one of them. */
const contactValue = z.string().trim().min(1).optional();

/** What a new lead's custom fields may hold: the scalars the API documents for writing. */
const newCustomFieldsSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));

const hasContact = (lead: { contact_name?: string; contact_phone?: string; contact_email?: string }) =>
  Boolean(lead.contact_name ?? lead.contact_phone ?? lead.contact_email);
const NEEDS_CONTACT = { message: 'A lead needs a name, a phone number or an email address.', path: ['contact_name'] };

/** What a new lead may say of itself, alone (POST) or as a row of a bulk import. */
const newLeadFields = {
  contact_name: contactValue,
  contact_phone: contactValue,
  contact_email: contactValue,
  source_platform: z.string().min(1).optional(),
  source_type: z.string().min(1).optional(),
  stage_slug: z.string().min(1).optional(),
  custom_fields: newCustomFieldsSchema.optional(),
};

/** The body of POST /api/agents/crm/leads. */
export const newLeadSchema = z.object(newLeadFields).refine(hasContact, NEEDS_CONTACT);
export type NewLead = z.input<typeof newLeadSchema>;

/** One row of a bulk import: a new lead, the caller's `row_ref` for it, and optionally its owner. */
export const bulkLeadRowSchema = z
  .object({
    row_ref: z.string().min(1).max(255),
    ...newLeadFields,
    owner_id: z.string().min(1).optional(),
    lead_line: z.enum(LEAD_LINES).optional(),
  })
  .refine(hasContact, NEEDS_CONTACT);
export type BulkLeadRow = z.input<typeof bulkLeadRowSchema>;

/**
 * The body of POST /api/agents/crm/leads/bulk but `dry_run`, which the client sets. Each row's
 * `row_ref` is unique, so every result can be told apart.
 */
export const bulkImportSchema = z.object({
  leads: z
    .array(bulkLeadRowSchema)
    .min(1)
    .max(MAX_BULK_ROWS)
    .refine((rows) => new Set(rows.map((row) => row.row_ref)).size === rows.length, {
      message: 'Each row needs its own row_ref.',
    }),
  on_duplicate: z.enum(ON_DUPLICATE).optional(),
});
export type BulkImport = z.input<typeof bulkImportSchema>;

const count = z.number().int().nonnegative();

/**
 * One row's outcome. What it became and which lead must be read exactly: those are the answer.
 * How it matched, and what MEGA ignored, are read leniently, since they only explain it.
 */
export const bulkRowResultSchema = z.object({
  row_ref: z.preprocess(numberAsText, z.string().nullable()),
  status: z.enum(BULK_ROW_STATUSES),
  lead_id: z.preprocess(numberAsText, z.string().min(1).nullable()),
  matched_by: z.enum(['email', 'phone']).nullable().catch(null),
  errors: lenient(z.array(z.preprocess(numberAsText, z.string())).nullable()).transform((errors) => errors ?? null),
  ignored_custom_fields: lenient(z.array(z.string())),
});
export type BulkRowResult = z.output<typeof bulkRowResultSchema>;

/** The 200 body of POST /api/agents/crm/leads/bulk, dry run or not. */
export const bulkImportResultSchema = z.object({
  dry_run: z.boolean(),
  summary: z.object({ total: count, created: count, updated: count, skipped: count, failed: count }),
  results: z.array(bulkRowResultSchema),
  unknown_custom_fields: lenient(z.array(z.string())).transform((slugs) => slugs ?? []),
});
export type BulkImportResult = z.output<typeof bulkImportResultSchema>;

/**
 * The query parameters of GET /api/agents/crm/leads, named exactly as the API names them.
 *
 * `limit` and `offset` accept any number here: the client clamps them into the documented range
 * (limit 1..100, offset >= 0, whole numbers) instead of failing a lookup over a UI's page size.
 */
export interface LeadQuery {
  search?: string;
  status?: string;
  stageId?: string;
  created_since?: string;
  updated_since?: string;
  sort_by?: SortField;
  sort_dir?: SortDirection;
  lead_line?: LeadLine;
  include_custom_fields?: boolean;
  cursor?: string;
  limit?: number;
  offset?: number;
}

/** The path of a zod issue as the API's JSON would spell it, e.g. "leads.3.id". */
export function issuePath(error: z.ZodError): string {
  const path = error.issues[0]?.path ?? [];
  return path.length === 0 ? '(root)' : path.map(String).join('.');
}

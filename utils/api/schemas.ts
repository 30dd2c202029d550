/**
 * The MEGA leads API as zod schemas: what real responses may hold, and what the extension sends.
 *
 * Responses are read tolerantly, as the contract asks: optional fields may be missing or null,
 * unknown fields are dropped (zod's default `strip`, never `strict`), and status, source type and
 * source platform are open sets of plain strings so that a value MEGA adds later still displays.
 * What stays an error is data the extension cannot use: a lead without a string id, a page whose
 * `leads` is not an array, a `total` that is not a number.
 */
import { z } from 'zod';

import { LEAD_LINES, SORT_DIRECTIONS, SORT_FIELDS } from './constants';

export * from './constants';

/** A pipeline stage as embedded in a lead. */
export const stageSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  color: z.string().nullish(),
});
export type Stage = z.infer<typeof stageSchema>;

/** The user who owns a lead. */
export const ownerSchema = z.object({
  id: z.string(),
  name: z.string(),
  role_name: z.string().nullish(),
});
export type Owner = z.infer<typeof ownerSchema>;

/** A custom field's value: the API documents only these scalar types. */
export const customFieldValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type CustomFieldValue = z.infer<typeof customFieldValueSchema>;

export const customFieldsSchema = z.record(z.string(), customFieldValueSchema);

export const leadSchema = z.object({
  id: z.string().min(1),
  customer_id: z.string(),
  // Open sets: an unknown value must display, not fail.
  source_platform: z.string(),
  source_type: z.string(),
  status: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  contact_name: z.string().nullish(),
  contact_phone: z.string().nullish(),
  contact_email: z.string().nullish(),
  // Documented as an integer; any number still displays, so only the type is checked.
  score: z.number().nullish(),
  qualified: z.boolean().nullish(),
  current_stage: stageSchema.nullish(),
  owner: ownerSchema.nullish(),
  last_interaction_at: z.string().nullish(),
  interaction_count: z.number().nullish(),
  custom_fields: customFieldsSchema.nullish(),
});
export type Lead = z.infer<typeof leadSchema>;

/** The 200 body of GET /api/agents/crm/leads. Every field is required. */
export const leadPageSchema = z.object({
  leads: z.array(leadSchema),
  total: z.number().int().nonnegative(),
  limit: z.number().int(),
  offset: z.number().int(),
  next_cursor: z.string().nullable(),
});
export type LeadPage = z.infer<typeof leadPageSchema>;

/** The 201 body of POST /api/agents/crm/leads. */
export const createdLeadSchema = z.object({ lead: leadSchema });
export type CreatedLead = z.infer<typeof createdLeadSchema>;

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

/** The body of POST /api/agents/crm/leads. */
export const newLeadSchema = z
  .object({
    contact_name: contactValue,
    contact_phone: contactValue,
    contact_email: contactValue,
    source_platform: z.string().min(1).optional(),
    source_type: z.string().min(1).optional(),
    stage_slug: z.string().min(1).optional(),
    custom_fields: customFieldsSchema.optional(),
  })
  .refine((lead) => lead.contact_name ?? lead.contact_phone ?? lead.contact_email, {
    message: 'A lead needs a name, a phone number or an email address.',
    path: ['contact_name'],
  });
export type NewLead = z.input<typeof newLeadSchema>;

/**
 * The query parameters of GET /api/agents/crm/leads, named exactly as the API names them.
 *
 * `limit` and `offset` accept any number here: the client clamps them into the documented range
 * (limit 1..100, offset >= 0, whole numbers) instead of failing a lookup over a UI's page size.
 */
export const leadQuerySchema = z.object({
  search: z.string().optional(),
  status: z.string().optional(),
  stageId: z.string().optional(),
  created_since: z.string().optional(),
  updated_since: z.string().optional(),
  sort_by: z.enum(SORT_FIELDS).optional(),
  sort_dir: z.enum(SORT_DIRECTIONS).optional(),
  lead_line: z.enum(LEAD_LINES).optional(),
  include_custom_fields: z.boolean().optional(),
  cursor: z.string().optional(),
  limit: z.number().optional(),
  offset: z.number().optional(),
});
export type LeadQuery = z.infer<typeof leadQuerySchema>;

/** The path of a zod issue as the API's JSON would spell it, e.g. "leads.3.id". */
export function issuePath(error: z.ZodError): string {
  const path = error.issues[0]?.path ?? [];
  return path.length === 0 ? '(root)' : path.map(String).join('.');
}

// MEGA's published schema for the leads API's answers, as strict as the reference is: what the
// local server must serve by default, so the demo and the tests see the contract and nothing
// looser. (The extension's own schemas, utils/api/schemas.ts, are tolerant readers on purpose;
// this one is the yardstick for the server, used by its tests.)
import { z } from 'zod';

const nullableString = z.string().nullable();
const dateTime = z.iso.datetime({ offset: true });

/** The reference marks none of a stage's or an owner's inner properties as required. */
const stage = z.object({ id: z.string(), slug: z.string(), name: z.string(), color: nullableString }).partial();
const owner = z.object({ id: z.string(), name: z.string(), role_name: nullableString }).partial();

/** A custom field's value: a string, a number, a boolean or null, and nothing else. */
export const publishedCustomFieldValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** One lead; unknown fields are allowed (the server may add fields at any time). */
export const publishedLead = z.looseObject({
  id: z.string(),
  customer_id: z.string(),
  source_platform: z.string(),
  source_type: z.string(),
  status: z.string(),
  created_at: dateTime,
  updated_at: dateTime,
  contact_name: nullableString.optional(),
  contact_phone: nullableString.optional(),
  contact_email: nullableString.optional(),
  score: z.number().int().nullable().optional(),
  qualified: z.boolean().nullable().optional(),
  current_stage: stage.nullable().optional(),
  owner: owner.nullable().optional(),
  last_interaction_at: dateTime.nullable().optional(),
  interaction_count: z.number().int().optional(),
  custom_fields: z.record(z.string(), publishedCustomFieldValue).optional(),
});

/** The 200 answer of GET /api/agents/crm/leads. */
export const publishedLeadsPage = z.object({
  leads: z.array(publishedLead),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  next_cursor: z.string().nullable(),
});

/** One row's outcome in the 200 answer of POST /api/agents/crm/leads/bulk. */
export const publishedBulkRowResult = z.object({
  row_ref: z.string().nullable(),
  status: z.enum(['created', 'updated', 'skipped', 'failed']),
  lead_id: z.string().nullable(),
  matched_by: z.enum(['email', 'phone']).nullable(),
  errors: z.array(z.string()).nullable(),
  ignored_custom_fields: z.array(z.string()).optional(),
});

/** The 200 answer of POST /api/agents/crm/leads/bulk, dry run or not. */
export const publishedBulkAnswer = z.object({
  dry_run: z.boolean(),
  summary: z.object({
    total: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    skipped: z.number().int(),
    failed: z.number().int(),
  }),
  results: z.array(publishedBulkRowResult),
  unknown_custom_fields: z.array(z.string()),
});

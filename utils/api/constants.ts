/**
 * The API's documented values, kept free of zod so that pages which only need the lists (the
 * popup's filters) do not bundle the schemas. `schemas.ts` re-exports all of them.
 */
/** The lead statuses the API reference names; the API may send others (see `leadSchema`). */
export const LEAD_STATUSES = ['active', 'won', 'lost', 'nurture', 'archived'] as const;

/** Source types seen in real data; an open set. */
export const SOURCE_TYPES = ['form', 'phone_call', 'email', 'chat', 'sms', 'manual', 'import'] as const;

/** Source platforms seen in real data; an open set. */
export const SOURCE_PLATFORMS = [
  'google_ads',
  'meta_ads',
  'google_organic',
  'direct',
  'referral',
  'hubspot',
  'zoho',
  'ghl',
  'shopify',
  'zenmaid',
  'lead_docket',
  'salesforce',
] as const;

/** Fields a lead list can be sorted by (`sort_by`); the API's default is `updated_at`. */
export const SORT_FIELDS = ['created_at', 'updated_at', 'last_interaction_at'] as const;
export type SortField = (typeof SORT_FIELDS)[number];

/** Sort directions (`sort_dir`); the API's default is `asc`. */
export const SORT_DIRECTIONS = ['asc', 'desc'] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

/** Values of the reserved `lead_line` custom field, usable as a filter. */
export const LEAD_LINES = ['buyer', 'seller'] as const;
export type LeadLine = (typeof LEAD_LINES)[number];

/** Page sizes the API accepts; the client clamps anything else into this range. */
export const PAGE_LIMIT = { min: 1, max: 100, default: 20 } as const;

/** The most rows one bulk import may carry. */
export const MAX_BULK_ROWS = 500;

/** What a bulk import does with a row whose email or phone a lead already has. */
export const ON_DUPLICATE = ['update', 'skip'] as const;
export type OnDuplicate = (typeof ON_DUPLICATE)[number];

/** What became of one row of a bulk import (or would, in a dry run). */
export const BULK_ROW_STATUSES = ['created', 'updated', 'skipped', 'failed'] as const;
export type BulkRowStatus = (typeof BULK_ROW_STATUSES)[number];

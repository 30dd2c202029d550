/**
 * The shape of every message the background accepts; anything else is dropped unanswered.
 * Only the background imports this module, so zod never enters the content script.
 */
import { z } from 'zod';
import type { ProtocolMap } from './messaging';

const lookupId = z.string().uuid();

/** Schemas for what each context may send the background; anything else is dropped. */
export const incoming = {
  prepareLookup: z.object({
    text: z.string().min(1).max(200),
    source: z.enum(['selection', 'context-menu', 'shortcut']),
  }),
  startLookup: z.object({ lookupId }),
  getLookup: z.object({ lookupId, retry: z.boolean().optional() }),
  resizePopover: z.object({ lookupId, height: z.number().finite().min(0).max(4000) }),
  closePopover: z.object({ lookupId }),
  searchLeads: z.object({
    channel: z.string().min(1).max(64),
    search: z.string().max(256),
    status: z.string().max(40).optional(),
    lead_line: z.enum(['buyer', 'seller']).optional(),
    sort_by: z.enum(['updated_at', 'created_at', 'last_interaction_at']),
    sort_dir: z.enum(['asc', 'desc']),
    cursor: z.string().max(2000).optional(),
    limit: z.number().int().min(1).max(100).optional(),
  }),
  createLead: z.object({
    lookupId: lookupId.optional(),
    idempotencyKey: z.string().min(8).max(100).regex(/^[\x21-\x7e]+$/),
    input: z.object({
      contact_name: z.string().trim().min(1).max(200).optional(),
      contact_phone: z.string().trim().min(1).max(60).optional(),
      contact_email: z.string().trim().min(1).max(254).optional(),
      stage_slug: z.string().min(1).max(100).optional(),
      lead_line: z.enum(['buyer', 'seller']).optional(),
    }),
  }),
  testConnection: z.object({
    baseUrl: z.string().max(2000),
    customerId: z.string().max(100),
    token: z.string().max(500).optional(),
  }),
} satisfies Partial<Record<keyof ProtocolMap, z.ZodType>>;

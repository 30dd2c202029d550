/**
 * The one protocol between Lead Lens's contexts, named by direction.
 *
 * Only the background talks to the MEGA API. Content scripts ask it to prepare a lookup for a
 * selection; the popover frame (an extension page) fetches the result by an opaque lookup id;
 * the popup searches; the options page tests a connection. Every message the background receives
 * is checked against `message-schemas.ts` before it is acted on (kept apart so that zod stays
 * out of the content script).
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { ApiFailure } from './api/errors';
import type { AddLeadInput } from './add-lead';
import type { Lead, LeadPage, Stage } from './api/schemas';
import type { Contact } from './contact';

export type LookupSource = 'selection' | 'context-menu' | 'shortcut';

export type PrepareLookupReply =
  /** Not a phone or email, lookups are off here, or the trigger setting says to wait. */
  | { action: 'ignore' }
  /** "Button first" trigger: show the small button; the lookup starts when it is clicked. */
  | { action: 'offer'; lookupId: string }
  /** The lookup has started (or was answered from the cache): show the popover now. */
  | { action: 'show'; lookupId: string };

/** What the popover shows for a lookup. */
export type LookupView =
  | { state: 'found'; contact: Contact; leads: Lead[]; total: number }
  /** Nothing matches; `stages` are the pipeline stages seen in recent answers, for Add to MEGA. */
  | { state: 'none'; contact: Contact; canCreate: boolean; stages: Stage[] }
  | { state: 'error'; contact: Contact | null; failure: ApiFailure }
  | { state: 'unconfigured' }
  /** The id is unknown: the lookup is too old, or was never issued to this browser. */
  | { state: 'expired' };

export interface SearchRequest {
  /** One id per popup instance, so a new search cancels that popup's previous one. */
  channel: string;
  search: string;
  status?: string;
  lead_line?: 'buyer' | 'seller';
  sort_by: 'updated_at' | 'created_at' | 'last_interaction_at';
  sort_dir: 'asc' | 'desc';
  cursor?: string;
  limit?: number;
}

export type SearchReply =
  | { ok: true; page: LeadPage }
  | { ok: false; cancelled: true }
  | { ok: false; cancelled: false; failure: ApiFailure };

export interface ConnectionDraft {
  baseUrl: string;
  customerId: string;
  /** A token typed but not saved yet; without it the saved token is used. */
  token?: string;
}

export interface CreateLeadRequest {
  /** The lookup that found nothing, so the new lead answers it from now on. */
  lookupId?: string;
  input: AddLeadInput;
  /** The same for every attempt of one user action (see IdempotencyKeys). */
  idempotencyKey: string;
}

export type CreateLeadReply = { ok: true; lead: Lead } | { ok: false; failure: ApiFailure };

export type TestConnectionReply = { ok: true; total: number } | { ok: false; failure: ApiFailure };

export type ConnectionStatus = { configured: false } | { configured: true; baseUrl: string };

export interface ProtocolMap {
  // content script → background
  prepareLookup(data: { text: string; source: LookupSource }): PrepareLookupReply;
  startLookup(data: { lookupId: string }): void;
  // popover frame → background
  getLookup(data: { lookupId: string; retry?: boolean }): LookupView;
  resizePopover(data: { lookupId: string; height: number }): void;
  closePopover(data: { lookupId: string }): void;
  openSettings(): void;
  // background → content script
  showPopover(data: { lookupId: string }): void;
  layoutPopover(data: { lookupId: string; height: number }): void;
  hidePopover(data: { lookupId: string }): void;
  lookupSelectionNow(): void;
  // popup → content script (top frame): the page's host, which the popup cannot read without `tabs`
  pageHost(): string | null;
  // popup and options → background
  searchLeads(data: SearchRequest): SearchReply;
  createLead(data: CreateLeadRequest): CreateLeadReply;
  testConnection(data: ConnectionDraft): TestConnectionReply;
  connectionStatus(): ConnectionStatus;
}

export const messenger = defineExtensionMessaging<ProtocolMap>({ logger: undefined });
export const { sendMessage, onMessage } = messenger;

/**
 * The popup's lead search and "Add to MEGA" (from the card or the popup).
 */
import { notConnectedFailure, partitionFor, spend, type ConnectionService } from './connection';
import type { Lookups } from './lookups';
import type { StageBook } from './stages';
import { toApiFailure } from '@/utils/api/errors';
import type { Lead, NewLead, Owner } from '@/utils/api/schemas';
import { normalizeEmail, normalizePhone, type CountryCode } from '@/utils/contact';
import { sameEmail, samePhone } from '@/utils/match-kind';
import type { CreateLeadReply, CreateLeadRequest, MergePreview, SearchReply, SearchRequest } from '@/utils/protocol';

export interface LeadDeps {
  connection: ConnectionService;
  lookups: Lookups;
  stages: StageBook;
}

/**
 * MEGA answers a create with the lead it stored. A new lead was created and updated at the same
 * moment; one that existed before keeps its older `created_at` (the server's clock, so no
 * comparison with this computer's time is needed).
 */
export function wasMerged(lead: Pick<Lead, 'created_at' | 'updated_at'>): boolean {
  const created = Date.parse(lead.created_at ?? '');
  const updated = Date.parse(lead.updated_at ?? '');
  return Number.isFinite(created) && Number.isFinite(updated) && updated - created > 2_000;
}

export function createLeads(deps: LeadDeps) {
  /** The search running for each popup, so a newer one cancels it. */
  const searches = new Map<string, AbortController>();

  return {
    /** A page of leads for the popup; a newer search from the same popup cancels this one. */
    async search(request: SearchRequest): Promise<SearchReply> {
      searches.get(request.channel)?.abort();
      const controller = new AbortController();
      searches.set(request.channel, controller);
      try {
        const connection = await deps.connection.load();
        const account = deps.connection.accountFor(connection);
        const partition = partitionFor(connection);
        if (!account || !partition) return { ok: false, cancelled: false, failure: notConnectedFailure() };
        // A search in the popup is the user asking: it may use the reserve of the rate budget.
        spend(account.budget, 'explicit');
        const page = await account.client.listLeads(
          {
            search: request.search.trim() || undefined,
            status: request.status || undefined,
            lead_line: request.lead_line,
            sort_by: request.sort_by,
            sort_dir: request.sort_dir,
            cursor: request.cursor,
            limit: request.limit ?? 20,
          },
          { signal: controller.signal },
        );
        deps.stages.note(partition, page.leads);
        return { ok: true, page };
      } catch (error) {
        if (controller.signal.aborted) return { ok: false, cancelled: true };
        return { ok: false, cancelled: false, failure: toApiFailure(error) };
      } finally {
        if (searches.get(request.channel) === controller) searches.delete(request.channel);
      }
    },

    /**
     * The lead MEGA would merge these details into, found the way a lookup finds one (and from
     * its cache): the same email first, then the same last 10 phone digits.
     */
    async previewMerge(input: { contact_phone?: string; contact_email?: string }): Promise<MergePreview> {
      const { settings } = await deps.connection.load();
      const email = input.contact_email ? normalizeEmail(input.contact_email) : null;
      const phone = input.contact_phone
        ? normalizePhone(input.contact_phone, settings.defaultRegion as CountryCode)
        : null;
      try {
        if (email) {
          const answer = await deps.lookups.answerFor({ kind: 'email', value: email, display: email });
          const lead = answer?.leads.find(
            (candidate) => candidate.contact_email && sameEmail(email, candidate.contact_email),
          );
          if (lead) return { lead, reason: 'email' };
        }
        if (phone) {
          const answer = await deps.lookups.answerFor({ kind: 'phone', value: phone.e164, display: phone.display });
          const lead = answer?.leads.find(
            (candidate) => candidate.contact_phone && samePhone(phone.e164, candidate.contact_phone),
          );
          if (lead) return { lead, reason: 'phone' };
        }
      } catch {
        // The preview is a courtesy: without it, Add to MEGA still works.
      }
      return null;
    },

    /** Lead owners seen in the active account's answers. */
    async ownersSeen(): Promise<Owner[]> {
      const partition = partitionFor(await deps.connection.load());
      return partition ? deps.stages.owners(partition) : [];
    },

    /**
     * Adds a lead (POST), with the idempotency key of the user's action, and remembers it so
     * selecting the same number or email again shows it without a request.
     */
    async create(request: CreateLeadRequest): Promise<CreateLeadReply> {
      const connection = await deps.connection.load();
      const region = connection.settings.defaultRegion as CountryCode;
      if (!connection.settings.allowCreate) {
        return { ok: false, failure: { kind: 'forbidden', reason: 'create-turned-off' } };
      }
      const account = deps.connection.accountFor(connection);
      const partition = partitionFor(connection);
      if (!account || !partition) return { ok: false, failure: notConnectedFailure() };
      const { input } = request;
      const body: NewLead = { source_type: 'manual' };
      if (input.contact_name) body.contact_name = input.contact_name;
      if (input.contact_email) body.contact_email = input.contact_email.toLowerCase();
      if (input.contact_phone) {
        const phone = normalizePhone(input.contact_phone, region);
        if (!phone) {
          return { ok: false, failure: { kind: 'bad_request', reason: 'phone-unreadable' } };
        }
        body.contact_phone = phone.e164;
      }
      if (input.stage_slug) body.stage_slug = input.stage_slug;
      if (input.lead_line) body.custom_fields = { lead_line: input.lead_line };
      try {
        spend(account.budget, 'explicit');
        const lead = await account.client.createLead(body, { idempotencyKey: request.idempotencyKey });
        const record = request.lookupId ? await deps.lookups.recordOf(request.lookupId) : undefined;
        // The lookup that found nothing learns the new lead only if it was made for this account.
        deps.lookups.learn(partition, lead, region, record?.partition === partition ? record.contact : undefined);
        return { ok: true, lead, merged: wasMerged(lead) };
      } catch (error) {
        return { ok: false, failure: toApiFailure(error) };
      }
    },
  };
}

export type Leads = ReturnType<typeof createLeads>;

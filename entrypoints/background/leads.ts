/**
 * The popup's lead search and "Add to MEGA" (from the popover or the popup).
 */
import { notConnectedFailure, spend, type ConnectionService } from './connection';
import type { Lookups } from './lookups';
import type { StageBook } from './stages';
import { MegaApiError, toApiFailure } from '@/utils/api/errors';
import type { NewLead } from '@/utils/api/schemas';
import { normalizePhone, type CountryCode } from '@/utils/contact';
import { t } from '@/utils/i18n';
import type { CreateLeadReply, CreateLeadRequest, SearchReply, SearchRequest } from '@/utils/protocol';

export interface LeadDeps {
  connection: ConnectionService;
  lookups: Lookups;
  stages: StageBook;
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
        const account = deps.connection.accountFor(await deps.connection.load());
        if (!account) return { ok: false, cancelled: false, failure: notConnectedFailure() };
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
        deps.stages.note(page.leads);
        return { ok: true, page };
      } catch (error) {
        if (controller.signal.aborted) return { ok: false, cancelled: true };
        return { ok: false, cancelled: false, failure: toApiFailure(error) };
      } finally {
        if (searches.get(request.channel) === controller) searches.delete(request.channel);
      }
    },

    /**
     * Adds a lead (POST), with the idempotency key of the user's action, and remembers it so
     * selecting the same number or email again shows it without a request.
     */
    async create(request: CreateLeadRequest): Promise<CreateLeadReply> {
      const connection = await deps.connection.load();
      const region = connection.settings.defaultRegion as CountryCode;
      if (!connection.settings.allowCreate) {
        const message = t('failureCreateTurnedOff');
        return { ok: false, failure: toApiFailure(new MegaApiError('forbidden', { message })) };
      }
      const account = deps.connection.accountFor(connection);
      if (!account) return { ok: false, failure: notConnectedFailure() };
      const { input } = request;
      const body: NewLead = { source_type: 'manual' };
      if (input.contact_name) body.contact_name = input.contact_name;
      if (input.contact_email) body.contact_email = input.contact_email.toLowerCase();
      if (input.contact_phone) {
        const phone = normalizePhone(input.contact_phone, region);
        if (!phone) {
          const message = t('failurePhoneUnreadable');
          return { ok: false, failure: toApiFailure(new MegaApiError('bad_request', { message })) };
        }
        body.contact_phone = phone.e164;
      }
      if (input.stage_slug) body.stage_slug = input.stage_slug;
      if (input.lead_line) body.custom_fields = { lead_line: input.lead_line };
      try {
        spend(account.budget, 'explicit');
        const lead = await account.client.createLead(body, { idempotencyKey: request.idempotencyKey });
        const record = request.lookupId ? await deps.lookups.recordOf(request.lookupId) : undefined;
        deps.lookups.learn(lead, region, record?.contact);
        return { ok: true, lead };
      } catch (error) {
        return { ok: false, failure: toApiFailure(error) };
      }
    },
  };
}

export type Leads = ReturnType<typeof createLeads>;

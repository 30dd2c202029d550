/**
 * The background's lookup logic: from a selection to what the popover shows, from a popup query
 * to a page of leads, and the options page's connection test.
 *
 * It takes everything that touches the browser as parameters (the connection loader, the lookup
 * record store, the clock) so tests can run it against the local MEGA server without a browser.
 */
import { createMegaClient, type MegaClient } from './api/client';
import { MegaApiError, toApiFailure, type ApiFailure } from '@/utils/api/errors';
import type { Lead, NewLead, Stage } from '@/utils/api/schemas';
import { checkBaseUrl } from '@/utils/base-url';
import { normalizeEmail, normalizePhone, parseContact, type Contact, type CountryCode } from '@/utils/contact';
import { t } from '@/utils/i18n';
import type { LookupCache } from './lookup-cache';
import type {
  ConnectionDraft,
  CreateLeadReply,
  CreateLeadRequest,
  LookupSource,
  LookupView,
  PrepareLookupReply,
  SearchReply,
  SearchRequest,
  TestConnectionReply,
} from '@/utils/messaging';
import { isSiteDisabled, type Settings } from '@/utils/storage';

/** What a lookup answered, as cached: the leads that match one normalised value. */
export interface LookupAnswer {
  leads: Lead[];
  total: number;
}

/** A lookup the background issued: which value, and which frame asked. */
export interface LookupRecord {
  contact: Contact;
  tabId: number | null;
  frameId: number | null;
  createdAt: number;
}

export interface LookupRecordStore {
  load(): Promise<Record<string, LookupRecord> | null>;
  save(records: Record<string, LookupRecord>): Promise<void>;
}

export interface Connection {
  settings: Settings;
  token: string | null;
}

export interface SenderInfo {
  tabId: number | null;
  frameId: number | null;
  /** Host name of the page the selection was made on. */
  host: string;
}

export interface LookupServiceDeps {
  loadConnection: () => Promise<Connection>;
  cache: LookupCache<LookupAnswer>;
  records?: LookupRecordStore;
  createClient?: typeof createMegaClient;
  now?: () => number;
  randomId?: () => string;
  /** How many leads one lookup asks for; the card shows the first few and the total. */
  lookupLimit?: number;
}

/** Records older than this are forgotten: the popover that asked for them is long gone. */
const RECORD_TTL_MS = 30 * 60_000;
const MAX_RECORDS = 100;
/** Keep this many requests of the rate-limit window for the user's explicit searches. */
const RATE_LIMIT_RESERVE = 3;

/** What identifies the account answers come from: a change of any part empties the cache. */
export function connectionKey({ settings, token }: Connection): string {
  return JSON.stringify([settings.baseUrl, settings.customerId, token]);
}

export function createLookupService(deps: LookupServiceDeps) {
  const now = deps.now ?? Date.now;
  const randomId = deps.randomId ?? (() => crypto.randomUUID());
  const makeClient = deps.createClient ?? createMegaClient;
  const records = new Map<string, LookupRecord>();
  /**
   * The outcome of the request each lookup started, so the popover shows that outcome (a failure
   * too) instead of asking MEGA a second time. Memory only: after a restart it is asked again.
   */
  const outcomes = new Map<string, Promise<LookupView>>();
  const searches = new Map<string, AbortController>();
  let recordsRestored: Promise<void> | undefined;
  let client: { key: string; client: MegaClient } | undefined;
  /** Pipeline stages seen in answers, offered when adding a lead (the API cannot list them). */
  const stages = new Map<string, Stage>();
  /** The latest RateLimit-* headers, so selection lookups back off before the server says 429. */
  let rateLimit: { remaining: number; resetAt: number } | undefined;

  function restoreRecords(): Promise<void> {
    recordsRestored ??= (async () => {
      const saved = (await deps.records?.load().catch(() => null)) ?? {};
      for (const [id, record] of Object.entries(saved)) if (!records.has(id)) records.set(id, record);
    })();
    return recordsRestored;
  }

  let recordsSaveTimer: ReturnType<typeof setTimeout> | undefined;

  function rememberRecord(id: string, record: LookupRecord): void {
    records.set(id, record);
    const oldest = now() - RECORD_TTL_MS;
    for (const [key, value] of records) {
      if (value.createdAt < oldest || records.size > MAX_RECORDS) records.delete(key);
    }
    // Saved just after the reply goes out (see LookupCache): it is only needed after a restart.
    recordsSaveTimer ??= setTimeout(() => void saveRecords(), 0);
  }

  async function saveRecords(): Promise<void> {
    clearTimeout(recordsSaveTimer);
    recordsSaveTimer = undefined;
    await deps.records?.save(Object.fromEntries(records)).catch(() => undefined);
  }

  /** The API client for the current connection, or null when the extension is not set up. */
  function clientFor(connection: Connection): MegaClient | null {
    const { settings, token } = connection;
    const base = checkBaseUrl(settings.baseUrl);
    if (!token || !settings.customerId || !base.ok) return null;
    const key = JSON.stringify([base.url, settings.customerId, token]);
    if (client?.key !== key) {
      client = {
        key,
        client: makeClient({
          baseUrl: base.url,
          token,
          customerId: settings.customerId,
          onRateLimit: (info) => {
            rateLimit = { remaining: info.remaining, resetAt: now() + info.resetSeconds * 1000 };
          },
        }),
      };
    }
    return client.client;
  }

  function rateLimitedFailure(): ApiFailure | null {
    if (!rateLimit || rateLimit.remaining > RATE_LIMIT_RESERVE || now() >= rateLimit.resetAt) {
      return null;
    }
    const seconds = Math.max(1, Math.ceil((rateLimit.resetAt - now()) / 1000));
    return toApiFailure(
      new MegaApiError('rate_limited', { retryAfterSeconds: seconds }),
    );
  }

  async function answer(contact: Contact, client: MegaClient): Promise<LookupAnswer> {
    return deps.cache.getOrLoad(contact.value, async () => {
      const page = await client.listLeads({
        search: contact.value,
        limit: deps.lookupLimit ?? 10,
        include_custom_fields: true,
        sort_by: 'last_interaction_at',
        sort_dir: 'desc',
      });
      return { leads: page.leads, total: page.total };
    });
  }

  function startLookup(lookupId: string, contact: Contact): Promise<LookupView> {
    const outcome = viewFor(contact);
    outcomes.set(lookupId, outcome);
    for (const id of outcomes.keys()) {
      if (outcomes.size <= MAX_RECORDS) break;
      outcomes.delete(id);
    }
    return outcome;
  }

  function noteStages(leads: Lead[]): void {
    for (const lead of leads) if (lead.current_stage) stages.set(lead.current_stage.slug, lead.current_stage);
  }

  /** Caches a new or merged lead under every value a selection could look it up by. */
  function learn(lead: Lead, region: CountryCode, also?: Contact): void {
    const answer = { leads: [lead], total: 1 };
    const keys = new Set<string>();
    if (also) keys.add(also.value);
    const phone = lead.contact_phone ? normalizePhone(lead.contact_phone, region) : null;
    if (phone) keys.add(phone.e164);
    const email = lead.contact_email ? normalizeEmail(lead.contact_email) : null;
    if (email) keys.add(email);
    for (const key of keys) deps.cache.set(key, answer);
  }

  async function viewFor(contact: Contact): Promise<LookupView> {
    const connection = await deps.loadConnection();
    const api = clientFor(connection);
    if (!api) return { state: 'unconfigured' };
    await deps.cache.restore();
    if (!deps.cache.has(contact.value)) {
      const limited = rateLimitedFailure();
      if (limited) return { state: 'error', contact, failure: limited };
    }
    try {
      const { leads, total } = await answer(contact, api);
      noteStages(leads);
      if (leads.length === 0) {
        return {
          state: 'none',
          contact,
          canCreate: connection.settings.allowCreate,
          stages: [...stages.values()].sort((a, b) => a.name.localeCompare(b.name)),
        };
      }
      return { state: 'found', contact, leads, total };
    } catch (error) {
      return { state: 'error', contact, failure: toApiFailure(error) };
    }
  }

  return {
    /**
     * Reads a selection (already pre-checked by the content script) and, when it is a phone
     * number or an email, issues a lookup id. Lookups from a selection honour the trigger
     * setting and the sites where lookups are off; the context menu and the shortcut are
     * explicit requests and always run.
     */
    async prepare(text: string, source: LookupSource, sender: SenderInfo): Promise<PrepareLookupReply> {
      const { settings } = await deps.loadConnection();
      if (source === 'selection') {
        if (settings.trigger === 'manual' || isSiteDisabled(settings, sender.host)) {
          return { action: 'ignore' };
        }
      }
      const contact = parseContact(text, settings.defaultRegion as Parameters<typeof parseContact>[1]);
      if (!contact) return { action: 'ignore' };
      await restoreRecords();
      const lookupId = randomId();
      rememberRecord(lookupId, { contact, tabId: sender.tabId, frameId: sender.frameId, createdAt: now() });
      if (source === 'selection' && settings.trigger === 'button') return { action: 'offer', lookupId };
      // Start the request now, while the popover frame loads, so both happen at once.
      startLookup(lookupId, contact);
      return { action: 'show', lookupId };
    },

    /** Starts an offered lookup (the small button was clicked). */
    async start(lookupId: string): Promise<void> {
      await restoreRecords();
      const record = records.get(lookupId);
      if (record) startLookup(lookupId, record.contact);
    },

    /** What the popover should show for this lookup; waits for the request when one is running. */
    async view(lookupId: string, retry = false): Promise<LookupView> {
      await restoreRecords();
      const record = records.get(lookupId);
      if (!record) return { state: 'expired' };
      if (retry) rateLimit = undefined;
      const started = outcomes.get(lookupId);
      if (started && !retry) return started;
      return startLookup(lookupId, record.contact);
    },

    /** The frame that asked for this lookup, so the background can pass layout messages back. */
    async recordOf(lookupId: string): Promise<LookupRecord | undefined> {
      await restoreRecords();
      return records.get(lookupId);
    },

    /**
     * Adds a lead (POST), with the idempotency key of the user's action, and remembers it so
     * selecting the same number or email again shows it without a request.
     */
    async create(request: CreateLeadRequest): Promise<CreateLeadReply> {
      const connection = await deps.loadConnection();
      const region = connection.settings.defaultRegion as CountryCode;
      if (!connection.settings.allowCreate) {
        const message = t('failureCreateTurnedOff');
        return { ok: false, failure: toApiFailure(new MegaApiError('forbidden', { message })) };
      }
      const api = clientFor(connection);
      if (!api) return { ok: false, failure: notConfiguredFailure() };
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
        const lead = await api.createLead(body, { idempotencyKey: request.idempotencyKey });
        await restoreRecords();
        const record = request.lookupId ? records.get(request.lookupId) : undefined;
        learn(lead, region, record?.contact);
        return { ok: true, lead };
      } catch (error) {
        return { ok: false, failure: toApiFailure(error) };
      }
    },

    /** A page of leads for the popup; a newer search from the same popup cancels this one. */
    async search(request: SearchRequest): Promise<SearchReply> {
      searches.get(request.channel)?.abort();
      const controller = new AbortController();
      searches.set(request.channel, controller);
      try {
        const api = clientFor(await deps.loadConnection());
        if (!api) {
          return { ok: false, cancelled: false, failure: notConfiguredFailure() };
        }
        const page = await api.listLeads(
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
        noteStages(page.leads);
        return { ok: true, page };
      } catch (error) {
        if (controller.signal.aborted) return { ok: false, cancelled: true };
        return { ok: false, cancelled: false, failure: toApiFailure(error) };
      } finally {
        if (searches.get(request.channel) === controller) searches.delete(request.channel);
      }
    },

    /** One real request (limit=1) with the given, possibly unsaved, connection details. */
    async testConnection(draft: ConnectionDraft): Promise<TestConnectionReply> {
      const base = checkBaseUrl(draft.baseUrl);
      if (!base.ok) {
        return { ok: false, failure: toApiFailure(new MegaApiError('bad_request', { message: base.reason })) };
      }
      const token = draft.token || (await deps.loadConnection()).token;
      if (!token) return { ok: false, failure: notConfiguredFailure() };
      const probe = makeClient({ baseUrl: base.url, token, customerId: draft.customerId });
      try {
        const page = await probe.listLeads({ limit: 1 });
        return { ok: true, total: page.total };
      } catch (error) {
        return { ok: false, failure: toApiFailure(error) };
      }
    },

    /** Writes pending answers and lookup ids now, e.g. when the background is about to stop. */
    async persist(): Promise<void> {
      await Promise.all([deps.cache.flush(), saveRecords()]);
    },

    /** Settings changed: a new token, customer or base URL must not see the old answers. */
    connectionChanged(): void {
      client = undefined;
      rateLimit = undefined;
      deps.cache.clear();
    },
  };
}

export type LookupService = ReturnType<typeof createLookupService>;

function notConfiguredFailure(): ApiFailure {
  return toApiFailure(
    new MegaApiError('unauthenticated', {
      message: t('failureNotConnected'),
    }),
  );
}

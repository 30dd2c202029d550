/**
 * Selection lookups: from the text a user selected to what the popover shows.
 *
 * A lookup gets an opaque id, known to the content script and to the card frame that claimed it
 * (cards.ts), never to the page; the record of which value and which tab and frame it belongs to
 * stays here (and in session storage, so a
 * restarted service worker still knows it). Answers are cached per value (`LookupCache`), and
 * each lookup keeps the outcome of the request it started, so the popover never asks twice.
 */
import type { LookupCache } from './lookup-cache';
import type { ConnectionService } from './connection';
import type { StageBook } from './stages';
import { createTabBudget, type TabBudget } from './tab-budget';
import { toApiFailure } from '@/utils/api/errors';
import type { Lead } from '@/utils/api/schemas';
import { normalizeEmail, normalizePhone, parseContact, type Contact, type CountryCode } from '@/utils/contact';
import type { LookupSource, LookupView, PrepareLookupReply } from '@/utils/protocol';
import { isSiteListed } from '@/utils/sites';
import type { LookupAnswer, LookupRecord } from '@/utils/storage';

/** What to do with a selection; a card to show gets its ticket from `Cards` (cards.ts). */
export type LookupDecision = Exclude<PrepareLookupReply, { action: 'show' }> | { action: 'show'; lookupId: string };

export interface SenderInfo {
  tabId: number | null;
  frameId: number | null;
  /** Host name of the page the selection was made on. */
  host: string;
}

export interface LookupDeps {
  connection: ConnectionService;
  stages: StageBook;
  /** Answers by normalised value. */
  cache: LookupCache<LookupAnswer>;
  /** Lookup records by lookup id (see RECORD_TTL_MS). */
  records: LookupCache<LookupRecord>;
  now?: () => number;
  randomId?: () => string;
  /** How many leads one lookup asks for; the card shows the first few and the total. */
  lookupLimit?: number;
  /** How many values a tab may look up by selection in a minute before the button is offered. */
  tabBudget?: TabBudget;
}

/** Records older than this are forgotten: the popover that asked for them is long gone. */
export const RECORD_TTL_MS = 30 * 60_000;
export const MAX_RECORDS = 100;

export function createLookups(deps: LookupDeps) {
  const now = deps.now ?? Date.now;
  const randomId = deps.randomId ?? (() => crypto.randomUUID());
  const tabBudget = deps.tabBudget ?? createTabBudget({ now });
  /**
   * The outcome of the request each lookup started, so the popover shows that outcome (a failure
   * too) instead of asking MEGA a second time. Memory only: after a restart it is asked again.
   */
  const outcomes = new Map<string, Promise<LookupView>>();

  async function recordOf(lookupId: string): Promise<LookupRecord | undefined> {
    await deps.records.restore();
    return deps.records.get(lookupId);
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

  async function viewFor(contact: Contact): Promise<LookupView> {
    const connection = await deps.connection.load();
    const api = deps.connection.clientFor(connection);
    if (!api) return { state: 'unconfigured' };
    await deps.cache.restore();
    if (!deps.cache.has(contact.value)) {
      const limited = deps.connection.rateLimitedFailure();
      if (limited) return { state: 'error', contact, failure: limited };
    }
    try {
      const { leads, total } = await deps.cache.getOrLoad(contact.value, async () => {
        const page = await api.listLeads({
          search: contact.value,
          limit: deps.lookupLimit ?? 10,
          include_custom_fields: true,
          sort_by: 'last_interaction_at',
          sort_dir: 'desc',
        });
        return { leads: page.leads, total: page.total };
      });
      deps.stages.note(leads);
      if (leads.length === 0) {
        return { state: 'none', contact, canCreate: connection.settings.allowCreate, stages: deps.stages.list() };
      }
      return { state: 'found', contact, leads, total };
    } catch (error) {
      return { state: 'error', contact, failure: toApiFailure(error) };
    }
  }

  return {
    /**
     * Reads a selection (already pre-checked by the content script) and, when it is a phone
     * number or an email, issues a lookup id. A selection honours the trigger setting; the
     * selection and the shortcut honour the sites where lookups are off; the context menu is an
     * explicit request and always runs. A tab that has looked up many values by selection within
     * a minute is offered the button instead (see tab-budget.ts).
     */
    async prepare(text: string, source: LookupSource, sender: SenderInfo): Promise<LookupDecision> {
      const { settings } = await deps.connection.load();
      if (source === 'selection' && settings.trigger === 'manual') return { action: 'ignore' };
      if (source !== 'context-menu' && isSiteListed(settings.disabledSites, sender.host)) return { action: 'ignore' };
      const contact = parseContact(text, settings.defaultRegion as CountryCode);
      if (!contact) return { action: 'ignore' };
      await deps.records.restore();
      const lookupId = randomId();
      deps.records.set(lookupId, { contact, tabId: sender.tabId, frameId: sender.frameId, createdAt: now() });
      if (source === 'selection' && (settings.trigger === 'button' || !tabBudget.allows(sender.tabId, contact.value))) {
        return { action: 'offer', lookupId };
      }
      // Start the request now, while the card frame loads, so both happen at once.
      startLookup(lookupId, contact);
      return { action: 'show', lookupId };
    },

    /** Starts an offered lookup (the small button was clicked); false when the id is unknown. */
    async start(lookupId: string): Promise<boolean> {
      const record = await recordOf(lookupId);
      if (record) startLookup(lookupId, record.contact);
      return record !== undefined;
    },

    /** What the popover should show for this lookup; waits for the request when one is running. */
    async view(lookupId: string, retry = false): Promise<LookupView> {
      const record = await recordOf(lookupId);
      if (!record) return { state: 'expired' };
      if (retry) deps.connection.forgetRateLimit();
      const started = outcomes.get(lookupId);
      if (started && !retry) return started;
      return startLookup(lookupId, record.contact);
    },

    /** The lookup's record: its value, and the frame that asked (to pass layout messages back). */
    recordOf,

    /** Caches a new or merged lead under every value a selection could look it up by. */
    learn(lead: Lead, region: CountryCode, also?: Contact): void {
      const answer = { leads: [lead], total: 1 };
      const keys = new Set<string>();
      if (also) keys.add(also.value);
      const phone = lead.contact_phone ? normalizePhone(lead.contact_phone, region) : null;
      if (phone) keys.add(phone.e164);
      const email = lead.contact_email ? normalizeEmail(lead.contact_email) : null;
      if (email) keys.add(email);
      for (const key of keys) deps.cache.set(key, answer);
    },

    /** Writes pending answers and lookup ids now, e.g. when the background is about to stop. */
    async persist(): Promise<void> {
      await Promise.all([deps.cache.flush(), deps.records.flush()]);
    },

    /** Settings changed: a new token, customer or base URL must not see the old answers. */
    connectionChanged(): void {
      deps.connection.reset();
      deps.cache.clear();
    },
  };
}

export type Lookups = ReturnType<typeof createLookups>;

/**
 * Selection lookups: from the text a user selected to what the card shows.
 *
 * A lookup gets an opaque id, known to the content script and to the card frame that claimed it
 * (cards.ts), never to the page; the record of which value and which tab and frame it belongs to
 * stays here (and in session storage, so a
 * restarted service worker still knows it). Answers are cached per value (`LookupCache`), and
 * each lookup keeps the outcome of the request it started, so the card never asks twice.
 * One file over 300 lines: the cache, the records and the outcomes are one lookup's state, read and
 * changed together by each step.
 */
import type { DeviceCopy } from './device-copy';
import type { RecentLeads } from './recent';
import type { LookupCache } from './lookup-cache';
import { partitionFor, spend, type AccountLink, type Connection, type ConnectionService } from './connection';
import type { StageBook } from './stages';
import { createTabBudget, type TabBudget } from './tab-budget';
import { toApiFailure } from '@/utils/api/errors';
import type { RequestPriority } from '@/utils/api/rate-budget';
import type { Lead } from '@/utils/api/schemas';
import { normalizeEmail, normalizePhone, parseContact, type Contact, type CountryCode } from '@/utils/contact';
import type { LookupSource, LookupView } from '@/utils/protocol';
import { lookupsOffFor } from '@/utils/sites';
import type { HiddenMatch } from '@/utils/hidden-matches';
import type { LookupAnswer, LookupRecord } from '@/utils/storage';

/** What to do with a selection; a card to show gets its ticket from `Cards` (cards.ts). */
export type LookupDecision =
  { action: 'ignore' } | { action: 'offer'; lookupId: string } | { action: 'show'; lookupId: string };

export interface SenderInfo {
  tabId: number | null;
  frameId: number | null;
  /**
   * The sites the selection was made on: its frame's own and its tab's top page's (routes.ts);
   * null when the top page could not be learned. The context menu's lookups need none.
   */
  sites: readonly string[] | null;
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
  /** Leads hidden with "Not this person" (see `utils/hidden-matches.ts`); none when absent. */
  hidden?: HiddenMatchStore;
  /** The on-device copy of the active account's leads, when the user keeps one. */
  copy?: Pick<DeviceCopy, 'indexFor' | 'userIsActive'>;
  /** The popup's "Recent" list. */
  recent?: Pick<RecentLeads, 'note'>;
  /** How many values a tab may look up by selection in a minute before the button is offered. */
  tabBudget?: TabBudget;
}

export interface HiddenMatchStore {
  idsFor(accountId: string, value: string): Promise<Set<string>>;
  hide(match: HiddenMatch): Promise<void>;
  unhide(accountId: string, value: string, leadId: string): Promise<void>;
}

/** A lead shown from the device copy is asked for again when its copy is older than this. */
export const REFRESH_AFTER_MS = 15 * 60_000;

/** Records older than this are forgotten: the card that asked for them is long gone. */
export const RECORD_TTL_MS = 30 * 60_000;
export const MAX_RECORDS = 100;

export function createLookups(deps: LookupDeps) {
  const now = deps.now ?? Date.now;
  const randomId = deps.randomId ?? (() => crypto.randomUUID());
  const tabBudget = deps.tabBudget ?? createTabBudget({ now });
  /**
   * The outcome of the request each lookup started, so the card shows that outcome (a failure
   * too) instead of asking MEGA a second time. Memory only: after a restart it is asked again.
   */
  const outcomes = new Map<string, Promise<LookupView>>();
  /** Cache keys carry the account's partition: one account's answers never reach another. */
  const answerKey = (partition: string, value: string) => `${partition}|${value}`;

  /** The one request a lookup makes: every lead that matches the value, most recently active first. */
  async function fetchAnswer(account: AccountLink, contact: Contact, priority: RequestPriority): Promise<LookupAnswer> {
    // Here, so that only a request really sent is counted (not a cached or joined answer).
    spend(account.budget, priority);
    const page = await account.client.listLeads({
      search: contact.value,
      limit: deps.lookupLimit ?? 10,
      include_custom_fields: true,
      sort_by: 'last_interaction_at',
      sort_dir: 'desc',
    });
    return { leads: page.leads, total: page.total };
  }

  async function recordOf(lookupId: string): Promise<LookupRecord | undefined> {
    await deps.records.restore();
    return deps.records.get(lookupId);
  }

  /** The outcome of a lookup under one account: a switch of account asks again. */
  const outcomeKey = (lookupId: string, partition: string | null) => `${lookupId}|${partition}`;

  function startLookup(
    lookupId: string,
    contact: Contact,
    priority: RequestPriority,
    connection: Connection,
  ): Promise<LookupView> {
    const key = outcomeKey(lookupId, partitionFor(connection));
    const outcome = viewFor(contact, connection, priority);
    outcomes.set(key, outcome);
    for (const id of outcomes.keys()) {
      if (outcomes.size <= MAX_RECORDS) break;
      outcomes.delete(id);
    }
    return outcome;
  }

  async function viewFor(contact: Contact, connection: Connection, priority: RequestPriority): Promise<LookupView> {
    const account = deps.connection.accountFor(connection);
    const partition = partitionFor(connection);
    if (!account || partition === null) return { state: 'unconfigured' };
    await deps.cache.restore();
    const key = answerKey(partition, contact.value);
    deps.copy?.userIsActive();
    // A fresh answer from MEGA first; else the copy on this device; else MEGA.
    if (!deps.cache.has(key)) {
      const local = await fromDeviceCopy(contact, connection, key).catch(() => null);
      if (local) return local;
    }
    try {
      const { leads, total } = await deps.cache.getOrLoad(key, () => fetchAnswer(account, contact, priority));
      deps.stages.note(partition, leads);
      return await shown(contact, connection, { leads, total });
    } catch (error) {
      return { state: 'error', contact, failure: toApiFailure(error) };
    }
  }

  /**
   * The card from the on-device copy, with no request, when the copy knows the value. A version
   * older than `REFRESH_AFTER_MS` is asked for again in the background (within the sync's share of
   * the budget); the card then waits for that answer with `getLookup`'s `awaitRefresh`.
   */
  async function fromDeviceCopy(contact: Contact, connection: Connection, key: string): Promise<LookupView | null> {
    const index = await deps.copy?.indexFor(connection);
    const found = await index?.lookup(contact);
    if (!found || found.length === 0) return null;
    const asOf = Math.min(...found.map((hit) => hit.syncedAt));
    const answer = { leads: found.map((hit) => hit.lead), total: found.length };
    const account = deps.connection.accountFor(connection);
    if (account && now() - asOf > REFRESH_AFTER_MS && !refreshes.has(key)) {
      const refresh = deps.cache
        .getOrLoad(key, () => fetchAnswer(account, contact, 'background'))
        .then(
          () => undefined,
          () => undefined,
        )
        .finally(() => refreshes.delete(key));
      refreshes.set(key, refresh);
    }
    const refreshing = refreshes.has(key);
    const view = await shown(contact, connection, answer);
    return view.state === 'found' ? { ...view, asOf, refreshing } : view;
  }

  /** Whether looking `contact` up now would send a request: not when the cache or the copy answers. */
  async function costsRequest(contact: Contact, connection: Connection): Promise<boolean> {
    const partition = partitionFor(connection);
    if (partition === null) return false;
    await deps.cache.restore();
    if (deps.cache.has(answerKey(partition, contact.value))) return false;
    const index = await deps.copy?.indexFor(connection).catch(() => undefined);
    const found = await index?.lookup(contact).catch(() => undefined);
    return !found || found.length === 0;
  }

  /** Refreshes of leads shown from the device copy, by answer key. */
  const refreshes = new Map<string, Promise<void>>();

  /** An answer as the card shows it: without the leads the user hid for this value. */
  async function shown(contact: Contact, connection: Connection, answer: LookupAnswer): Promise<LookupView> {
    const account = connection.account;
    const hiddenIds =
      account && deps.hidden
        ? await deps.hidden.idsFor(account.id, contact.value).catch(() => new Set<string>())
        : new Set<string>();
    const leads = answer.leads.filter((lead) => !hiddenIds.has(lead.id));
    const hidden = answer.leads.length - leads.length;
    const { settings } = connection;
    if (leads.length === 0) {
      const stages = deps.stages.list(partitionFor(connection) ?? '');
      return { state: 'none', contact, canCreate: settings.allowCreate, stages, hidden };
    }
    const display = {
      me: settings.me,
      leadUrlTemplate: settings.leadUrlTemplate,
      customFieldLabels: settings.customFieldLabels,
    };
    const partition = partitionFor(connection);
    if (partition) void deps.recent?.note(partition, leads.slice(0, 3));
    return { state: 'found', contact, leads, total: Math.max(leads.length, answer.total - hidden), hidden, display };
  }

  /** The lookup's current answer with a lead hidden or shown again, for the card to redraw. */
  async function changeHidden(lookupId: string, leadId: string, hide: boolean): Promise<LookupView> {
    const record = await recordOf(lookupId);
    const connection = await deps.connection.load();
    const partition = partitionFor(connection);
    if (!record || !connection.account || !partition || !deps.hidden) return { state: 'expired' };
    await deps.cache.restore();
    const answer = deps.cache.get(answerKey(partition, record.contact.value));
    const { value } = record.contact;
    if (hide) {
      const lead = answer?.leads.find((candidate) => candidate.id === leadId);
      const leadName = lead?.contact_name ?? lead?.contact_email ?? lead?.contact_phone ?? '';
      await deps.hidden.hide({ accountId: connection.account.id, value, leadId, leadName, hiddenAt: now() });
    } else {
      await deps.hidden.unhide(connection.account.id, value, leadId);
    }
    outcomes.delete(outcomeKey(lookupId, partition));
    return answer
      ? shown(record.contact, connection, answer)
      : startLookup(lookupId, record.contact, 'explicit', connection);
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
      const connection = await deps.connection.load();
      const { settings } = connection;
      if (source === 'selection' && settings.trigger === 'manual') return { action: 'ignore' };
      if (source !== 'context-menu' && lookupsOffFor(settings.disabledSites, sender.sites)) return { action: 'ignore' };
      const contact = parseContact(text, settings.defaultRegion as CountryCode);
      if (!contact) return { action: 'ignore' };
      await deps.records.restore();
      const lookupId = randomId();
      const partition = partitionFor(connection) ?? '';
      // A selection looked up because it was made is automatic: it leaves the reserve of the rate
      // budget to the user's own requests. With the button trigger the lookup waits for a click on
      // the button, and the context menu and the shortcut are the user asking: explicit.
      const priority: RequestPriority =
        source === 'selection' && settings.trigger !== 'button' ? 'automatic' : 'explicit';
      deps.records.set(lookupId, {
        contact,
        partition,
        tabId: sender.tabId,
        frameId: sender.frameId,
        createdAt: now(),
        priority,
      });
      if (source === 'selection' && settings.trigger === 'button') return { action: 'offer', lookupId };
      if (
        source === 'selection' &&
        !tabBudget.allows(sender.tabId, contact.value, await costsRequest(contact, connection))
      ) {
        return { action: 'offer', lookupId };
      }
      // Start the request now, while the card frame loads, so both happen at once.
      void startLookup(lookupId, contact, priority, connection);
      return { action: 'show', lookupId };
    },

    /** Starts an offered lookup (the small button was clicked); false when the id is unknown. */
    async start(lookupId: string): Promise<boolean> {
      const record = await recordOf(lookupId);
      if (record) void startLookup(lookupId, record.contact, 'explicit', await deps.connection.load());
      return record !== undefined;
    },

    /**
     * What the card should show for this lookup; waits for the request when one is running.
     * `awaitRefresh`: the card showed the device copy's version and waits for MEGA's newer one.
     */
    async view(lookupId: string, retry = false, awaitRefresh = false): Promise<LookupView> {
      const record = await recordOf(lookupId);
      if (!record) return { state: 'expired' };
      const connection = await deps.connection.load();
      const partition = partitionFor(connection);
      if (awaitRefresh && partition) {
        const key = answerKey(partition, record.contact.value);
        await refreshes.get(key);
        const answer = deps.cache.get(key);
        if (answer) return shown(record.contact, connection, answer);
      }
      const started = outcomes.get(outcomeKey(lookupId, partitionFor(connection)));
      if (started && !retry) return started;
      // A retry is the user's click: explicit, for this lookup only. Without one, the lookup keeps
      // the priority it was issued with (asked again after a restart of the service worker).
      return startLookup(lookupId, record.contact, retry ? 'explicit' : (record.priority ?? 'automatic'), connection);
    },

    /** The lookup's record: its value, and the frame that asked (to pass layout messages back). */
    recordOf,

    /**
     * The active account's answer for a value, from the cache or MEGA: for the merge preview (the
     * user typing, explicit) and the panel's check of a page's values (at a selection's priority).
     */
    async answerFor(contact: Contact, priority: RequestPriority = 'explicit'): Promise<LookupAnswer | null> {
      const connection = await deps.connection.load();
      const account = deps.connection.accountFor(connection);
      const partition = partitionFor(connection);
      if (!account || !partition) return null;
      await deps.cache.restore();
      const answer = await deps.cache.getOrLoad(answerKey(partition, contact.value), () =>
        fetchAnswer(account, contact, priority),
      );
      deps.stages.note(partition, answer.leads);
      return answer;
    },

    /** "Not this person", and its Undo. */
    hideMatch: (lookupId: string, leadId: string) => changeHidden(lookupId, leadId, true),
    unhideMatch: (lookupId: string, leadId: string) => changeHidden(lookupId, leadId, false),

    /**
     * Caches a new or merged lead, for its account, under every value a selection could look it up
     * by: its own phone and email. `looked`, the value the card was looked up by, is one of them
     * only when the lead holds it: the user may have changed the phone in the form, and then the
     * selected number is still nobody's.
     */
    learn(partition: string, lead: Lead, region: CountryCode, looked?: Contact): void {
      const answer = { leads: [lead], total: 1 };
      const keys = new Set<string>();
      const phone = lead.contact_phone ? normalizePhone(lead.contact_phone, region) : null;
      if (phone) keys.add(phone.e164);
      const email = lead.contact_email ? normalizeEmail(lead.contact_email) : null;
      if (email) keys.add(email);
      if (looked?.kind === 'phone' && phone && lastTenDigits(looked.value) === lastTenDigits(phone.e164))
        keys.add(looked.value);
      for (const key of keys) deps.cache.set(answerKey(partition, key), answer);
    },

    /** Drops the active account's cached answers for these values: leads were just added for them. */
    async forget(values: readonly string[]): Promise<void> {
      const partition = partitionFor(await deps.connection.load());
      if (!partition) return;
      await deps.cache.restore();
      const keys = new Set(values.map((value) => answerKey(partition, value)));
      deps.cache.deleteWhere((key) => keys.has(key));
    },

    /** Writes pending answers and lookup ids now, e.g. when the background is about to stop. */
    async persist(): Promise<void> {
      await Promise.all([deps.cache.flush(), deps.records.flush()]);
    },

    /**
     * Settings changed. Answers are kept by partition, so a new token, customer or base URL never
     * sees old ones; what belongs to no account left (removed, or its credentials changed) goes.
     */
    async connectionChanged(livePartitions: ReadonlySet<string>): Promise<void> {
      deps.connection.reset();
      await Promise.all([deps.cache.restore(), deps.records.restore()]);
      const stale = (key: string) => !livePartitions.has(key.slice(0, key.indexOf('|')));
      deps.cache.deleteWhere((key) => stale(key));
      deps.records.deleteWhere((_, record) => record.partition !== '' && !livePartitions.has(record.partition));
      for (const key of outcomes.keys()) if (!livePartitions.has(key.slice(key.indexOf('|') + 1))) outcomes.delete(key);
      deps.stages.keepOnly(livePartitions);
    },
  };
}

export type Lookups = ReturnType<typeof createLookups>;

/** MEGA merges phone numbers on their last ten digits. */
const lastTenDigits = (e164: string) => e164.replace(/\D/g, '').slice(-10);

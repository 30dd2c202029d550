/**
 * Every storage item Lead Lens keeps, and the shapes of what it saves, in one place.
 *
 * Settings live in `local` storage under one versioned item so a later release can migrate them:
 * the MEGA accounts (without their tokens) and the settings that apply to all of them. Tokens are
 * kept apart, where no content script can read them (`utils/token-vault.ts`). What an account
 * produces (cached answers, lookup records) is kept under that account's partition key, so one
 * account's data is never served to another (docs/security.md §8).
 *
 * One file over 300 lines: it is the list a reader checks for what the extension keeps and where,
 * and each item's key, area and shape are declared together so that none is kept twice.
 */
import { storage } from 'wxt/utils/storage';
import type { RequestPriority } from './api/rate-budget';
import type { Lead } from './api/schemas';
import type { Contact } from './contact';
import type { CustomFieldLabels } from './custom-fields';
import type { MarksStop } from './marks';
import { t } from './i18n';
import { LANGUAGE_IN_EFFECT_KEY } from './language-in-effect';
import { SETTINGS_VERSION } from './settings-version';

export type LookupTrigger = 'auto' | 'button' | 'manual';
export type TokenMemory = 'local' | 'session';

/** One MEGA account: a token is locked to one customer. */
export interface Account {
  /** Stable and opaque; never shown. */
  id: string;
  /** What the user calls it, unique among the accounts. */
  name: string;
  /** The MEGA customer the token acts for (a UUID). */
  customerId: string;
  /** Where the MEGA API lives; loopback http is allowed for the local server. */
  baseUrl: string;
  /** Where its token is kept: on this device, or until the browser closes. */
  tokenMemory: TokenMemory;
  /**
   * Bumped whenever the token, customer id or base URL change. Answers are kept under the id and
   * this revision, so what the old credentials fetched is never served under the new ones, even
   * when the background was stopped while they changed.
   */
  revision: number;
  /** Deployed by the administrator's policy (see `utils/managed-policy.ts`). */
  managed?: boolean;
}

export interface Settings {
  accounts: Account[];
  /** The account lookups and searches use; null when there is none. */
  activeAccountId: string | null;
  /** Region used to read phone numbers written without a country code, e.g. "US". */
  defaultRegion: string;
  /** How a selection starts a lookup: at once, after a click on a small button, or never. */
  trigger: LookupTrigger;
  /** Host names where selection lookups are off. */
  disabledSites: string[];
  /** Offer "Add to MEGA" when nothing matches; read-only users turn it off. */
  allowCreate: boolean;
  /** Who the user is in MEGA ("Your name in MEGA"), so the card can say a lead is someone else's. */
  me: { id?: string; name: string } | null;
  /** The address of a lead in MEGA's web app, with `{id}` (see `utils/lead-url.ts`); empty for none. */
  leadUrlTemplate: string;
  /** How custom fields are named and formatted, by slug (see `utils/custom-fields.ts`). */
  customFieldLabels: CustomFieldLabels;
  /**
   * The accounts, by id, whose leads are kept on this device ("Keep a copy of my leads on this
   * device", see `entrypoints/background/device-copy.ts`); deployed accounts may be among them.
   */
  keepCopyFor: string[];
  /**
   * Host names where known leads are marked on the page ("Mark known leads on this site", see
   * `utils/marks.ts`); off everywhere else.
   */
  markSites: string[];
  /**
   * The user's own token for an account the administrator deployed without one, by account id
   * (the token itself is in the vault, `utils/token-vault.ts`).
   */
  ownTokens: Record<string, OwnToken>;
  /**
   * The language Lead Lens speaks: "auto" for the browser's, or a tag of `utils/languages.ts`
   * ("de", "pt-BR").
   */
  language: string;
}

/** What the settings say of the user's own token for a deployed account. */
export interface OwnToken {
  /** Where it is kept: on this device, or until the browser closes. */
  tokenMemory: TokenMemory;
  /** The API base URL it was entered for: it is sent nowhere else, whatever the policy says later. */
  baseUrl: string;
  /** When it was saved: a new token starts a new partition of the account (see `partitionOf`). */
  savedAt: number;
}

export const DEFAULT_BASE_URL = 'https://app.gomega.ai';

export const DEFAULT_SETTINGS: Settings = {
  accounts: [],
  activeAccountId: null,
  defaultRegion: 'US',
  trigger: 'auto',
  disabledSites: [],
  allowCreate: true,
  me: null,
  leadUrlTemplate: '',
  customFieldLabels: {},
  keepCopyFor: [],
  markSites: [],
  ownTokens: {},
  language: 'auto',
};

/**
 * The layout of version 1, kept for its migration: pre-release builds stored a flat record with
 * an on/off switch for lookups and a differently named site list.
 */
export interface SettingsV1 {
  apiBaseUrl?: string;
  customerId?: string;
  lookupsEnabled?: boolean;
  blockedHosts?: string[];
}

/** The layout of version 2: one account, its details beside the other settings. */
export interface SettingsV2 {
  baseUrl: string;
  customerId: string;
  defaultRegion: string;
  trigger: LookupTrigger;
  disabledSites: string[];
  tokenMemory: TokenMemory;
  allowCreate: boolean;
}

export const DEFAULT_SETTINGS_V2: SettingsV2 = {
  baseUrl: DEFAULT_BASE_URL,
  customerId: '',
  defaultRegion: 'US',
  trigger: 'auto',
  disabledSites: [],
  tokenMemory: 'local',
  allowCreate: true,
};

export function migrateSettingsV1(old: SettingsV1 | Partial<SettingsV2> | null | undefined): SettingsV2 {
  // A record already in version 2's layout that lost its version mark keeps its values.
  if (old && 'baseUrl' in old) return { ...DEFAULT_SETTINGS_V2, ...old };
  const v1 = old as SettingsV1 | null | undefined;
  return {
    ...DEFAULT_SETTINGS_V2,
    baseUrl: v1?.apiBaseUrl || DEFAULT_BASE_URL,
    customerId: v1?.customerId ?? '',
    trigger: v1?.lookupsEnabled === false ? 'manual' : 'auto',
    disabledSites: [...(v1?.blockedHosts ?? [])],
  };
}

/** The id the single account of version 2 keeps after the upgrade. */
export const UPGRADED_ACCOUNT_ID = 'account-1';

/** "Customer 3f2a9c4e": the name an upgraded account gets, after its customer. */
export function accountNameFor(customerId: string): string {
  return t('accountNameUpgraded', customerId.split('-')[0] || customerId);
}

/**
 * Version 2 → 3: the one account becomes the first of a list, named after its customer, with
 * nothing lost. With no customer id there was no account yet, only settings.
 */
export function migrateSettingsV2(old: Partial<SettingsV2> | null | undefined): Settings {
  const v2 = { ...DEFAULT_SETTINGS_V2, ...old };
  const account: Account | null = v2.customerId
    ? {
        id: UPGRADED_ACCOUNT_ID,
        name: accountNameFor(v2.customerId),
        customerId: v2.customerId,
        baseUrl: v2.baseUrl,
        tokenMemory: v2.tokenMemory,
        revision: 1,
      }
    : null;
  return {
    accounts: account ? [account] : [],
    activeAccountId: account?.id ?? null,
    defaultRegion: v2.defaultRegion,
    trigger: v2.trigger,
    disabledSites: [...v2.disabledSites],
    allowCreate: v2.allowCreate,
    me: null,
    leadUrlTemplate: '',
    customFieldLabels: {},
    keepCopyFor: [],
    markSites: [],
    ownTokens: {},
    language: 'auto',
  };
}

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: SETTINGS_VERSION,
  migrations: { 2: migrateSettingsV1, 3: migrateSettingsV2 },
});

/**
 * Where version 2 kept the one token. Only read to move it into the token vault (see
 * `utils/token-vault.ts`), then removed: `local` storage is readable by content scripts.
 */
export const legacyTokenItems = {
  local: storage.defineItem<string>('local:apiToken'),
  session: storage.defineItem<string>('session:apiToken'),
};

/** Tokens kept "until the browser closes", by account id. Content scripts cannot read `session`. */
export const sessionTokensItem = storage.defineItem<Record<string, string>>('session:tokens', { fallback: {} });

/**
 * The user's own settings, with every field present whatever an older or partial record held.
 * Only `utils/settings.ts` reads and writes them (a lint rule says so): everything else uses the
 * settings in effect, with the policy and the first save's rule applied there.
 */
export async function readSettings(): Promise<Settings> {
  return { ...DEFAULT_SETTINGS, ...(await settingsItem.getValue()) };
}

/** False until the user first saves settings (defaults then come from the browser's language). */
export async function hasSavedSettings(): Promise<boolean> {
  return (await storage.getItem(settingsItem.key)) !== null;
}

/** The active account, or null when none is set up. */
export function activeAccount(settings: Settings): Account | null {
  return settings.accounts.find((account) => account.id === settings.activeAccountId) ?? settings.accounts[0] ?? null;
}

/** Whether this account keeps a copy of its leads on this device. */
export function keepsCopy(settings: Pick<Settings, 'keepCopyFor'>, account: Pick<Account, 'id'>): boolean {
  return settings.keepCopyFor.includes(account.id);
}

/** The key everything an account produces is kept under: its id and credentials' revision. */
export function partitionOf(account: Pick<Account, 'id' | 'revision'>): string {
  return `${account.id}#${account.revision}`;
}

/** One cached value and when it was stored (see `LookupCache`). */
export interface CacheEntry<T> {
  value: T;
  storedAt: number;
}

/** What a lookup answered, as cached: the leads that match one normalised value. */
export interface LookupAnswer {
  leads: Lead[];
  total: number;
}

/** A lookup the background issued: which value, and which frame asked. */
export interface LookupRecord {
  contact: Contact;
  /** The account partition it was issued under (see `partitionOf`); it answers only there. */
  partition: string;
  tabId: number | null;
  frameId: number | null;
  createdAt: number;
  /** How much of the rate budget the lookup may use (absent in records saved by older versions). */
  priority?: RequestPriority;
}

/**
 * Recent lookup answers and the lookup ids issued to cards, kept in session storage so a
 * restarted service worker still has them; both are gone when the browser closes.
 */
export const lookupCacheItem = storage.defineItem<Record<string, CacheEntry<LookupAnswer>>>('session:lookupCache', {
  fallback: {},
});
export const lookupRecordsItem = storage.defineItem<Record<string, CacheEntry<LookupRecord>>>('session:lookupRecords', {
  fallback: {},
});

/**
 * Which card frame (tab, frame and document) claimed each page frame's lookups, so a card whose
 * request was cut off by a stop of the background can still ask for its lookup once it restarts.
 */
export const cardBindingsItem = storage.defineItem<Record<string, CardFrameSender>>('session:cardBindings', {
  fallback: {},
});

/**
 * The account partitions whose token MEGA refused (401) the last time it was sent: nothing kept on
 * the device answers for them until MEGA accepts the token again (see connection.ts).
 */
export const refusedPartitionsItem = storage.defineItem<string[]>('session:refusedPartitions', { fallback: [] });

/**
 * The tabs whose marks script has asked about values, and what their marks were drawn from (the
 * account, its copy, the region and the marked sites), so a restarted background still reads those
 * pages again when that changes.
 */
export const markedTabsItem = storage.defineItem<{ tabs: number[]; drawnFrom: string | null }>('session:markedTabs', {
  fallback: { tabs: [], drawnFrom: null },
});

/** What the pages of each site asked the known-lead marks about today (`entrypoints/background/marks-budget.ts`). */
export interface MarksBudgetState {
  /** The day the site counts are for (the user's local date). */
  day: string;
  /** Per site, the values asked about today, each as the start of its SHA-256 digest. */
  sites: Record<string, string[]>;
  /** Per tab: the page load asking, the values it asked about, and why marks stopped there. */
  tabs: Record<string, { load: string; values: string[]; stopped: MarksStop | null }>;
}

/** The marks' budget, in session storage, out of content scripts' reach. */
export const marksBudgetItem = storage.defineItem<MarksBudgetState | null>('session:marksBudget', { fallback: null });

/** A card frame as the browser names a message's sender. */
export interface CardFrameSender {
  tab?: { id?: number };
  frameId?: number;
  /** Chrome only: the document, which changes when the frame navigates. */
  documentId?: string;
}

/**
 * The language the background speaks (a tag of `utils/languages.ts`), which it writes whenever the
 * settings or the policy change it, for the card: the card frame reads this one item (see
 * `utils/language-in-effect.ts`) rather than the settings, whose policy checks would double its script.
 * In `local`: Firefox gives an extension frame in a web page no `storage.session`. A language is
 * no secret of the user's.
 */
export const languageInEffectItem = storage.defineItem<string>(`local:${LANGUAGE_IN_EFFECT_KEY}`, {
  fallback: 'auto',
});

/** The last leads looked up, by account partition, for the popup's "Recent" list. */
export const recentLeadsItem = storage.defineItem<Record<string, Lead[]>>('session:recentLeads', { fallback: {} });

/**
 * The side panel's ticked rows (their keys: a normalised phone number or email), by tab id, so
 * that closing the panel or looking at another tab for a moment loses no list of ticks. Gone when
 * the browser closes; the panel keeps the latest few tabs only (entrypoints/sidepanel/ticked.ts).
 */
export const panelTicksItem = storage.defineItem<Record<string, string[]>>('session:panelTicks', { fallback: {} });

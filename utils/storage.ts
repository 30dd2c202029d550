/**
 * Every storage item Lead Lens keeps, in one place.
 *
 * Settings live in `local` storage under one versioned item so a later release can migrate them.
 * The API token is kept apart from the settings: in `local` storage ("remember on this device")
 * or in `session` storage ("until the browser closes"), and only the background and the options
 * page ever read it.
 */
import { storage } from 'wxt/utils/storage';
import type { RequestPriority } from './api/rate-budget';
import type { Lead } from './api/schemas';
import type { Contact } from './contact';

export type LookupTrigger = 'auto' | 'button' | 'manual';
export type TokenMemory = 'local' | 'session';

export interface Settings {
  /** Where the MEGA API lives; loopback http is allowed for the local server. */
  baseUrl: string;
  /** The MEGA customer the token acts for (a UUID). */
  customerId: string;
  /** Region used to read phone numbers written without a country code, e.g. "US". */
  defaultRegion: string;
  /** How a selection starts a lookup: at once, after a click on a small button, or never. */
  trigger: LookupTrigger;
  /** Host names where selection lookups are off. */
  disabledSites: string[];
  /** Which storage area keeps the token. */
  tokenMemory: TokenMemory;
  /** Offer "Add to MEGA" when nothing matches; read-only users turn it off. */
  allowCreate: boolean;
}

export const DEFAULT_BASE_URL = 'https://app.gomega.ai';

export const DEFAULT_SETTINGS: Settings = {
  baseUrl: DEFAULT_BASE_URL,
  customerId: '',
  defaultRegion: 'US',
  trigger: 'auto',
  disabledSites: [],
  tokenMemory: 'local',
  allowCreate: true,
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

export function migrateSettingsV1(old: SettingsV1 | Partial<Settings> | null | undefined): Settings {
  // A record already in today's layout that lost its version mark keeps its values.
  if (old && 'baseUrl' in old) return { ...DEFAULT_SETTINGS, ...old };
  const v1 = old as SettingsV1 | null | undefined;
  return {
    ...DEFAULT_SETTINGS,
    baseUrl: v1?.apiBaseUrl || DEFAULT_BASE_URL,
    customerId: v1?.customerId ?? '',
    trigger: v1?.lookupsEnabled === false ? 'manual' : 'auto',
    disabledSites: [...(v1?.blockedHosts ?? [])],
  };
}

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 2,
  migrations: { 2: migrateSettingsV1 },
});

const localTokenItem = storage.defineItem<string>('local:apiToken');
const sessionTokenItem = storage.defineItem<string>('session:apiToken');

/** Full settings with every field present, whatever an older or partial record held. */
export async function readSettings(): Promise<Settings> {
  return { ...DEFAULT_SETTINGS, ...(await settingsItem.getValue()) };
}

/** False until the user first saves settings (defaults then come from the browser's language). */
export async function hasSavedSettings(): Promise<boolean> {
  return (await storage.getItem(settingsItem.key)) !== null;
}

/** The token from whichever area holds it, or null when none is saved. */
export async function readToken(): Promise<string | null> {
  return (await sessionTokenItem.getValue()) ?? (await localTokenItem.getValue());
}

/** Saves the token in exactly one area and removes it from the other. */
export async function writeToken(token: string, memory: TokenMemory): Promise<void> {
  const [keep, drop] =
    memory === 'session' ? [sessionTokenItem, localTokenItem] : [localTokenItem, sessionTokenItem];
  await keep.setValue(token);
  await drop.removeValue();
}

/** Moves an already saved token to the other area when the user changes where it is kept. */
export async function moveToken(memory: TokenMemory): Promise<void> {
  const token = await readToken();
  if (token) await writeToken(token, memory);
}

export async function clearToken(): Promise<void> {
  await Promise.all([localTokenItem.removeValue(), sessionTokenItem.removeValue()]);
}

/** Calls back whenever the settings or the token change, in any area. */
export function watchConnection(onChange: () => void): () => void {
  const unwatch = [
    settingsItem.watch(onChange),
    localTokenItem.watch(onChange),
    sessionTokenItem.watch(onChange),
  ];
  return () => unwatch.forEach((stop) => stop());
}

/** The saved settings and token, as the background reads them before a request. */
export interface Connection {
  settings: Settings;
  token: string | null;
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
  tabId: number | null;
  frameId: number | null;
  createdAt: number;
  /** How much of the rate budget the lookup may use (absent in records saved by older versions). */
  priority?: RequestPriority;
}

/**
 * Recent lookup answers and the lookup ids issued to popovers, kept in session storage so a
 * restarted service worker still has them; both are gone when the browser closes.
 */
export const lookupCacheItem = storage.defineItem<Record<string, CacheEntry<LookupAnswer>>>(
  'session:lookupCache',
  { fallback: {} },
);
export const lookupRecordsItem = storage.defineItem<Record<string, CacheEntry<LookupRecord>>>('session:lookupRecords', {
  fallback: {},
});

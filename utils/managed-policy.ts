/**
 * Settings an administrator deploys: managed storage, filled by enterprise policy (Chrome: the
 * managed policy folder or registry, checked against `public/managed_schema.json`; Firefox:
 * `policies.json` → `3rdparty` → `Extensions` → the add-on id). See docs/admin-policy.md.
 *
 * Each key is read on its own, and each deployed account too: a malformed entry is skipped with a
 * note the options page shows, and the rest applies. Locked settings cannot be changed by the user;
 * the others are the starting values until the user saves their own.
 */
import { z } from 'zod';
import { checkBaseUrl } from './base-url';
import { readCustomFieldLabels } from './custom-field-labels';
import type { CustomFieldLabels } from './custom-fields';
import { t } from './i18n';
import { LANGUAGES } from './languages';
import { checkLeadUrlTemplate } from './lead-url';
import type { Account, LookupTrigger, OwnToken, Settings } from './storage';

export const POLICY_SETTINGS = [
  'accounts',
  'trigger',
  'defaultRegion',
  'disabledSites',
  'allowCreate',
  'leadUrlTemplate',
  'customFieldLabels',
  'language',
] as const;
export type PolicySetting = (typeof POLICY_SETTINGS)[number];

/** "pt_BR" and "PT-br" name "pt-BR", as Chrome and BCP 47 let an administrator write it. */
const sameTag = (a: string, b: string) => a.replace(/_/g, '-').toLowerCase() === b.replace(/_/g, '-').toLowerCase();

const TOKEN = /^mega_[0-9a-f]{64}$/i;

const accountSchema = z.object({
  name: z.string().trim().min(1).max(80),
  customerId: z.string().trim().min(1).max(100),
  baseUrl: z.string().refine((url) => checkBaseUrl(url).ok),
  apiToken: z.string().trim().regex(TOKEN).optional(),
});

const keySchemas = {
  trigger: z.enum(['auto', 'button', 'manual']),
  defaultRegion: z.string().regex(/^[A-Z]{2}$/),
  disabledSites: z.array(z.string().trim().min(1).max(253)).max(1000),
  allowCreate: z.boolean(),
  leadUrlTemplate: z.string().refine((template) => checkLeadUrlTemplate(template).ok),
  language: z
    .string()
    .trim()
    .refine((tag) => tag === 'auto' || LANGUAGES.some((language) => sameTag(language.tag, tag)))
    .transform((tag) => LANGUAGES.find((language) => sameTag(language.tag, tag))?.tag ?? 'auto'),
  lockedSettings: z.array(z.string()),
};

/** The settings whose value is one schema's to read: neither accounts nor custom fields. */
const PLAIN_SETTINGS = [
  'trigger',
  'defaultRegion',
  'disabledSites',
  'allowCreate',
  'leadUrlTemplate',
  'language',
] as const;

export interface ManagedAccount {
  name: string;
  customerId: string;
  baseUrl: string;
  apiToken?: string;
}

export interface ManagedPolicy {
  accounts?: ManagedAccount[];
  trigger?: LookupTrigger;
  defaultRegion?: string;
  disabledSites?: string[];
  allowCreate?: boolean;
  leadUrlTemplate?: string;
  customFieldLabels?: CustomFieldLabels;
  language?: string;
  locked: PolicySetting[];
  /** What was skipped, in words for the options page. */
  notes: string[];
}

export const NO_POLICY: ManagedPolicy = { locked: [], notes: [] };

/** Reads a policy as managed storage holds it; anything that does not fit is skipped and noted. */
export function parsePolicy(raw: Record<string, unknown> | null | undefined): ManagedPolicy {
  const policy: ManagedPolicy = { locked: [], notes: [] };
  if (!raw || typeof raw !== 'object') return policy;
  for (const key of PLAIN_SETTINGS) {
    if (raw[key] === undefined) continue;
    const parsed = keySchemas[key].safeParse(raw[key]);
    if (parsed.success) Object.assign(policy, { [key]: parsed.data });
    else policy.notes.push(t('policySkippedSetting', key));
  }
  if (raw.customFieldLabels !== undefined) {
    const labels = readCustomFieldLabels(raw.customFieldLabels);
    const given =
      typeof raw.customFieldLabels === 'object' && raw.customFieldLabels ? Object.keys(raw.customFieldLabels) : [];
    for (const slug of given)
      if (!(slug in labels)) policy.notes.push(t('policySkippedSetting', `customFieldLabels: ${slug}`));
    if (given.length === 0 && typeof raw.customFieldLabels !== 'object')
      policy.notes.push(t('policySkippedSetting', 'customFieldLabels'));
    policy.customFieldLabels = labels;
  }
  if (raw.lockedSettings !== undefined) {
    const parsed = keySchemas.lockedSettings.safeParse(raw.lockedSettings);
    if (!parsed.success) policy.notes.push(t('policySkippedSetting', 'lockedSettings'));
    for (const name of parsed.success ? parsed.data : []) {
      if ((POLICY_SETTINGS as readonly string[]).includes(name)) policy.locked.push(name as PolicySetting);
      else policy.notes.push(t('policySkippedSetting', `lockedSettings: ${name}`));
    }
  }
  if (raw.accounts !== undefined) {
    const list = Array.isArray(raw.accounts) ? raw.accounts : [];
    if (!Array.isArray(raw.accounts)) policy.notes.push(t('policySkippedSetting', 'accounts'));
    const names = new Set<string>();
    policy.accounts = [];
    list.forEach((entry, index) => {
      const parsed = accountSchema.safeParse(entry);
      const label = parsed.success ? parsed.data.name : String(index + 1);
      if (!parsed.success || names.has(parsed.data.name.toLowerCase())) {
        policy.notes.push(t('policySkippedAccount', label));
        return;
      }
      names.add(parsed.data.name.toLowerCase());
      const { name, customerId, baseUrl, apiToken } = parsed.data;
      const base = checkBaseUrl(baseUrl);
      policy.accounts!.push({
        name,
        customerId,
        baseUrl: base.ok ? base.url : baseUrl,
        ...(apiToken ? { apiToken } : {}),
      });
    });
  }
  return policy;
}

/** A 32-bit digest, for a revision: it only has to change when the credentials do. */
function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

/**
 * A deployed account keeps its id (and so its token and its answers) while its name keeps. The id
 * is the name itself, lower-cased and encoded, so two names never share one: a hash could, and
 * then one account's token would go to the other's base URL.
 */
export function managedAccountId(name: string): string {
  return `managed-${encodeURIComponent(name.toLowerCase())}`;
}

/**
 * Whether the user's own token goes to this deployed account: only when the policy deploys none,
 * and only to the address the user entered it for (a base URL the policy changes later does not
 * receive it).
 */
function ownTokenApplies(managed: ManagedAccount, own: OwnToken | undefined): own is OwnToken {
  return !managed.apiToken && own?.baseUrl === managed.baseUrl;
}

/** A deployed account as the rest of Lead Lens sees accounts, with the user's own token if it has one. */
function toAccount(managed: ManagedAccount, own: OwnToken | undefined): Account {
  const credentials: unknown[] = [managed.customerId, managed.baseUrl, managed.apiToken ?? ''];
  // The user's own token counts as credentials too: a new one is a new partition.
  if (ownTokenApplies(managed, own)) credentials.push(own.savedAt);
  return {
    id: managedAccountId(managed.name),
    name: managed.name,
    customerId: managed.customerId,
    baseUrl: managed.baseUrl,
    tokenMemory: own?.tokenMemory ?? 'local',
    // New credentials in the policy start a new partition, as an edit by the user does.
    revision: hashOf(JSON.stringify(credentials)),
    managed: true,
  };
}

export interface AppliedPolicy {
  settings: Settings;
  /** Settings the policy gives a value for. */
  managed: ReadonlySet<PolicySetting>;
  locked: ReadonlySet<PolicySetting>;
  /** Tokens the policy deploys, by account id. */
  tokens: Readonly<Record<string, string>>;
  /** Deployed accounts that use the user's own token (in the vault), by id. */
  ownTokenIds: ReadonlySet<string>;
  notes: readonly string[];
}

/**
 * The settings in effect: deployed accounts first, then the user's own (none when the policy
 * locks the account list); a locked setting takes the policy's value, an unlocked one takes it
 * until the user saves their own.
 */
export function applyPolicy(user: Settings, policy: ManagedPolicy, userSaved: boolean): AppliedPolicy {
  const locked = new Set(policy.locked);
  const managed = new Set<PolicySetting>();
  const settings: Settings = { ...user };
  const tokens: Record<string, string> = {};
  const ownTokenIds = new Set<string>();
  const notes = [...policy.notes];

  for (const key of [...PLAIN_SETTINGS, 'customFieldLabels'] as const) {
    if (policy[key] === undefined) continue;
    managed.add(key);
    const differs = JSON.stringify(user[key]) !== JSON.stringify(policy[key]);
    if (locked.has(key) || !userSaved) Object.assign(settings, { [key]: policy[key] });
    if (locked.has(key) && userSaved && differs) notes.push(t('policyOverrodeSetting', key));
  }

  if (policy.accounts) {
    managed.add('accounts');
    const deployed = policy.accounts.map((account) => {
      const id = managedAccountId(account.name);
      const own = user.ownTokens[id];
      if (account.apiToken) tokens[id] = account.apiToken;
      else if (ownTokenApplies(account, own)) ownTokenIds.add(id);
      return toAccount(account, own);
    });
    const taken = new Set(deployed.map((account) => account.name.toLowerCase()));
    const own = locked.has('accounts')
      ? []
      : user.accounts.filter((account) => !account.managed && !taken.has(account.name.toLowerCase()));
    settings.accounts = [...deployed, ...own];
  } else if (locked.has('accounts')) {
    settings.accounts = [];
  }
  if (!settings.accounts.some((account) => account.id === settings.activeAccountId)) {
    settings.activeAccountId = settings.accounts[0]?.id ?? null;
  }
  return { settings, managed, locked, tokens, ownTokenIds, notes };
}

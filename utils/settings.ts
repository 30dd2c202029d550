/**
 * The settings in effect, and the one way to change them.
 *
 * In effect: what the user saved, what an administrator deployed (managed storage, see
 * `utils/managed-policy.ts`), and until the user first saves, the phone region their browser's
 * language implies. Every part of Lead Lens reads settings through here, so all of them agree.
 *
 * Changed: through `updateSettings` only. The first change of any kind (an account switched in the
 * popup as much as a form saved in the options page) makes what the user was shown their own, so
 * nothing they saw falls back to a built-in default; and a setting the administrator locks keeps
 * the user's own value underneath, never the policy's.
 */
import { browser } from 'wxt/browser';
import { defaultRegionFromLocale } from './phone-regions';
import {
  applyPolicy,
  NO_POLICY,
  parsePolicy,
  POLICY_SETTINGS,
  type AppliedPolicy,
  type ManagedPolicy,
} from './managed-policy';
import { hasSavedSettings, readSettings, settingsItem, type Settings } from './storage';

/** The browser's language; none outside a browser (unit tests in Node), which suggests the fallback region. */
export function browserLocale(): string {
  return globalThis.navigator?.language ?? '';
}

/** Settings with the region filled in from `locale` when nothing was saved yet. */
export function effectiveSettings(settings: Settings, saved: boolean, locale: string): Settings {
  return saved ? settings : { ...settings, defaultRegion: defaultRegionFromLocale(locale) };
}

/** The administrator's policy; none where the browser has no managed storage or no policy is set. */
export async function readPolicy(area = browser.storage.managed) {
  try {
    return parsePolicy((await area?.get()) as Record<string, unknown> | undefined);
  } catch {
    // Firefox rejects when no policy names this add-on; Chrome answers {}.
    return NO_POLICY;
  }
}

export type EffectiveSettings = AppliedPolicy & {
  /** False until the user first saves. */
  saved: boolean;
  /** The policy as the administrator wrote it, e.g. which sites its own list names. */
  policy: ManagedPolicy;
  /**
   * The browser has not said yet whether there is a policy (see `readEffectiveSettings`): these
   * settings are without one, for now.
   */
  policyPending?: boolean;
};

/** The user's own settings and the settings in effect, read together. */
async function readBoth(
  locale: string,
  policyWaitMs = Infinity,
): Promise<{ own: Settings; inEffect: EffectiveSettings }> {
  const policyRead = readPolicy();
  const local = Promise.all([readSettings(), hasSavedSettings()]);
  // The wait starts once the user's own settings are read: a policy the browser answers as fast
  // as those (any but the first read in a new profile) is always in time.
  const policyOrPending =
    policyWaitMs === Infinity
      ? policyRead
      : Promise.race([
          policyRead,
          local.then(() => new Promise<'pending'>((resolve) => setTimeout(() => resolve('pending'), policyWaitMs))),
        ]);
  const [[own, saved], answer] = await Promise.all([local, policyOrPending]);
  const policy = answer === 'pending' ? NO_POLICY : answer;
  const inEffect = { ...applyPolicy(effectiveSettings(own, saved, locale), policy, saved), saved, policy };
  return { own, inEffect: answer === 'pending' ? { ...inEffect, policyPending: true } : inEffect };
}

/**
 * `policyWaitMs`: how long a page that shows the settings waits for the policy once it has read
 * the user's own settings. The first read of managed storage in a new Chromium profile waits for
 * the browser's policy service, about three seconds; the options page shows the settings without
 * a policy meanwhile (saying so), and again with it once it is read. A write never waits less:
 * `updateSettings` always has the policy.
 */
export async function readEffectiveSettings(
  locale = browserLocale(),
  policyWaitMs = Infinity,
): Promise<EffectiveSettings> {
  return (await readBoth(locale, policyWaitMs)).inEffect;
}

/**
 * Calls back whenever the settings in effect may have changed: the user's settings or the policy
 * (tokens are written before the settings that use them).
 */
export function watchSettings(onChange: () => void): () => void {
  const stop = settingsItem.watch(() => onChange());
  const managed = browser.storage.managed as typeof browser.storage.managed | undefined;
  const onPolicy = () => onChange();
  // Not every browser tells of a changed policy; there it applies from the next read.
  managed?.onChanged?.addListener?.(onPolicy);
  return () => {
    stop();
    managed?.onChanged?.removeListener?.(onPolicy);
  };
}

/** What the policy may suggest besides accounts; the user's own accounts are never the policy's. */
const SUGGESTIONS = POLICY_SETTINGS.filter((key) => key !== 'accounts');

/**
 * The user's settings as they stand once they first save: what they were shown (the region of
 * the browser's language, the administrator's unlocked values) becomes their own.
 */
function withShown(own: Settings, inEffect: AppliedPolicy): Settings {
  const next: Settings = { ...own };
  for (const key of SUGGESTIONS) {
    if (!inEffect.locked.has(key)) Object.assign(next, { [key]: inEffect.settings[key] });
  }
  return next;
}

/**
 * A change to the settings, made from `current`: the user's own settings (before their first save,
 * with what they were shown filled in). It gives the settings to change, or null for nothing to
 * write. `inEffect` is what the rest of Lead Lens uses, for a change that depends on it.
 */
export type SettingsChange = (
  current: Settings,
  inEffect: EffectiveSettings,
) => Partial<Settings> | null | Promise<Partial<Settings> | null>;

/**
 * Changes the settings in one write and tells whether it wrote. A value the policy locks keeps the
 * user's own. The change may write tokens first: the background hears of them with the settings.
 */
export async function updateSettings(
  change: SettingsChange | Partial<Settings>,
  locale = browserLocale(),
): Promise<boolean> {
  const { own, inEffect } = await readBoth(locale);
  const current = inEffect.saved ? own : withShown(own, inEffect);
  const wanted = typeof change === 'function' ? await change(current, inEffect) : change;
  if (!wanted) return false;
  const next: Settings = { ...current, ...wanted };
  for (const key of inEffect.locked) Object.assign(next, { [key]: own[key] });
  await settingsItem.setValue(next);
  return true;
}

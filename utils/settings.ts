/**
 * The settings in effect: what the user saved, what an administrator deployed (managed storage,
 * see `utils/managed-policy.ts`), and until the user first saves, the phone region their browser's
 * language implies. The background and the options page read settings through here only, so both
 * always agree.
 */
import { browser } from 'wxt/browser';
import { defaultRegionFromLocale } from './contact';
import { applyPolicy, NO_POLICY, parsePolicy, type AppliedPolicy } from './managed-policy';
import { hasSavedSettings, readSettings, type Settings } from './storage';

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
};

export async function readEffectiveSettings(locale: string): Promise<EffectiveSettings> {
  const [settings, saved, policy] = await Promise.all([readSettings(), hasSavedSettings(), readPolicy()]);
  return { ...applyPolicy(effectiveSettings(settings, saved, locale), policy, saved), saved };
}

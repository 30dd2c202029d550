/**
 * The settings in effect: what the user saved, and until they first save, the phone region their
 * browser's language implies. The background and the options page read settings through here, so
 * both see the same region.
 */
import { defaultRegionFromLocale } from './contact';
import { hasSavedSettings, readSettings, type Settings } from './storage';

/** Settings with the region filled in from `locale` when nothing was saved yet. */
export function effectiveSettings(settings: Settings, saved: boolean, locale: string): Settings {
  return saved ? settings : { ...settings, defaultRegion: defaultRegionFromLocale(locale) };
}

export async function readEffectiveSettings(locale: string): Promise<Settings> {
  const [settings, saved] = await Promise.all([readSettings(), hasSavedSettings()]);
  return effectiveSettings(settings, saved, locale);
}

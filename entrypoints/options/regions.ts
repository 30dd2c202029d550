/**
 * The phone regions the options page offers, with libphonenumber's metadata behind them. That
 * metadata is most of the page's script, so the page loads this module once its settings are on
 * screen (`import('./regions')`), not before: the region list fills in a moment later, and a save
 * waits for it.
 */
import { getCountries, getCountryCallingCode, isSupportedCountry, type CountryCode } from 'libphonenumber-js/max';

export interface RegionChoice {
  code: CountryCode;
  /** "Germany (+49)", in the page's language. */
  label: string;
}

/** Whether libphonenumber can read numbers for this ISO 3166 code (upper case). */
export function isRegion(code: string): code is CountryCode {
  return isSupportedCountry(code);
}

/** Every region libphonenumber supports, named in `locale` and sorted the way its speakers expect. */
export function regionChoices(locale: string): RegionChoice[] {
  const names = regionNames(locale);
  let collator: Intl.Collator;
  try {
    collator = new Intl.Collator([locale, 'en']);
  } catch {
    collator = new Intl.Collator(['en']);
  }
  return getCountries()
    .map((code) => ({ code, name: names.of(code) ?? code }))
    .sort((a, b) => collator.compare(a.name, b.name))
    .map(({ code, name }) => ({ code, label: `${name} (+${getCountryCallingCode(code)})` }));
}

/** Region names in `locale`, or in English when the browser cannot read that locale. */
function regionNames(locale: string): Intl.DisplayNames {
  try {
    return new Intl.DisplayNames([locale, 'en'], { type: 'region' });
  } catch {
    return new Intl.DisplayNames(['en'], { type: 'region' });
  }
}

/**
 * The regions libphonenumber reads numbers for, and the one a browser's language suggests, without
 * libphonenumber itself: its metadata is most of a page's script, and the settings (utils/settings.ts)
 * need the suggestion before any number is read. phone-regions.test.ts keeps this list the same as
 * libphonenumber's `getCountries()`.
 */
import type { CountryCode } from 'libphonenumber-js';

export const PHONE_REGIONS: ReadonlySet<string> = new Set(
  (
    'AC AD AE AF AG AI AL AM AO AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS ' +
    'BT BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG ' +
    'EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GT GU GW GY HK HN HR HT ' +
    'HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR ' +
    'LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF ' +
    'NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD ' +
    'SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TA TC TD TG TH TJ TK TL TM TN TO TR TT TV TW ' +
    'TZ UA UG US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW'
  ).split(' '),
);

const FALLBACK_REGION: CountryCode = 'US';

/** Whether libphonenumber reads numbers for this region (an ISO 3166 code in upper case). */
export function isPhoneRegion(code: string): code is CountryCode {
  return PHONE_REGIONS.has(code);
}

/**
 * The phone region to read national numbers with, from a BCP 47 locale such as the browser's UI
 * language. A language without a region takes its most likely one ("fr" → FR, "pt" → BR,
 * "hi" → IN); anything unknown or unparsable gives US.
 */
export function defaultRegionFromLocale(locale: string): CountryCode {
  let region: string | undefined;
  try {
    const named = new Intl.Locale(locale.replace(/_/g, '-'));
    // Only a language without a region needs the likely-subtags data, whose first load costs a
    // page tens of milliseconds.
    region = named.region ?? named.maximize().region;
  } catch {
    return FALLBACK_REGION;
  }
  // "en-UK" is a common misspelling of en-GB.
  if (region === 'UK') region = 'GB';
  return region !== undefined && isPhoneRegion(region) ? region : FALLBACK_REGION;
}

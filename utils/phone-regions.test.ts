import { getCountries, isSupportedCountry, type CountryCode } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { defaultRegionFromLocale, isPhoneRegion, PHONE_REGIONS } from './phone-regions';

describe('the phone regions', () => {
  it("are libphonenumber's own, every one of them", () => {
    expect([...PHONE_REGIONS].sort()).toEqual([...getCountries()].sort());
  });

  it.each(['US', 'GB', 'XK', 'AC', 'UK', 'ZZ', 'us', 'EU', 'AQ'])(
    '%s is one exactly when libphonenumber reads it',
    (code) => {
      expect(isPhoneRegion(code)).toBe(isSupportedCountry(code));
    },
  );
});

describe('defaultRegionFromLocale', () => {
  it.each<[locale: string, region: CountryCode]>([
    ['en-US', 'US'],
    ['de-DE', 'DE'],
    ['en-GB', 'GB'],
    ['pt-BR', 'BR'],
    ['en-IN', 'IN'],
    ['de-AT', 'AT'],
    ['fr', 'FR'],
    ['de', 'DE'],
    ['pt', 'BR'],
    ['ja', 'JP'],
    ['en', 'US'],
    ['en_GB', 'GB'],
    ['en-UK', 'GB'],
    ['es-419', 'US'],
    ['xx', 'US'],
    ['', 'US'],
    ['not a locale', 'US'],
  ])('%j → %s', (locale, region) => {
    expect(defaultRegionFromLocale(locale)).toBe(region);
  });
});

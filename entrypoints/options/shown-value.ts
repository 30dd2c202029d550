/**
 * How the hidden matches show a value. Loaded with the list (HiddenMatchesSection.tsx), after the
 * settings are on screen: libphonenumber's metadata is most of the page's script.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** "+1 415-555-0134" for a number as stored (E.164); an email as it is. */
export function shownValue(value: string): string {
  if (!value.startsWith('+')) return value;
  return parsePhoneNumberFromString(value)?.formatInternational() ?? value;
}

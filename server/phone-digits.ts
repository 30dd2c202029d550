// Phone matching rules shared by search and by the create-or-merge of POST: formatting is
// ignored and numbers are compared by their digits, the last 10 of which identify a number well
// enough across national and international spellings ("020 7946 0958" vs "+44 20 7946 0958").

export function digitsOf(text: string): string {
  return text.replace(/\D+/g, '');
}

/** Only digits, spaces and + - . ( ) /, with at least 6 digits (API search contract). */
export function isPhoneLike(text: string): boolean {
  return /^[\d\s+\-.()/]+$/.test(text) && digitsOf(text).length >= 6;
}

/** Search rule: the lead's digits contain the query's, or both have 10+ digits and end alike. */
export function phoneMatchesQuery(leadPhone: string, queryDigits: string): boolean {
  const leadDigits = digitsOf(leadPhone);
  if (leadDigits.length === 0 || queryDigits.length === 0) return false;
  if (leadDigits.includes(queryDigits)) return true;
  return leadDigits.length >= 10 && queryDigits.length >= 10 && leadDigits.slice(-10) === queryDigits.slice(-10);
}

/** Merge rule: the last 10 digits are equal (whole digits when either number is shorter). */
export function samePhone(a: string, b: string): boolean {
  const da = digitsOf(a);
  const db = digitsOf(b);
  if (da.length === 0 || db.length === 0) return false;
  if (da.length >= 10 && db.length >= 10) return da.slice(-10) === db.slice(-10);
  return da === db;
}

import { describe, expect, it } from 'vitest';
import type { CountryCode } from 'libphonenumber-js';
import { normalizeEmail, normalizePhone, parseContact, type Contact } from './contact';
import { classifySelection } from './selection-check';

type PhoneRow = [text: string, region: CountryCode, e164: string, display: string];
type ExtensionRow = [text: string, region: CountryCode, e164: string, extension: string, display: string];

const US_0134 = ['+14155550134', '+1 415 555 0134'] as const;
const UK_0958 = ['+442079460958', '+44 20 7946 0958'] as const;
const DE_5678 = ['+493012345678', '+49 30 12345678'] as const;
const FR_5300 = ['+33142685300', '+33 1 42 68 53 00'] as const;
const IN_3210 = ['+919876543210', '+91 98765 43210'] as const;
const BR_5678 = ['+5511912345678', '+55 11 91234 5678'] as const;

const phones: PhoneRow[] = [
  // United States, including the fictional 555-01xx demo numbers
  ['(415) 555-0134', 'US', ...US_0134],
  ['415-555-0134', 'US', ...US_0134],
  ['415.555.0134', 'US', ...US_0134],
  ['4155550134', 'US', ...US_0134],
  ['212 555 0199', 'US', '+12125550199', '+1 212 555 0199'],
  ['1-800-555-0199', 'US', '+18005550199', '+1 800 555 0199'],
  ['1.800.555.0199', 'US', '+18005550199', '+1 800 555 0199'],
  ['+1 415 555 0134', 'DE', ...US_0134],
  ['+1 (415) 555-0134', 'GB', ...US_0134],
  ['tel:+14155550134', 'FR', ...US_0134],
  ['011 44 20 7946 0958', 'US', ...UK_0958],
  // United Kingdom, including the 020 7946 0xxx drama range
  ['020 7946 0958', 'GB', ...UK_0958],
  ['+44 20 7946 0958', 'US', ...UK_0958],
  ['+44 (0) 20 7946 0958', 'US', ...UK_0958],
  ['(+44) 20 7946 0958', 'US', ...UK_0958],
  ['0044 20 7946 0958', 'US', ...UK_0958],
  ['00 44 20 7946 0958', 'DE', ...UK_0958],
  ['0161 496 0000', 'GB', '+441614960000', '+44 161 496 0000'],
  // Germany
  ['030 12345678', 'DE', ...DE_5678],
  ['030/12345678', 'DE', ...DE_5678],
  ['+49 (0)30 12345678', 'US', ...DE_5678],
  ['0049 30 12345678', 'US', ...DE_5678],
  ['+49 1512 3456789', 'FR', '+4915123456789', '+49 1512 3456789'],
  // France
  ['01 42 68 53 00', 'FR', ...FR_5300],
  ['01.42.68.53.00', 'FR', ...FR_5300],
  ['+33 1 42 68 53 00', 'US', ...FR_5300],
  ['+33 6 12 34 56 78', 'DE', '+33612345678', '+33 6 12 34 56 78'],
  // India
  ['98765 43210', 'IN', ...IN_3210],
  ['098765 43210', 'IN', ...IN_3210],
  ['+91-98765-43210', 'US', ...IN_3210],
  ['+91 22 2345 6789', 'GB', '+912223456789', '+91 22 2345 6789'],
  // Brazil
  ['(11) 91234-5678', 'BR', ...BR_5678],
  ['+55 11 91234-5678', 'US', ...BR_5678],
  ['011 55 11 91234 5678', 'US', ...BR_5678],
  ['(11) 3456-7890', 'BR', '+551134567890', '+55 11 3456 7890'],
  // China, where text puts no space between words and numbers
  ['电话13800138000', 'CN', '+8613800138000', '+86 138 0013 8000'],
  // Non-breaking spaces inside and around the number
  ['+1\u00a0415\u00a0555\u00a00134', 'US', ...US_0134],
  ['\u00a0 415-555-0134 \u00a0', 'US', ...US_0134],
  // One number inside longer text
  ['Phone: +1 415 555 0134', 'US', ...US_0134],
  ['call Jane at 415.555.0134 tomorrow', 'US', ...US_0134],
  ['Tel.: 030 12345678', 'DE', ...DE_5678],
  ['Jane Cooper\n020 7946 0958', 'GB', ...UK_0958],
  ['(mobile: 98765 43210)', 'IN', ...IN_3210],
  ['Order 12345678 – call 415-555-0134', 'US', ...US_0134],
];

const extensions: ExtensionRow[] = [
  ['+1 415 555 0134 x204', 'US', '+14155550134', '204', '+1 415 555 0134 ext. 204'],
  ['415-555-0134x204', 'US', '+14155550134', '204', '+1 415 555 0134 ext. 204'],
  ['(415) 555-0134 ext. 204', 'US', '+14155550134', '204', '+1 415 555 0134 ext. 204'],
  ['415-555-0134 Ext 204', 'US', '+14155550134', '204', '+1 415 555 0134 ext. 204'],
  ['tel:+1-415-555-0134;ext=204', 'DE', '+14155550134', '204', '+1 415 555 0134 ext. 204'],
  ['415-555-0134 #204', 'US', '+14155550134', '204', '+1 415 555 0134 ext. 204'],
  ['020 7946 0958 ext 12', 'GB', '+442079460958', '12', '+44 20 7946 0958 ext. 12'],
];

const emails: [text: string, value: string][] = [
  ['jane@acme.com', 'jane@acme.com'],
  ['JANE.Cooper@Acme.COM', 'jane.cooper@acme.com'],
  ['mailto:jane@acme.com', 'jane@acme.com'],
  ['mailto:jane@acme.com?subject=x', 'jane@acme.com'],
  ['<jane@acme.com>', 'jane@acme.com'],
  ['Jane Cooper <Jane@Acme.com>', 'jane@acme.com'],
  ['\u00a0jane@acme.com\u00a0', 'jane@acme.com'],
  ["jane.o'neil+crm@mail.acme.co.uk", "jane.o'neil+crm@mail.acme.co.uk"],
  ['Email: jane@acme.com.', 'jane@acme.com'],
  ['jane@acme.com (jane@acme.com)', 'jane@acme.com'],
  // An address wins over phone-shaped digits beside it.
  ['jane@acme.com, 415-555-0134', 'jane@acme.com'],
];

/** Text that is neither: the content script keeps it in the page and the background reads nothing. */
const neither: [what: string, text: string][] = [
  ['plain words', 'hello world'],
  ['a name', 'Jane Cooper'],
  ['empty', ''],
  ['blank', ' \u00a0 '],
  ['ISO date', '2024-01-15'],
  ['dotted ISO date', '2024.01.15'],
  ['day/month/year', '15/01/2024'],
  ['month/day/year', '1/15/2024'],
  ['German date', '01.02.2024'],
  ['German date with spaces', '15. 01. 2024'],
  ['short year', '15-01-24'],
  ['written date', 'Jan 5 2024'],
  ['date and time', '2024-01-15 10:30'],
  ['ISO timestamp', '2024-01-15T10:30:00Z'],
  ['time', '10:30'],
  ['time with seconds', '10:30:45'],
  ['time range', '14:30 - 15:45'],
  ['dollar price', '$1,234.56'],
  ['euro price', '1.234,56 €'],
  ['currency code', 'USD 4500'],
  ['large euro amount', '1 234 567 €'],
  ['amount after symbol', '€ 1 234 567'],
  ['real amount', 'R$ 1.234.567'],
  ['card number in fours', '4111 1111 1111 1111'],
  ['card number with dashes', '4111-1111-1111-1111'],
  ['card number unbroken', '4111111111111111'],
  ['15-digit card number', '3782 822463 10005'],
  ['IPv4 address', '192.168.1.1'],
  ['long IPv4 address', '192.168.100.200'],
  ['IPv4 with port', '192.168.1.1:8080'],
  ['ZIP code', '94103'],
  ['ZIP+4 code', '94103-1234'],
  ['percentage', '12.5%'],
  ['big percentage', '1234567%'],
  ['version', '1.2.3'],
  ['browser version', '120.0.6099.109'],
  ['decimal number', '3.1415926535'],
  ['order reference', '#12345678'],
  ['labelled order reference', 'Order #12345678'],
  ['invoice code', 'INV-2024-000123'],
  ['identifier', 'ID12345678'],
  ['ISBN-13', '978-3-16-148410-0'],
  ['ISBN-10', '0-306-40615-2'],
  ['labelled ISBN', 'ISBN 0306406152'],
  ['number in a URL path', 'https://example.com/orders/4155550134'],
  ['number in a query', 'example.com/?id=4155550134'],
  ['two email addresses', 'jane@acme.com, john@acme.com'],
  ['too long', `${'Please call our office during business hours, '.repeat(2)}415-555-0134`],
  ['too many lines', 'Jane Cooper\nAcme Inc.\n415-555-0134'],
  ['not an address', 'jane@acme'],
];

describe('parseContact reads a phone number', () => {
  it.each(phones)('%j with region %s → %s', (text, region, e164, display) => {
    expect(parseContact(text, region)).toEqual({ kind: 'phone', value: e164, display });
  });

  it.each(extensions)('%j with region %s → %s extension %s', (text, region, e164, extension, display) => {
    expect(parseContact(text, region)).toEqual({ kind: 'phone', value: e164, extension, display });
  });
});

describe('parseContact reads a national number of the smallest plans, asked for by the shortcut, the menu or the popup', () => {
  it.each<[text: string, region: CountryCode, e164: string]>([
    ['4002', 'NU', '+6834002'],
    ['7290', 'TK', '+6907290'],
    ['21 234', 'CK', '+68221234'],
    ['21234', 'FK', '+50021234'],
    ['22158', 'SH', '+29022158'],
  ])('%j with region %s → %s', (text, region, e164) => {
    expect(parseContact(text, region)).toMatchObject({ kind: 'phone', value: e164 });
  });

  it.each<[what: string, text: string, region: CountryCode]>([
    ['a year in the US', '2024', 'US'],
    ['five digits in Germany', '12345', 'DE'],
    ['a short number in running text', 'Room 4002', 'NU'],
    ['three digits', '400', 'NU'],
  ])('%s: %j is none', (_what, text, region) => {
    expect(parseContact(text, region)).toBeNull();
  });

  it("too short for the check a selection passes, so a page's years and amounts stay in the page", () => {
    expect(classifySelection('4002')).toBeNull();
  });
});

describe('parseContact reads an email address', () => {
  it.each(emails)('%j → %s', (text, value) => {
    expect(parseContact(text, 'US')).toEqual({ kind: 'email', value, display: value });
  });
});

describe('parseContact finds nothing to look up', () => {
  it.each<[what: string, text: string, region: CountryCode]>([
    ['two different numbers', '415-555-0134 or 212-555-0199', 'US'],
    ['the same number with two extensions', '415-555-0134 x204, 415-555-0134 x205', 'US'],
    ['a number too short for the region', '555-0134', 'US'],
    ['an unassigned US area code', '(123) 456-7890', 'US'],
    ['an unassigned UK mobile range', '07700 900123', 'GB'],
    ['a long number with no phone shape', 'Order 12345678', 'US'],
    ['a national number read in the wrong region', '030 12345678', 'US'],
    ['a dotted-out address', 'jane..cooper@acme.com', 'US'],
    ['an address with a bad domain label', 'jane@-acme.com', 'US'],
  ])('%s: %j', (_what, text, region) => {
    expect(parseContact(text, region)).toBeNull();
  });
});

describe('normalizeEmail and normalizePhone', () => {
  it.each<[text: string, expected: string | null]>([
    ['JANE.Cooper@Acme.COM', 'jane.cooper@acme.com'],
    ['mailto:jane@acme.com?subject=x', 'jane@acme.com'],
    ['415-555-0134', null],
    ['jane@acme.com john@acme.com', null],
  ])('normalizeEmail(%j) → %s', (text, expected) => {
    expect(normalizeEmail(text)).toBe(expected);
  });

  it.each<[text: string, region: CountryCode, expected: ReturnType<typeof normalizePhone>]>([
    ['020 7946 0958', 'GB', { e164: '+442079460958', display: '+44 20 7946 0958' }],
    ['+1 415 555 0134 ext. 204', 'DE', { e164: '+14155550134', extension: '204', display: '+1 415 555 0134 ext. 204' }],
    ['jane@acme.com', 'US', null],
    ['2024-01-15', 'US', null],
    ['415-555-0134 or 212-555-0199', 'US', null],
  ])('normalizePhone(%j, %s) → %j', (text, region, expected) => {
    expect(normalizePhone(text, region)).toEqual(expected);
  });
});

describe('the content script never drops what the background can read', () => {
  type AcceptedRow = [text: string, region: CountryCode, kind: Contact['kind']];
  const accepted: AcceptedRow[] = [
    ...phones.map(([text, region]): AcceptedRow => [text, region, 'phone']),
    ...extensions.map(([text, region]): AcceptedRow => [text, region, 'phone']),
    ...emails.map(([text]): AcceptedRow => [text, 'US', 'email']),
  ];

  it.each(accepted)('%j (region %s) passes the pre-check as %s', (text, region, kind) => {
    expect(parseContact(text, region)?.kind).toBe(kind);
    expect(classifySelection(text)).toBe(kind);
  });

  it.each(neither)('%s (%j) is rejected by both', (_what, text) => {
    expect(classifySelection(text)).toBeNull();
    for (const region of ['US', 'GB', 'DE', 'FR', 'IN', 'BR'] as const) {
      expect(parseContact(text, region)).toBeNull();
    }
  });
});

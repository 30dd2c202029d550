/**
 * Phone numbers and email addresses as pages write them, and figures that are neither, by
 * category: the rows of contact-shapes.test.ts and of scripts/contact-recall.ts, which reads each
 * row through the four places a contact is found (a selection's check, the background's parse, a
 * triple-clicked line, the marks scanner).
 *
 * `want` is what a lookup asks about: an E.164 number (with ";ext=" and the extension when there
 * is one) or an address; empty for text that holds no contact. Each region's own national format
 * comes from libphonenumber-js's example numbers, so every plan's lengths are covered.
 */
import { getCountries, getExampleNumber, type CountryCode } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/examples.mobile.json';
import { parseContact, type Contact } from './contact';
import { classifySelection, contactInLine, contactsInText } from './selection-check';

export interface Shape {
  text: string;
  region: CountryCode;
  want: string[];
}

const row = (text: string, region: CountryCode, ...want: string[]): Shape => ({ text, region, want });

/** A contact block's lines: phone, mobile and fax side by side, numbers with other figures beside them. */
const contactPages: Shape[] = [
  row('Phone 415-666-7777 Mobile 415-555-0134 Fax 212-555-0199', 'US', '+14156667777', '+14155550134', '+12125550199'),
  row('415-666-7777 - 800-443-1223', 'US', '+14156667777', '+18004431223'),
  row('(415) 666-7777 (800) 443-1223', 'US', '+14156667777', '+18004431223'),
  row('Tel: 415-555-0134 / Fax: 415-555-0199', 'US', '+14155550134', '+14155550199'),
  row('T +44 20 7946 0958 | M +44 7700 900 461', 'GB', '+442079460958'),
  row('Sales: 030 12345678, Support: 030 87654321', 'DE', '+493012345678', '+493087654321'),
  row('Call us on (415) 555-0134.', 'US', '+14155550134'),
  row('Téléphone : 01 42 68 53 00', 'FR', '+33142685300'),
  row('Tel. +49 (0)30 12345678 (Zentrale)', 'DE', '+493012345678'),
  row('Hotline 0800 123 4567 – free from landlines', 'DE', '+498001234567'),
];

/** Address blocks: a ZIP code before the number, a street number or price after it. */
const addressBlocks: Shape[] = [
  row('San Francisco, CA 94105 415-666-7777', 'US', '+14156667777'),
  row('415-666-7777 123 Main St', 'US', '+14156667777'),
  row('$20 415-666-7777', 'US', '+14156667777'),
  row('Acme Inc., 500 Howard St, San Francisco, CA 94105, (415) 555-0134', 'US', '+14155550134'),
  row('10115 Berlin 030 12345678', 'DE', '+493012345678'),
  row('75008 Paris – 01 42 68 53 00', 'FR', '+33142685300'),
  row('SW1A 1AA 020 7946 0958', 'GB', '+442079460958'),
];

/** Signatures: extensions in the spellings people use. */
const signatures: Shape[] = [
  row('Jane Cooper | (415) 555-0134 ext. 204', 'US', '+14155550134;ext=204'),
  row('415-555-0134, ext 7246', 'US', '+14155550134;ext=7246'),
  row('tel:+1-415-555-0134;ext=456', 'US', '+14155550134;ext=456'),
  row('+7 495 123-45-67 доб. 100', 'RU', '+74951234567;ext=100'),
  row('415-555-0134,,1234#', 'US', '+14155550134;ext=1234'),
  row('415-555-0134 x 123', 'US', '+14155550134;ext=123'),
  row('415-555-0134 x 123456789', 'US', '+14155550134;ext=123456789'),
  row('4155550134ext:1', 'US', '+14155550134;ext=1'),
  row('020 7946 0958 ext 12', 'GB', '+442079460958;ext=12'),
  row('030 12345678 Durchwahl 12', 'DE', '+493012345678;ext=12'),
];

/** Full-width digits and signs (Japanese, Chinese, Korean pages), soft hyphens, no-break and thin spaces. */
const pageCharacters: Shape[] = [
  row('電話：０３－１２３４－５６７８', 'JP', '+81312345678'),
  row('＋１ ４１５ ５５５ ０１３４', 'US', '+14155550134'),
  row('ＴＥＬ　０９０－１２３４－５６７８', 'JP', '+819012345678'),
  row('联系电话：１３８００１３８０００', 'CN', '+8613800138000'),
  row('전화 ０２－３１２－３４５６', 'KR', '+8223123456'),
  row('415\u00ad555\u00ad0134', 'US', '+14155550134'),
  row('+44\u202f20\u202f7946\u202f0958', 'US', '+442079460958'),
  row('+1\u2009415\u2009555\u20090134', 'US', '+14155550134'),
  row('0800 DDA 005', 'GB', '+44800332005'),
  row('1-800-FLOWERS', 'US', '+18003569377'),
];

/** tel: links as a page writes them. */
const telLinks: Shape[] = [
  row('tel:+14155550134', 'FR', '+14155550134'),
  row('tel:020-7946-0958;phone-context=+44', 'US', '+442079460958'),
  row('tel:7946-0958;phone-context=+44-20', 'US', '+442079460958'),
  row('tel:+1-415-555-0134;isub=1234', 'US', '+14155550134'),
  row('tel:+1-415-555-0134;ext=204;isub=12', 'DE', '+14155550134;ext=204'),
];

/** Short numbering plans, and 0/01/011 prefixes that are not the North American international prefix. */
const regionalPlans: Shape[] = [
  row('(01) 1234567', 'PE', '+5111234567'),
  row('01 123 456', 'LB', '+9611123456'),
  row('302010', 'FO', '+298302010'),
  row('712345', 'AD', '+376712345'),
  row('75.12.34', 'NC', '+687751234'),
  row('22 12 34', 'GL', '+299221234'),
  row('011 44 20 7946 0958', 'US', '+442079460958'),
];

/** Addresses as RFC 5321 and 6531 allow and people write them, taken whole. */
const emails: Shape[] = [
  row('jane@acme.com', 'US', 'jane@acme.com'),
  row('Jane Doe <jane@acme.com>', 'US', 'jane@acme.com'),
  row('test@пример.xn--p1ai', 'US', 'test@пример.xn--p1ai'),
  row('info@xn--80ak6aa92e.com', 'US', 'info@xn--80ak6aa92e.com'),
  row('john&jane@example.com', 'US', 'john&jane@example.com'),
  row('jane.o’neil@example.com', 'US', 'jane.o’neil@example.com'),
  row("o'brien+crm@mail.acme.co.uk", 'US', "o'brien+crm@mail.acme.co.uk"),
  row('user!#$%*=?^_`{|}~@example.org', 'US', 'user!#$%*=?^_`{|}~@example.org'),
  row('用户@例子.广告', 'US', '用户@例子.广告'),
  row('jörg.müller@bücher.de', 'US', 'jörg.müller@bücher.de'),
  row('mailto:jane@acme.com?subject=Hi', 'US', 'jane@acme.com'),
  row('Write to sales@acme.io.', 'US', 'sales@acme.io'),
];

/** Figures that are not contacts: none is looked up or marked. */
const notContacts: Shape[] = [
  row('2024-01-15 10', 'US'),
  row('2024-01-15 10:30', 'US'),
  row('15.01.2024 14 Uhr', 'DE'),
  row('12.1 - 23.71 - 23.45', 'US'),
  row('80.585 ((79.964)', 'US'),
  row('1.234.567,89', 'DE'),
  row('Order #4155550134', 'US'),
  row('Invoice INV-2024-000123', 'US'),
  row('Rechnung Nr. 2024/0012345', 'DE'),
  row('192.168.100.200', 'US'),
  row('4111 1111 1111 1111', 'US'),
  row('3782 822463 10005', 'US'),
  row('Q3 revenue 1,234,567', 'US'),
  row('(415 555-0134', 'US'),
  row('jane@acme', 'US'),
  row('jane@@acme.com', 'US'),
];

/**
 * Each region's example mobile number, written nationally and read with that region, or written
 * internationally and read in the US.
 */
function regionExamples(written: 'national' | 'international'): Shape[] {
  const shapes: Shape[] = [];
  for (const region of getCountries()) {
    const example = getExampleNumber(region, examples);
    if (!example?.isValid()) continue;
    shapes.push(
      written === 'national'
        ? row(example.formatNational(), region, example.number)
        : row(example.formatInternational(), 'US', example.number),
    );
  }
  return shapes;
}

export const SHAPES: Record<string, Shape[]> = {
  'contact pages': contactPages,
  'address blocks': addressBlocks,
  signatures,
  'page characters': pageCharacters,
  'tel: links': telLinks,
  'regional plans': regionalPlans,
  'national formats': regionExamples('national'),
  'international formats': regionExamples('international'),
  emails,
  'not contacts': notContacts,
};

/** What a lookup asks about for a contact: its value, with the extension after ";ext=". */
export function lookupValue(contact: Contact | null): string | null {
  if (!contact) return null;
  return contact.kind === 'phone' && contact.extension ? `${contact.value};ext=${contact.extension}` : contact.value;
}

/** The values each place finds in a row's text, as the background would look them up. */
export interface Found {
  /** Whether the selection's check sends the text on. */
  selection: boolean;
  /** The background's parse of the whole text as a selection. */
  background: string | null;
  /** The background's parse of what a triple-clicked line sends. */
  line: string | null;
  /** The background's parse of each value the marks scanner found. */
  marks: string[];
}

export function find({ text, region }: Shape): Found {
  const inLine = contactInLine(text);
  const marks = contactsInText(text)
    .found.map((found) => lookupValue(parseContact(found.value, region)))
    .filter((value): value is string => value !== null);
  return {
    selection: classifySelection(text) !== null,
    background: lookupValue(parseContact(text, region)),
    line: inLine === null ? null : lookupValue(parseContact(inLine, region)),
    marks,
  };
}

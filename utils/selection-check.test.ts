import { describe, expect, it } from 'vitest';
import { classifySelection, contactInLine, contactsInText, phoneCandidates } from './selection-check';
import { SHAPES } from './contact-shapes.testing';

// The look-alikes that must stay in the page (dates, prices, card numbers, IP addresses...) are
// listed once, in contact.test.ts, where each is checked against this pre-check and the background.

describe('classifySelection sends phone-shaped text to the background', () => {
  it.each([
    '(415) 555-0134',
    '+1 415 555 0134',
    '1.800.555.0199',
    '020 7946 0958',
    '+44 (0) 20 7946 0958',
    '030/12345678',
    '01 42 68 53 00',
    '+91 98765 43210',
    '(11) 91234-5678',
    'tel:+14155550134',
    '+1\u00a0415\u00a0555\u00a00134',
    '415\u2011555\u20110134',
    '+1 415 555 0134 ext. 204',
    '415-555-0134x204',
    'Tel.: 030 12345678',
    'Jane Cooper\n020 7946 0958',
    '电话13800138000',
    // Only phone-shaped: the background decides these are not numbers, or are ambiguous.
    '555-0134',
    'Order 12345678',
    '415-555-0134 or 212-555-0199',
  ])('%j → phone', (text) => {
    expect(classifySelection(text)).toBe('phone');
  });
});

describe('classifySelection sends one email address to the background', () => {
  it.each([
    'jane@acme.com',
    'JANE.Cooper@Acme.COM',
    'mailto:jane@acme.com?subject=Hello',
    'Jane Cooper <jane@acme.com>',
    'jane@acme.com <JANE@acme.com>',
    'jane@acme.com, +1 415 555 0134',
  ])('%j → email', (text) => {
    expect(classifySelection(text)).toBe('email');
  });
});

describe('classifySelection keeps the rest in the page', () => {
  it.each<[what: string, text: string]>([
    ['two addresses', 'jane@acme.com john@acme.com'],
    ['five digits', '55-013'],
    ['sixteen digits', '+1 415 555 0134 56789'],
    ['81 characters', `${'a'.repeat(68)} 415-555-0134`],
    ['three lines', 'a\nb\n415-555-0134'],
    ['three lines, Windows line ends', 'a\r\nb\r\n415-555-0134'],
    ['digits glued to letters', 'SKU4155550134'],
    ['digits glued to a code', 'ABC-4155550134'],
    ['digits followed by a code', '4155550134-B'],
    ['digits after a hash', 'Ticket #4155550134'],
    ['digits after a slash', '/users/4155550134'],
    ['digits after an at sign', '@4155550134'],
    ['a price in rupees', 'Rs. 12,34,567'],
    ['a price with a currency code after it', '1 234 567 EUR'],
  ])('%s: %j → null', (_what, text) => {
    expect(classifySelection(text)).toBeNull();
  });

  it.each([
    ['80 characters with a number', `${'a'.repeat(67)} 415-555-0134`],
    ['two lines', 'Jane\n415-555-0134'],
  ])('%s is still checked', (_what, text) => {
    expect(classifySelection(text)).toBe('phone');
  });
});

describe('phoneCandidates', () => {
  it.each<[text: string, expected: ReturnType<typeof phoneCandidates>]>([
    ['call (415) 555-0134.', [{ number: '(415) 555-0134' }]],
    ['(call 415-555-0134)', [{ number: '415-555-0134' }]],
    ['tel:+1-415-555-0134;ext=204', [{ number: '+1-415-555-0134', extension: '204' }]],
    ['415-555-0134 #204', [{ number: '415-555-0134', extension: '204' }]],
    ['415-555-0134 or 212-555-0199', [{ number: '415-555-0134' }, { number: '212-555-0199' }]],
    ['on 2024-01-15 call 415-555-0134', [{ number: '415-555-0134' }]],
  ])('%j → %j', (text, expected) => {
    expect(phoneCandidates(text)).toEqual(expected);
  });
});

describe('contactInLine finds the one contact in a triple-clicked line', () => {
  it.each<[line: string, found: string | null]>([
    ['Call Jane on +1 (415) 555-0134 for the renewal, she prefers mornings.\n\n', '+1 (415) 555-0134'],
    ['Questions about your order? Write to JANE.Cooper@Acme.com and we reply within a day.', 'JANE.Cooper@Acme.com'],
    ['Jane Cooper · +1 (415) 555-0134 · jane.cooper@acme.com', 'jane.cooper@acme.com'],
    ['Front desk: 415-555-0134 x204 (ask for Jane)', '415-555-0134 x204'],
    ['Main line +1 415 555 0134, or +1 (415) 555-0134 after hours', '+1 415 555 0134'],
    ['Call 415-555-0134 or 212-555-0199', null],
    ['Write to jane@acme.com or john@acme.com', null],
    ['Quarterly revenue grew by a third this year.', null],
    ['Invoice 2024-01-15 for $1,234.56 is due', null],
    [`Call +1 (415) 555-0134 ${'and then some more words '.repeat(15)}`, null],
  ])('%j → %j', (line, found) => {
    expect(contactInLine(line)).toBe(found);
  });

  it('finds only what classifySelection would send on its own', () => {
    const found = contactInLine('Reach Lukas on +49 30 12345678 during office hours.');
    expect(found).toBe('+49 30 12345678');
    expect(classifySelection(found!)).toBe('phone');
  });
});

describe('contactsInText finds the contacts in a page text, where they are written', () => {
  const TEXT = 'Call Dana on (415) 555-0134 or write to dana.reyes@example.com; order #12345678 ships 2024-01-15.';

  it('finds each phone number and email address with its place, and leaves look-alikes out', () => {
    const { found } = contactsInText(TEXT);
    expect(found.map(({ kind, value }) => [kind, value])).toEqual([
      ['phone', '(415) 555-0134'],
      ['email', 'dana.reyes@example.com'],
    ]);
    for (const contact of found) expect(TEXT.slice(contact.start, contact.end)).toBe(contact.value);
  });

  it('leaves a selection read after it as it was', () => {
    contactsInText('write to dana.reyes@example.com and then some more words', 0, 20);
    expect(classifySelection('jane@acme.com')).toBe('email');
    expect(contactInLine('Write to jane@acme.com today')).toBe('jane@acme.com');
  });

  it('keeps digits inside an email address part of the address', () => {
    const { found } = contactsInText('write to 4155550134@sms.example.com today');
    expect(found.map((contact) => contact.kind)).toEqual(['email']);
  });

  it.each([
    ['a slice boundary inside a number', 20],
    ['a slice boundary inside an email address', 45],
    ['one slice per character', 1],
  ])('finds the same contacts slice by slice as in one go, with %s', (_name, size) => {
    const whole = contactsInText(TEXT).found;
    const sliced = [];
    for (let from = 0; from < TEXT.length;) {
      const { found, next } = contactsInText(TEXT, from, Math.min(TEXT.length, from + size));
      sliced.push(...found);
      expect(next).toBeGreaterThan(from);
      from = next;
    }
    expect(sliced).toEqual(whole);
  });

  it('judges a number by the text just around it, not by what came long before', () => {
    const text = `${'word '.repeat(10_000)}ID12345678 and +44 20 7946 0958`;
    expect(contactsInText(text).found.map((contact) => contact.value)).toEqual(['+44 20 7946 0958']);
  });
});

describe('text in ASCII alone is read with the ASCII form of the email pattern, which finds the same', () => {
  // One letter past ASCII, apart from the rest, makes the same text go through the full pattern.
  const texts = [
    ...Object.values(SHAPES)
      .flat()
      .map(({ text }) => text),
    'jane@acme.com,john@acme.com;ops@acme.io',
    "o'brien+crm@sub.acme-corp.co.uk and a.b.c@x.y",
    'not@an.address. at@all @ x@y.12 me@localhost',
    'glued x@acme.comx@acme.com and mail@acme.com-',
    'Jane Doe <Jane.Doe@ACME.COM>, sales@Acme-Corp.io',
    'mailto:J_Smith2@mail.example.DE?subject=Hi',
    '1234@567.89 v2@x-1.Z9 bob.@acme.com .bob@acme.com',
  ].filter((text) => text.includes('@') && /^[\x20-\x7e]*$/.test(text));

  it.each(texts)('%s', (text) => {
    const widened = `${text} \u00e9`;
    expect(contactsInText(text).found).toEqual(contactsInText(widened).found);
    expect(classifySelection(text)).toBe(classifySelection(widened));
    expect(contactInLine(text)).toBe(contactInLine(widened));
  });

  it('reads at least the addresses the shapes hold in ASCII', () => {
    expect(texts.length).toBeGreaterThan(10);
  });
});

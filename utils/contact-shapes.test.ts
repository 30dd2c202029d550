import { describe, expect, it } from 'vitest';
import { SHAPES, find, lookupValue, type Shape } from './contact-shapes.testing';
import { parseContact } from './contact';
import { contactInLine, contactsInText, isVanityNumber, plainDigits } from './selection-check';

// The shapes are in contact-shapes.testing.ts; scripts/contact-recall.ts prints the same reading
// as figures. What no place finds, on purpose, is named here with its reason.

const digits = (text: string): number => plainDigits(text).replace(/\D/g, '').length;
/** A selection of fewer digits stays in the page: five-digit figures are mostly ZIP codes. */
const selectable = ({ text }: Shape): boolean => text.includes('@') || isVanityNumber(text) || digits(text) >= 6;
/**
 * Marks read every figure on a page: six-digit runs there are mostly amounts and references; a
 * number in letters, or a local one with its country in a tel: address, is read from a selection.
 */
const markable = ({ text }: Shape): boolean =>
  text.includes('@') || (digits(text) >= 7 && !isVanityNumber(text) && !text.includes('phone-context'));

const rows = Object.entries(SHAPES).flatMap(([category, shapes]) =>
  shapes.map((shape) => ({ category, ...shape, found: find(shape) })),
);
const single = rows.filter(({ want }) => want.length === 1);
const none = rows.filter(({ want }) => want.length === 0);

describe('a selection of one contact is looked up as that contact', () => {
  it.each(single.filter(selectable))('$category: $text ($region) → $want', ({ found, want }) => {
    expect(found.selection).toBe(true);
    expect(found.background).toBe(want[0]);
  });

  it.each(single.filter((shape) => !selectable(shape)))(
    '$category: $text ($region) has too few digits to leave the page on a selection, and is read when asked for (the shortcut, the menu)',
    ({ found, want }) => {
      expect(found.selection).toBe(false);
      expect(found.background).toBe(want[0]);
    },
  );
});

describe('a triple-clicked line with one contact looks it up', () => {
  it.each(single.filter(selectable).filter(({ text }) => !text.includes(' | M ')))(
    '$category: $text ($region) → $want',
    ({ found, want }) => {
      expect(found.line).toBe(want[0]);
    },
  );
});

describe('a triple-clicked line with several looks up the one under the pointer', () => {
  it.each(rows.filter(({ want, category }) => want.length > 1 || category === 'contact pages'))(
    '$text ($region)',
    ({ text, region, want }) => {
      const marked = contactsInText(text).found;
      const looked = marked.map(({ start }) => lookupValue(parseContact(contactInLine(text, start + 1) ?? '', region)));
      expect(looked.filter((value) => value !== null)).toEqual(want);
    },
  );
});

describe('the marks find every contact in a text, each where it is written', () => {
  it.each(rows.filter((shape) => shape.want.length > 0 && markable(shape)))(
    '$category: $text ($region) → $want',
    ({ text, found, want }) => {
      expect(found.marks).toEqual(want);
      for (const contact of contactsInText(text).found)
        expect(text.slice(contact.start, contact.end)).toBe(contact.value);
    },
  );

  it.each(rows.filter((shape) => shape.want.length > 0 && !markable(shape)))(
    '$category: $text ($region) is not marked',
    ({ found }) => {
      expect(found.marks).toEqual([]);
    },
  );
});

describe('figures that are no contact are not looked up or marked', () => {
  it.each(none)('$text ($region)', ({ found }) => {
    expect(found.background).toBeNull();
    expect(found.line).toBeNull();
    expect(found.marks).toEqual([]);
  });
});

describe("the selection check never rejects what the background reads, but the smallest plans' numbers", () => {
  it.each(rows.filter(({ found, text }) => found.background !== null && digits(text) >= 6))(
    '$text ($region)',
    ({ found }) => {
      expect(found.selection).toBe(true);
    },
  );
});

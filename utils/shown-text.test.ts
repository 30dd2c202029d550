import { describe, expect, it } from 'vitest';
import { plainText, revealedContact } from './shown-text';

describe('lead data as drawn', () => {
  it.each([
    ['a right-to-left override', 'Ana \u202EGarcia', 'Ana Garcia'],
    ['an isolate left open', 'Ana\u2067 Garcia', 'Ana Garcia'],
    ['a zero-width space and a byte order mark', 'Ana\u200B Gar\uFEFFcia', 'Ana Garcia'],
    ['left-to-right and Arabic marks', '\u200EAna\u200F\u061C', 'Ana'],
    ['a zero-width non-joiner in a Persian name', 'مهر\u200Cناز', 'مهر\u200Cناز'],
    ['a zero-width joiner in an emoji', '👩\u200D💼 Ana', '👩\u200D💼 Ana'],
  ])('a name with %s keeps only what draws it right', (_what, name, shown) => {
    expect(plainText(name)).toBe(shown);
  });

  it.each([
    ['ana\u200B@example.com', 'ana⟨U+200B⟩@example.com'],
    ['\u202E4310-555 (514)', '⟨U+202E⟩4310-555 (514)'],
    ['ana\u200D@example.com', 'ana⟨U+200D⟩@example.com'],
    ['+1 415 555 0134', '+1 415 555 0134'],
  ])('a phone or email %j shows each hidden character', (value, shown) => {
    expect(revealedContact(value)).toBe(shown);
  });
});

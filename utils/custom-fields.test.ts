import { describe, expect, it } from 'vitest';
import { readCustomFieldLabels } from './custom-field-labels';
import { formatCustomField, shownCustomFields, type CustomFieldLabels } from './custom-fields';

const LABELS: CustomFieldLabels = {
  budget_max: { label: 'Budget', type: 'currency', currency: 'USD' },
  budget_min: { label: 'Minimum budget', type: 'currency' },
  move_in: { label: 'Move-in date', type: 'date' },
  called_at: { label: 'Called', type: 'date' },
  pre_approved: { label: 'Pre-approved', type: 'boolean' },
  listing: { label: 'Listing', type: 'url' },
  notes: { label: 'Notes', type: 'text' },
  area: { label: 'Area' },
};

const show = (slug: string, value: unknown, locale = 'en-US') => formatCustomField(slug, value, LABELS, locale);

describe('formatCustomField', () => {
  it.each([
    // slug, value, label, text
    ['budget_max', 450000, 'Budget', '$450,000'],
    ['budget_max', '450000.5', 'Budget', '$450,000.50'],
    ['budget_max', 0.25, 'Budget', '$0.25'],
    ['budget_max', 'around 450k', 'Budget', 'around 450k'],
    ['budget_min', 300000, 'Minimum budget', '300,000'],
    ['move_in', '2026-03-12', 'Move-in date', 'Mar 12, 2026'],
    ['move_in', 'next spring', 'Move-in date', 'next spring'],
    ['called_at', '2026-03-12T14:05:00Z', 'Called', expect.stringMatching(/^Mar 1[23], 2026, \d{1,2}:\d{2}/)],
    ['pre_approved', true, 'Pre-approved', 'Yes'],
    ['pre_approved', false, 'Pre-approved', 'No'],
    ['pre_approved', 'yes', 'Pre-approved', 'Yes'],
    ['pre_approved', 'FALSE', 'Pre-approved', 'No'],
    ['pre_approved', 0, 'Pre-approved', 'No'],
    ['pre_approved', 'pending', 'Pre-approved', 'pending'],
    ['notes', '  Prefers texts  ', 'Notes', 'Prefers texts'],
    ['area', 'Mission District', 'Area', 'Mission District'],
    ['budget_max_2', 12000, 'Budget max 2', '12,000'],
    ['lead_line', 'buyer', 'Lead line', 'buyer'],
    ['has_pets', true, 'Has pets', 'Yes'],
  ])('%s = %j shows as %s: %s', (slug, value, label, text) => {
    expect(show(slug, value)).toEqual({ slug, label, text });
  });

  it('formats in the given language', () => {
    expect(show('budget_max', 450000, 'de-DE')?.text).toBe('450.000\u00a0$');
    expect(show('budget_max', 450000.5, 'de-DE')?.text).toBe('450.000,50\u00a0$');
    expect(show('move_in', '2026-03-12', 'de-DE')?.text).toBe('12.03.2026');
    expect(show('budget_min', 1234.5, 'de-DE')?.text).toBe('1.234,5');
  });

  it.each([
    ['https://listings.example.com/123?ref=mega', 'https://listings.example.com/123?ref=mega'],
    ['  https://example.com  ', 'https://example.com/'],
  ])('links an https url %j', (value, href) => {
    expect(show('listing', value)).toEqual({ slug: 'listing', label: 'Listing', text: value.trim(), href });
  });

  it.each(['http://example.com/listing', 'javascript:alert(1)', 'data:text/html,hi', 'example.com/listing'])(
    'shows %j as text, not a link',
    (value) => {
      const shown = show('listing', value);
      expect(shown?.text).toBe(value);
      expect(shown).not.toHaveProperty('href');
    },
  );

  it('links nothing in a field that is not labelled as a url', () => {
    expect(show('website', 'https://example.com')).toEqual({
      slug: 'website',
      label: 'Website',
      text: 'https://example.com',
    });
  });

  it.each([
    [['Mission', 'SoMa', 'Noe Valley'], 'Mission, SoMa, Noe Valley'],
    [[1, 2.5, true, null, '', 'x'], '1, 2.5, Yes, x'],
    [{ min: 300000, max: 450000 }, 'Min: 300,000, Max: 450,000'],
    [{ beds: 2, areas: ['Mission', 'SoMa'] }, 'Beds: 2, Areas: (Mission, SoMa)'],
    [[{ name: 'Ana', role: 'buyer' }, { name: 'Luis' }], '(Name: Ana, Role: buyer), Name: Luis'],
    [[['a', 'b'], ['c']], '(a, b), c'],
    [{ first_choice: { city: 'Oakland', zip: '94607' } }, 'First choice: (City: Oakland, Zip: 94607)'],
    [{ a: { b: { c: { d: { e: 1 } } } } }, 'A: B: C: D: …'],
    [{ note: null, tags: [] }, null],
  ])('reads %j as %j', (value, text) => {
    const shown = formatCustomField('details', value, {}, 'en-US');
    expect(shown?.text ?? null).toBe(text);
    expect(shown?.text ?? '').not.toContain('[object');
  });

  it.each([null, undefined, '', '   ', [], {}, [null, ''], Number.NaN])('skips the empty value %j', (value) => {
    expect(formatCustomField('notes', value, LABELS, 'en-US')).toBeNull();
  });

  it('reads a slug named like an object property as a slug', () => {
    expect(formatCustomField('constructor', 'x', LABELS, 'en-US')).toEqual({
      slug: 'constructor',
      label: 'Constructor',
      text: 'x',
    });
  });
});

describe('shownCustomFields', () => {
  it('puts the labelled fields first, in the label map order, then the rest as the lead has them', () => {
    const fields = { zeta: 'z', area: 'Mission', empty: null, budget_max: 450000, alpha: 'a' };
    expect(shownCustomFields(fields, LABELS, 'en-US').map((field) => `${field.label}=${field.text}`)).toEqual([
      'Budget=$450,000',
      'Area=Mission',
      'Zeta=z',
      'Alpha=a',
    ]);
  });

  it('shows nothing for a lead without custom fields', () => {
    expect(shownCustomFields(null, LABELS)).toEqual([]);
    expect(shownCustomFields(undefined, undefined)).toEqual([]);
  });
});

describe('reading a label map', () => {
  it('accepts a label map and normalizes currency codes', () => {
    expect(
      readCustomFieldLabels({
        budget_max: { label: ' Budget ', type: 'currency', currency: 'usd' },
        area: { label: 'Area' },
      }),
    ).toEqual({ budget_max: { label: 'Budget', type: 'currency', currency: 'USD' }, area: { label: 'Area' } });
  });

  it.each([
    [{ budget: { label: '' } }],
    [{ budget: { label: 'Budget', type: 'money' } }],
    [{ budget: { label: 'Budget', type: 'currency', currency: 'dollars' } }],
    [{ budget: 'Budget' }],
    [{ '': { label: 'Budget' } }],
    [['budget']],
  ])('rejects %j', (input) => {
    expect(readCustomFieldLabels(input)).toEqual({});
  });
});

describe('readCustomFieldLabels', () => {
  it('keeps the valid entries of a policy and leaves out the others', () => {
    expect(
      readCustomFieldLabels({
        budget_max: { label: 'Budget', type: 'currency', currency: 'EUR' },
        area: { label: 'Area', type: 'place' },
        notes: 'Notes',
      }),
    ).toEqual({ budget_max: { label: 'Budget', type: 'currency', currency: 'EUR' } });
  });

  it.each([null, undefined, 'budget', 42, ['budget']])('reads %j as no labels', (input) => {
    expect(readCustomFieldLabels(input)).toEqual({});
  });
});

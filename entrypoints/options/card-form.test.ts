import { describe, expect, it } from 'vitest';
import type { CustomFieldLabels } from '@/utils/custom-fields';
import {
  checkCardDraft,
  checkFieldRows,
  checkLeadLink,
  draftFromCard,
  ownerChoices,
  sameCard,
  type FieldRow,
} from './card-form';

const row = (patch: Partial<FieldRow> & { key: string }): FieldRow => ({
  slug: '',
  label: '',
  type: 'text',
  currency: '',
  ...patch,
});

describe('checkLeadLink', () => {
  it.each<[string, string, string | null]>([
    ['nothing: no "Open in MEGA" button', '', null],
    ['only spaces', '   ', null],
    ['the documented example', 'https://app.gomega.ai/leads/{id}', null],
    ['the id in the query', 'https://crm.example.com/view?lead={id}', null],
    ['the local server', 'http://127.0.0.1:8787/leads/{id}', null],
    ['no {id}', 'https://app.gomega.ai/leads/', "Put {id} where the lead's ID goes in the address."],
    ['not a web address', 'app.gomega.ai/leads/{id}', 'This is not a web address. Start it with https://.'],
    [
      'a password in it',
      'https://me:secret@app.gomega.ai/leads/{id}',
      'This is not a web address. Start it with https://.',
    ],
    [
      'plain http elsewhere',
      'http://app.gomega.ai/leads/{id}',
      'The address must start with https:// (http:// only for this computer).',
    ],
    ['a script', 'javascript:alert({id})', 'The address must start with https:// (http:// only for this computer).'],
  ])('%s', (_, text, error) => {
    expect(checkLeadLink(text)).toBe(error);
  });
});

describe('checkFieldRows', () => {
  it.each<[string, FieldRow[], CustomFieldLabels, Record<string, Record<string, string>>]>([
    ['no rows', [], {}, {}],
    ['a blank row, left out', [row({ key: 'r1' })], {}, {}],
    [
      'a text field: no type stored',
      [row({ key: 'r1', slug: ' budget_note ', label: ' Note ' })],
      { budget_note: { label: 'Note' } },
      {},
    ],
    [
      'money with its currency, upper-cased',
      [row({ key: 'r1', slug: 'budget_max', label: 'Budget', type: 'currency', currency: 'usd' })],
      { budget_max: { label: 'Budget', type: 'currency', currency: 'USD' } },
      {},
    ],
    [
      'money without a currency',
      [row({ key: 'r1', slug: 'budget_max', label: 'Budget', type: 'currency' })],
      { budget_max: { label: 'Budget', type: 'currency' } },
      {},
    ],
    [
      'a currency typed, then another type chosen: the currency is not kept',
      [row({ key: 'r1', slug: 'closing', label: 'Closing', type: 'date', currency: 'EUR' })],
      { closing: { label: 'Closing', type: 'date' } },
      {},
    ],
    [
      'a name without slug',
      [row({ key: 'r1', label: 'Budget' })],
      {},
      { r1: { slug: "Enter the field's slug, as MEGA names it (e.g. budget_max)." } },
    ],
    ['a slug without name', [row({ key: 'r1', slug: 'budget' })], {}, { r1: { label: 'Give the field a name.' } }],
    [
      'a currency that is no code',
      [row({ key: 'r1', slug: 'budget', label: 'Budget', type: 'currency', currency: 'US$' })],
      {},
      { r1: { currency: 'A currency code has 3 letters, e.g. USD.' } },
    ],
    [
      'the same slug twice: the second is named',
      [row({ key: 'r1', slug: 'budget', label: 'Budget' }), row({ key: 'r2', slug: 'budget', label: 'Also budget' })],
      { budget: { label: 'Budget' } },
      { r2: { slug: 'Another row already names “budget”.' } },
    ],
  ])('%s', (_, rows, labels, errors) => {
    const checked = checkFieldRows(rows);
    expect(checked.labels).toStrictEqual(labels);
    expect(checked.errors).toEqual(errors);
  });

  it('keeps the rows’ order, which is the order the card shows them in', () => {
    const { labels } = checkFieldRows([
      row({ key: 'r1', slug: 'zeta', label: 'Zeta' }),
      row({ key: 'r2', slug: 'alpha', label: 'Alpha' }),
    ]);
    expect(Object.keys(labels)).toEqual(['zeta', 'alpha']);
  });
});

describe('ownerChoices', () => {
  it('names each owner once, with their role, sorted, and keeps the saved choice', () => {
    const choices = ownerChoices(
      [
        { id: 'u2', name: 'Sam Lee', role_name: 'Sales manager' },
        { id: 'u1', name: 'Ana Ruiz' },
        { id: 'u1', name: 'Ana Ruiz' },
        { name: 'Pat Kim' },
        { id: 'u9', name: '  ' },
      ],
      { id: 'u7', name: 'Zoe Park' },
      'en',
    );
    expect(choices.map((choice) => [choice.value, choice.label])).toEqual([
      ['id:u1', 'Ana Ruiz'],
      ['name:Pat Kim', 'Pat Kim'],
      ['id:u2', 'Sam Lee (Sales manager)'],
      ['id:u7', 'Zoe Park'],
    ]);
    expect(choices.find((choice) => choice.value === 'name:Pat Kim')?.me).toEqual({ name: 'Pat Kim' });
  });
});

describe('checkCardDraft', () => {
  const saved = {
    me: { id: 'u1', name: 'Ana Ruiz' },
    leadUrlTemplate: 'https://app.gomega.ai/leads/{id}',
    customFieldLabels: { budget_max: { label: 'Budget', type: 'currency' as const, currency: 'USD' } },
  };

  it('gives back what it was given, unchanged', () => {
    const draft = draftFromCard(saved);
    const checked = checkCardDraft(draft, ownerChoices([], saved.me));
    expect(checked).toEqual({ ok: true, settings: saved });
    expect(sameCard(draft, draftFromCard(saved))).toBe(true);
  });

  it('stores "Not set" as nobody, and the chosen owner with their id', () => {
    const choices = ownerChoices([{ id: 'u2', name: 'Sam Lee', role_name: 'Sales manager' }], null);
    expect(checkCardDraft({ me: '', leadUrlTemplate: '', fields: [] }, choices)).toEqual({
      ok: true,
      settings: { me: null, leadUrlTemplate: '', customFieldLabels: {} },
    });
    const chosen = checkCardDraft({ me: 'id:u2', leadUrlTemplate: ' https://x.example/{id} ', fields: [] }, choices);
    expect(chosen).toMatchObject({
      ok: true,
      settings: { me: { id: 'u2', name: 'Sam Lee' }, leadUrlTemplate: 'https://x.example/{id}' },
    });
  });

  it('counts every field that needs fixing', () => {
    const checked = checkCardDraft(
      {
        me: '',
        leadUrlTemplate: 'https://x.example/',
        fields: [row({ key: 'r1', label: 'Budget', type: 'currency', currency: '12' })],
      },
      [],
    );
    expect(checked).toMatchObject({ ok: false, count: 3 });
  });
});

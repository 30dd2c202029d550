import { describe, expect, it } from 'vitest';
import { draftFor, draftForQuery, IdempotencyKeys, validateDraft, type AddLeadDraft } from './add-lead';

const empty: AddLeadDraft = { name: '', phone: '', email: '', stageSlug: '', leadLine: '' };

describe('the Add to MEGA form', () => {
  it('is prefilled with the selected phone number or email', () => {
    expect(draftFor({ kind: 'phone', value: '+14155550111', display: '+1 415 555 0111' })).toMatchObject({
      phone: '+1 415 555 0111',
      email: '',
    });
    expect(draftFor({ kind: 'email', value: 'new@lead.com', display: 'new@lead.com' })).toMatchObject({
      phone: '',
      email: 'new@lead.com',
    });
  });

  it.each([
    ['Ada@Example.com', { email: 'ada@example.com', phone: '', name: '' }],
    ['+1 (646) 555-0177', { phone: '+1 (646) 555-0177', email: '', name: '' }],
    ['  Ada Lovelace ', { name: 'Ada Lovelace', phone: '', email: '' }],
  ])('prefills a popup search for %s', (query, expected) => {
    expect(draftForQuery(query)).toMatchObject(expected);
  });

  it.each<[string, Partial<AddLeadDraft>, Record<string, string | undefined>]>([
    ['nothing at all', {}, { form: 'Enter at least a name, a phone number or an email.' }],
    [
      'only blanks',
      { name: '  ', phone: ' ', email: '   ' },
      { form: 'Enter at least a name, a phone number or an email.' },
    ],
    ['an email without a domain', { email: 'jane@' }, { email: 'Enter an email address, e.g. jane@acme.com.' }],
    ['an email with a space', { email: 'jane doe@acme.com' }, { email: 'Enter an email address, e.g. jane@acme.com.' }],
    ['letters for a phone', { phone: 'call me' }, { phone: 'Enter a phone number, e.g. +1 415 555 0134.' }],
    ['a phone too short', { phone: '555-01' }, { phone: 'Enter a phone number, e.g. +1 415 555 0134.' }],
    ['a very long name', { name: 'x'.repeat(201) }, { name: 'Keep the name under 200 characters.' }],
  ])('rejects %s', (_case, draft, errors) => {
    expect(validateDraft({ ...empty, ...draft })).toEqual({ ok: false, errors });
  });

  it.each<[string, Partial<AddLeadDraft>, object]>([
    ['a name alone', { name: ' Ada Lovelace ' }, { contact_name: 'Ada Lovelace' }],
    ['a phone with an extension', { phone: '+1 (415) 555-0111 x204' }, { contact_phone: '+1 (415) 555-0111 x204' }],
    ['a mixed-case email', { email: 'Ada@Example.COM' }, { contact_email: 'ada@example.com' }],
    [
      'stage and lead line',
      { name: 'Ada', stageSlug: 'qualified', leadLine: 'buyer' },
      { contact_name: 'Ada', stage_slug: 'qualified', lead_line: 'buyer' },
    ],
  ])('accepts %s', (_case, draft, input) => {
    expect(validateDraft({ ...empty, ...draft })).toEqual({ ok: true, input });
  });
});

describe('Idempotency-Key per user action', () => {
  function keys() {
    let n = 0;
    return new IdempotencyKeys(() => `key-${++n}`);
  }

  it('reuses the key for a double click or a retry of the same lead', () => {
    const k = keys();
    const lead = { contact_name: 'Ada', contact_phone: '+14155550111' };
    expect(k.keyFor(lead)).toBe('key-1');
    expect(k.keyFor({ contact_phone: '+14155550111', contact_name: 'Ada' })).toBe('key-1');
  });

  it('uses a new key when the user changes what is sent', () => {
    const k = keys();
    expect(k.keyFor({ contact_name: 'Ada' })).toBe('key-1');
    expect(k.keyFor({ contact_name: 'Ada L.' })).toBe('key-2');
  });

  it('starts a new action after a success, even with the same details', () => {
    const k = keys();
    expect(k.keyFor({ contact_name: 'Ada' })).toBe('key-1');
    k.succeeded();
    expect(k.keyFor({ contact_name: 'Ada' })).toBe('key-2');
  });

  it('makes fresh random keys by default', () => {
    const a = new IdempotencyKeys().keyFor({ contact_name: 'Ada' });
    const b = new IdempotencyKeys().keyFor({ contact_name: 'Ada' });
    expect(a).toMatch(/^[0-9a-f-]{36}$/);
    expect(a).not.toBe(b);
  });
});

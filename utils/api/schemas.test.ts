import { describe, expect, it } from 'vitest';
import {
  bulkImportResultSchema,
  bulkImportSchema,
  createdLeadSchema,
  issuePath,
  leadPageSchema,
  leadSchema,
  newLeadSchema,
  errorEnvelopeSchema,
} from './schemas';

const minimalLead = {
  id: 'lead_1',
  customer_id: '3f2b8c1e-5d4a-4e7b-9c6f-1a2b3c4d5e6f',
  source_platform: 'google_ads',
  source_type: 'form',
  status: 'active',
  created_at: '2024-05-01T10:00:00Z',
  updated_at: '2024-05-02T10:00:00Z',
};

const fullLead = {
  ...minimalLead,
  contact_name: 'Jane Cooper',
  contact_phone: '+1 (415) 555-0134',
  contact_email: 'jane.cooper@acme.com',
  score: 82,
  qualified: true,
  current_stage: { id: 'st_1', slug: 'new', name: 'New', color: '#3366ff' },
  owner: { id: 'u_1', name: 'Sam Lee', role_name: 'Agent' },
  last_interaction_at: '2024-05-02T09:00:00Z',
  interaction_count: 4,
  custom_fields: { lead_line: 'buyer', budget: 500000, pre_approved: false, notes: null },
};

const allNull = {
  ...minimalLead,
  contact_name: null,
  contact_phone: '+1 212 555 0199',
  contact_email: null,
  score: null,
  qualified: null,
  current_stage: null,
  owner: null,
  last_interaction_at: null,
  interaction_count: null,
  custom_fields: null,
};

const page = (leads: unknown[], extra: object = {}) => ({
  leads,
  total: leads.length,
  limit: 20,
  offset: 0,
  next_cursor: null,
  ...extra,
});

describe('leadSchema', () => {
  it.each([
    ['only the required fields', minimalLead],
    ['every field filled', fullLead],
    ['every nullable field null', allNull],
    ['a stage whose color is null', { ...fullLead, current_stage: { ...fullLead.current_stage, color: null } }],
    ['a stage without color', { ...fullLead, current_stage: { id: 's', slug: 'n', name: 'N' } }],
    ['an owner whose role_name is null', { ...fullLead, owner: { id: 'u', name: 'U', role_name: null } }],
    ['an unknown status', { ...minimalLead, status: 'reactivated' }],
    ['an unknown source_type', { ...minimalLead, source_type: 'carrier_pigeon' }],
    ['an unknown source_platform', { ...minimalLead, source_platform: 'tiktok_ads' }],
    ['unknown extra fields', { ...fullLead, tags: ['vip'], sentiment: { score: 0.4 } }],
    ['a score that is not whole', { ...minimalLead, score: 72.5 }],
  ])('accepts %s', (_name, lead) => {
    expect(leadSchema.safeParse(lead).success).toBe(true);
  });

  it.each([
    ['no id', { ...minimalLead, id: undefined }, 'id'],
    ['an empty id', { ...minimalLead, id: '' }, 'id'],
    ['a null id', { ...minimalLead, id: null }, 'id'],
    ['an id that is an object', { ...minimalLead, id: { value: 'lead_1' } }, 'id'],
    ['a string instead of a lead', 'lead_1', '(root)'],
    ['null instead of a lead', null, '(root)'],
    ['a list instead of a lead', [minimalLead], '(root)'],
  ])('cannot read a lead with %s', (_name, lead, path) => {
    const result = leadSchema.safeParse(lead);
    expect(result.success).toBe(false);
    if (!result.success) expect(issuePath(result.error)).toBe(path);
  });

  /** `minimalLead` without the named fields: what a lead reads as once they are dropped. */
  const minimalWithout = (...fields: string[]) =>
    Object.fromEntries(Object.entries(minimalLead).filter(([key]) => !fields.includes(key)));
  let deep: unknown = 'bottom';
  for (let level = 0; level < 40; level++) deep = [deep];

  it.each([
    // Sparse leads the published document allows.
    ['a lead with only its required fields', minimalLead, minimalLead],
    ['an empty stage', { ...minimalLead, current_stage: {} }, { ...minimalLead, current_stage: {} }],
    [
      'a stage with only a name',
      { ...minimalLead, current_stage: { name: 'New' } },
      { ...minimalLead, current_stage: { name: 'New' } },
    ],
    [
      'a stage with only an id',
      { ...minimalLead, current_stage: { id: 'st_1' } },
      { ...minimalLead, current_stage: { id: 'st_1' } },
    ],
    [
      'a stage without a colour',
      { ...minimalLead, current_stage: { id: 's', slug: 'new', name: 'New' } },
      { ...minimalLead, current_stage: { id: 's', slug: 'new', name: 'New' } },
    ],
    ['an owner with only an id', { ...minimalLead, owner: { id: 'u_1' } }, { ...minimalLead, owner: { id: 'u_1' } }],
    [
      'an owner without a name',
      { ...minimalLead, owner: { id: 'u_1', role_name: 'Agent' } },
      { ...minimalLead, owner: { id: 'u_1', role_name: 'Agent' } },
    ],
    ['an empty owner', { ...minimalLead, owner: {} }, { ...minimalLead, owner: {} }],
    // Drift: coerced where the meaning is plain.
    ['a score sent as "42"', { ...minimalLead, score: '42' }, { ...minimalLead, score: 42 }],
    [
      'interaction_count as a string',
      { ...minimalLead, interaction_count: '4' },
      { ...minimalLead, interaction_count: 4 },
    ],
    ['qualified sent as "true"', { ...minimalLead, qualified: 'true' }, { ...minimalLead, qualified: true }],
    ['qualified sent as "FALSE"', { ...minimalLead, qualified: ' FALSE ' }, { ...minimalLead, qualified: false }],
    ['qualified sent as 1', { ...minimalLead, qualified: 1 }, { ...minimalLead, qualified: true }],
    [
      'a phone sent as a number',
      { ...minimalLead, contact_phone: 4155550134 },
      { ...minimalLead, contact_phone: '4155550134' },
    ],
    ['a numeric id', { ...minimalLead, id: 42 }, { ...minimalLead, id: '42' }],
    [
      'a stage id sent as a number',
      { ...minimalLead, current_stage: { id: 5, name: 'New' } },
      { ...minimalLead, current_stage: { id: '5', name: 'New' } },
    ],
    [
      'a stage sent as its name',
      { ...minimalLead, current_stage: 'Qualified' },
      { ...minimalLead, current_stage: { name: 'Qualified' } },
    ],
    ['an owner sent as a name', { ...minimalLead, owner: 'Sam Lee' }, { ...minimalLead, owner: { name: 'Sam Lee' } }],
    [
      'created_at as unix seconds',
      { ...minimalLead, created_at: 1714557600 },
      { ...minimalLead, created_at: '2024-05-01T10:00:00.000Z' },
    ],
    [
      'last_interaction_at as unix milliseconds',
      { ...minimalLead, last_interaction_at: 1714557600000 },
      { ...minimalLead, last_interaction_at: '2024-05-01T10:00:00.000Z' },
    ],
    // Custom fields keep any JSON value.
    [
      'a custom field holding a list',
      { ...minimalLead, custom_fields: { tags: ['vip', 'spanish'] } },
      { ...minimalLead, custom_fields: { tags: ['vip', 'spanish'] } },
    ],
    [
      'a custom field holding an object',
      { ...minimalLead, custom_fields: { address: { city: 'Austin', zip: '78701' } } },
      { ...minimalLead, custom_fields: { address: { city: 'Austin', zip: '78701' } } },
    ],
    [
      'a custom field holding a list of objects',
      { ...minimalLead, custom_fields: { visits: [{ at: '2024-05-01', by: null }] } },
      { ...minimalLead, custom_fields: { visits: [{ at: '2024-05-01', by: null }] } },
    ],
    // Drift that cannot be shown: only that field goes.
    ['a score as a word', { ...minimalLead, score: 'high' }, minimalLead],
    ['qualified as "maybe"', { ...minimalLead, qualified: 'maybe' }, minimalLead],
    ['a negative interaction_count', { ...minimalLead, interaction_count: -3 }, minimalLead],
    ['an owner that is a number', { ...minimalLead, owner: 7 }, minimalLead],
    ['a stage that is a list', { ...minimalLead, current_stage: ['new'] }, minimalLead],
    [
      'a stage whose name is an object',
      { ...minimalLead, current_stage: { slug: 'new', name: { en: 'New' } } },
      { ...minimalLead, current_stage: { slug: 'new' } },
    ],
    ['custom_fields that are a list', { ...minimalLead, custom_fields: ['vip'] }, minimalLead],
    [
      'a custom field nested absurdly deep',
      { ...minimalLead, custom_fields: { deep, lead_line: 'buyer' } },
      { ...minimalLead, custom_fields: { lead_line: 'buyer' } },
    ],
    ['a null status', { ...minimalLead, status: null }, minimalWithout('status')],
    [
      'no customer_id or source_type',
      minimalWithout('customer_id', 'source_type'),
      minimalWithout('customer_id', 'source_type'),
    ],
    [
      'a contact name that is a list',
      { ...minimalLead, contact_name: ['Jane'], contact_email: 'jane@acme.com' },
      { ...minimalLead, contact_email: 'jane@acme.com' },
    ],
  ])('still shows the lead with %s', (_name, lead, expected) => {
    const result = leadSchema.safeParse(lead);
    expect(result.success).toBe(true);
    // toStrictEqual: a dropped field is absent, not an own `undefined`.
    expect(result.data).toStrictEqual(expected);
  });

  it('keeps a custom field named __proto__ as data', () => {
    const lead = leadSchema.parse(JSON.parse(`{"id":"x","custom_fields":{"__proto__":{"polluted":true}}}`));
    expect(Object.keys(lead.custom_fields ?? {})).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('drops unknown fields instead of keeping them', () => {
    const parsed = leadSchema.parse({ ...fullLead, tags: ['vip'], status: 'reactivated' });
    expect(parsed).not.toHaveProperty('tags');
    expect(parsed.status).toBe('reactivated');
  });
});

describe('leadPageSchema', () => {
  it.each([
    ['an empty page', page([])],
    ['a page of mixed leads', page([minimalLead, fullLead, allNull])],
    ['a page with a next cursor', page([minimalLead], { total: 27, next_cursor: 'eyJpZCI6MX0' })],
    ['a page with extra fields', page([minimalLead], { has_more: true })],
  ])('accepts %s', (_name, value) => {
    expect(leadPageSchema.safeParse(value).success).toBe(true);
  });

  it.each([
    ['leads that is not an array', page([], { leads: { 0: minimalLead } }), 'leads'],
    ['no leads', { total: 0, limit: 20, offset: 0, next_cursor: null }, 'leads'],
    ['a total that is not a number', page([], { total: '27' }), 'total'],
    ['no total', { leads: [], limit: 20, offset: 0, next_cursor: null }, 'total'],
    ['no next_cursor', { leads: [], total: 0, limit: 20, offset: 0 }, 'next_cursor'],
    ['a numeric next_cursor', page([], { next_cursor: 2 }), 'next_cursor'],
    ['an array instead of an object', [minimalLead], '(root)'],
    ['null', null, '(root)'],
  ])('rejects %s', (_name, value, path) => {
    const result = leadPageSchema.safeParse(value);
    expect(result.success).toBe(false);
    if (!result.success) expect(issuePath(result.error)).toBe(path);
  });
});

describe('leads in a page that cannot be read', () => {
  it('skips them and keeps the others, in order', () => {
    const broken = [{ ...minimalLead, id: undefined }, 'lead_2', null, { ...minimalLead, id: '' }, 42];
    const parsed = leadPageSchema.parse(
      page([fullLead, ...broken, { ...minimalLead, id: 'lead_3', score: 'high' }], { total: 7 }),
    );
    expect(parsed.leads.map((lead) => lead.id)).toEqual(['lead_1', 'lead_3']);
    expect(parsed.leads[0]).toMatchObject({ contact_name: 'Jane Cooper', custom_fields: fullLead.custom_fields });
    expect(parsed.total).toBe(7);
  });

  it('a page of only unreadable leads reads as an empty page, not an error', () => {
    expect(leadPageSchema.parse(page([{ name: 'no id' }])).leads).toEqual([]);
  });

  it('a created lead without an id is still an error: there is nothing to show', () => {
    const result = createdLeadSchema.safeParse({ lead: { ...minimalLead, id: undefined } });
    expect(result.success).toBe(false);
    if (!result.success) expect(issuePath(result.error)).toBe('lead.id');
  });
});

describe('errorEnvelopeSchema', () => {
  it('reads the documented envelope and ignores extra fields', () => {
    const envelope = { error: { type: 'rate_limit_error', code: 429, message: 'Slow down', request_id: 'r1' } };
    expect(errorEnvelopeSchema.parse(envelope).error.message).toBe('Slow down');
  });

  it('rejects a body without the envelope', () => {
    expect(errorEnvelopeSchema.safeParse({ message: 'nope' }).success).toBe(false);
  });
});

describe('newLeadSchema', () => {
  it.each([
    ['a name only', { contact_name: 'Ana Garcia' }],
    ['a phone only', { contact_phone: '+1 415 555 0100' }],
    [
      'an email with optional fields',
      { contact_email: 'a@b.co', source_type: 'manual', stage_slug: 'new', custom_fields: { lead_line: 'buyer' } },
    ],
  ])('accepts %s', (_name, value) => {
    expect(newLeadSchema.safeParse(value).success).toBe(true);
  });

  it.each([
    ['no contact field', { source_type: 'manual' }],
    ['only blank contact fields', { contact_name: '  ', contact_email: '' }],
    // What is sent stays what the API documents for writing.
    ['custom fields holding a list', { contact_name: 'Ana', custom_fields: { tags: ['vip'] } }],
  ])('rejects %s', (_name, value) => {
    expect(newLeadSchema.safeParse(value).success).toBe(false);
  });
});

describe('bulkImportSchema (what a bulk import sends)', () => {
  it('takes rows with a row_ref, an owner and a lead line', () => {
    const request = {
      leads: [{ row_ref: 'r1', contact_email: 'a@b.co', owner_id: 'owner-1', lead_line: 'seller' }],
      on_duplicate: 'skip',
    };
    expect(bulkImportSchema.parse(request)).toEqual(request);
  });

  it.each([
    ['a row without a row_ref', { leads: [{ contact_name: 'Ana' }] }],
    ['a lead line that is neither', { leads: [{ row_ref: 'r1', contact_name: 'Ana', lead_line: 'renter' }] }],
    ['an unknown on_duplicate', { leads: [{ row_ref: 'r1', contact_name: 'Ana' }], on_duplicate: 'merge' }],
  ])('refuses %s', (_name, value) => {
    expect(bulkImportSchema.safeParse(value).success).toBe(false);
  });
});

describe('bulkImportResultSchema (what a bulk import answers)', () => {
  const answer = (row: Record<string, unknown>) => ({
    dry_run: false,
    summary: { total: 1, created: 1, updated: 0, skipped: 0, failed: 0 },
    results: [{ row_ref: 'r1', status: 'created', lead_id: 'lead_1', matched_by: null, errors: null, ...row }],
    unknown_custom_fields: [],
  });

  it('reads ids and reasons sent as numbers as text', () => {
    const read = bulkImportResultSchema.parse(answer({ lead_id: 42, row_ref: 7, status: 'failed', errors: [400] }));
    expect(read.results[0]).toMatchObject({ row_ref: '7', lead_id: '42', errors: ['400'] });
  });

  it('reads missing reasons as none', () => {
    const { errors: _errors, ...row } = answer({}).results[0]!;
    const read = bulkImportResultSchema.parse({ ...answer({}), results: [row] });
    expect(read.results[0]?.errors).toBeNull();
  });

  it.each([
    [
      'a negative count',
      { ...answer({}), summary: { total: -1, created: 0, updated: 0, skipped: 0, failed: 0 } },
      'summary.total',
    ],
    ['results that are not a list', { ...answer({}), results: {} }, 'results'],
    ['a lead id that is an object', answer({ lead_id: { id: 'x' } }), 'results.0.lead_id'],
  ])('refuses %s', (_name, value, field) => {
    const read = bulkImportResultSchema.safeParse(value);
    expect(read.success ? '' : issuePath(read.error)).toBe(field);
  });
});

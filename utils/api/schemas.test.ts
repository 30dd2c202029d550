import { describe, expect, it } from 'vitest';
import {
  issuePath,
  leadPageSchema,
  leadQuerySchema,
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
    ['a numeric id', { ...minimalLead, id: 42 }, 'id'],
    ['no customer_id', { ...minimalLead, customer_id: undefined }, 'customer_id'],
    ['a null status', { ...minimalLead, status: null }, 'status'],
    ['no source_type', { ...minimalLead, source_type: undefined }, 'source_type'],
    ['a numeric created_at', { ...minimalLead, created_at: 1714557600 }, 'created_at'],
    ['no updated_at', { ...minimalLead, updated_at: undefined }, 'updated_at'],
    ['a numeric phone', { ...minimalLead, contact_phone: 4155550134 }, 'contact_phone'],
    ['a score as text', { ...minimalLead, score: 'high' }, 'score'],
    ['a stage without id', { ...minimalLead, current_stage: { slug: 'n', name: 'N', color: null } }, 'current_stage.id'],
    ['an owner as a string', { ...minimalLead, owner: 'Sam' }, 'owner'],
    ['a custom field holding a list', { ...minimalLead, custom_fields: { tags: ['a'] } }, 'custom_fields.tags'],
  ])('rejects %s', (_name, lead, path) => {
    const result = leadSchema.safeParse(lead);
    expect(result.success).toBe(false);
    if (!result.success) expect(issuePath(result.error)).toBe(path);
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
    ['a broken fourth lead', page([minimalLead, minimalLead, minimalLead, { ...minimalLead, id: 7 }]), 'leads.3.id'],
    ['an array instead of an object', [minimalLead], '(root)'],
    ['null', null, '(root)'],
  ])('rejects %s', (_name, value, path) => {
    const result = leadPageSchema.safeParse(value);
    expect(result.success).toBe(false);
    if (!result.success) expect(issuePath(result.error)).toBe(path);
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
    ['an email with optional fields', { contact_email: 'a@b.co', source_type: 'manual', stage_slug: 'new', custom_fields: { lead_line: 'buyer' } }],
  ])('accepts %s', (_name, value) => {
    expect(newLeadSchema.safeParse(value).success).toBe(true);
  });

  it.each([
    ['no contact field', { source_type: 'manual' }],
    ['only blank contact fields', { contact_name: '  ', contact_email: '' }],
  ])('rejects %s', (_name, value) => {
    expect(newLeadSchema.safeParse(value).success).toBe(false);
  });
});

describe('leadQuerySchema', () => {
  it('accepts every documented parameter', () => {
    const query = {
      search: 'garcia',
      status: 'won',
      stageId: '0b0f9e1c-2d3a-4b5c-8d7e-6f5a4b3c2d1e',
      created_since: '2024-01-01T00:00:00Z',
      updated_since: '2024-02-01T00:00:00Z',
      sort_by: 'last_interaction_at',
      sort_dir: 'desc',
      lead_line: 'seller',
      include_custom_fields: true,
      cursor: 'abc',
      limit: 50,
      offset: 10,
    };
    expect(leadQuerySchema.parse(query)).toEqual(query);
  });

  it.each([
    ['an unknown sort field', { sort_by: 'score' }],
    ['an unknown lead line', { lead_line: 'renter' }],
    ['a limit as text', { limit: '20' }],
  ])('rejects %s', (_name, value) => {
    expect(leadQuerySchema.safeParse(value).success).toBe(false);
  });
});

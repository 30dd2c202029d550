import { describe, expect, it } from 'vitest';
import { cardPort, toBackground } from './protocol';

const id = '5b0f7d1e-7a8e-4d38-9f0e-2f1c3a4b5c6d';

describe('messages the background accepts', () => {
  it.each([
    ['prepareLookup', { text: '+1 415 555 0134', source: 'selection' }],
    ['prepareLookup', { text: 'jane@acme.com', source: 'shortcut' }],
    ['getLookup', { lookupId: id }],
    ['closeCard', { lookupId: id }],
    ['searchLeads', { channel: 'popup-1', search: 'garcia', sort_by: 'updated_at', sort_dir: 'desc' }],
    ['testConnection', { baseUrl: 'http://127.0.0.1:8787', customerId: 'x' }],
  ] as const)('accepts a well-formed %s', (type, data) => {
    expect(toBackground[type].data.safeParse(data).success).toBe(true);
  });

  it.each([
    ['prepareLookup', { text: '', source: 'selection' }, 'empty text'],
    ['prepareLookup', { text: 'x'.repeat(201), source: 'selection' }, 'a whole page of text'],
    ['prepareLookup', { text: 'jane@acme.com', source: 'page' }, 'an unknown source'],
    ['prepareLookup', 'jane@acme.com', 'a bare string'],
    ['getLookup', { lookupId: 'jane@acme.com' }, 'a value where the opaque id belongs'],
    ['closeCard', { lookupId: 'x' }, 'something that is not a lookup id'],
    ['searchLeads', { channel: 'c', search: 'a', sort_by: 'name', sort_dir: 'desc' }, 'an undocumented sort'],
    ['searchLeads', { channel: 'c', search: 'a', sort_by: 'updated_at', sort_dir: 'desc', limit: 1000 }, 'limit 1000'],
    ['testConnection', null, 'nothing'],
  ] as Array<[keyof typeof toBackground, unknown, string]>)('rejects %s with %s (%s)', (type, data) => {
    expect(toBackground[type].data.safeParse(data).success).toBe(false);
  });
});

describe('what a card frame may send over its port', () => {
  it('accepts a claim with a key as the background issues them', () => {
    expect(cardPort.claimCard.data.safeParse({ key: 'q2Xh0c5l1yV3ZJm4K8pR6tNw9sFbAeUd' }).success).toBe(true);
  });

  it.each<[unknown, string]>([
    [{ key: 'short' }, 'a key too short to be one'],
    [{ key: '../../lookups' }, 'characters no key has'],
    [{ key: 'x'.repeat(65) }, 'a key too long'],
    [{ lookupId: id }, 'a lookup id instead of a key'],
    ['q2Xh0c5l1yV3ZJm4K8pR6tNw9sFbAeUd', 'a bare string'],
  ])('rejects %j (%s)', (data) => {
    expect(cardPort.claimCard.data.safeParse(data).success).toBe(false);
  });
});

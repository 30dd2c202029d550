import { describe, expect, it } from 'vitest';
import type { Contact } from './contact';
import { matchKind, sortByMatch, type MatchableLead } from './match-kind';

const phone = (value: string): Contact => ({ kind: 'phone', value, display: value });
const email = (value: string): Contact => ({ kind: 'email', value, display: value });

describe('matchKind', () => {
  it.each([
    // selected E.164, number on the lead, kind
    ['+14155550134', '+14155550134', 'phone'],
    ['+14155550134', '(415) 555-0134', 'phone'],
    ['+14155550134', '415.555.0134', 'phone'],
    ['+14155550134', '1-415-555-0134', 'phone'],
    ['+14155550134', '+1 415 555 0134 ext. 204', 'phone'],
    ['+14155550134', '415-555-0134 x12', 'phone'],
    ['+442079460958', '020 7946 0958', 'phone'],
    ['+442079460958', '0044 20 7946 0958', 'phone'],
    ['+442079460958', '+44 (0)20 7946 0958', 'phone'],
    ['+3545551234', '+354 555 1234', 'phone'],
    ['+14155550134', '(415) 555-0135', 'name'],
    ['+14155550134', '555-0134', 'name'],
    ['+3545551234', '555 1234', 'name'],
    ['+14155550134', '', 'name'],
    ['+14155550134', null, 'name'],
  ] as const)('%s against %s is a %s match', (selected, onLead, kind) => {
    expect(matchKind(phone(selected), { contact_phone: onLead, contact_email: 'someone@example.com' })).toBe(kind);
  });

  it.each([
    ['ana.garcia@example.com', 'ana.garcia@example.com', 'email'],
    ['ana.garcia@example.com', 'Ana.Garcia@Example.COM', 'email'],
    ['ana.garcia@example.com', ' ana.garcia@example.com ', 'email'],
    ['ana.garcia@example.com', 'ana.garcia@example.org', 'name'],
    ['ana.garcia@example.com', null, 'name'],
    ['ana.garcia@example.com', undefined, 'name'],
  ] as const)('%s against %s is an %s match', (selected, onLead, kind) => {
    expect(matchKind(email(selected), { contact_email: onLead, contact_phone: '+14155550134' })).toBe(kind);
  });

  it('does not count the other field: a phone lookup is not an email match', () => {
    expect(matchKind(email('4155550134@example.com'), { contact_phone: '4155550134', contact_email: null })).toBe(
      'name',
    );
    expect(matchKind(phone('+14155550134'), { contact_phone: null, contact_email: '4155550134@example.com' })).toBe(
      'name',
    );
  });
});

describe('sortByMatch', () => {
  const leads: Array<MatchableLead & { id: string }> = [
    { id: 'a', contact_phone: '+1 212 555 0199' },
    { id: 'b', contact_phone: '(415) 555-0134' },
    { id: 'c', contact_phone: null },
    { id: 'd', contact_phone: '+14155550134' },
    { id: 'e', contact_phone: '212-555-0100' },
  ];

  it('puts the leads with the selected number first and keeps MEGA order within each group', () => {
    expect(sortByMatch(leads, phone('+14155550134')).map((lead) => lead.id)).toEqual(['b', 'd', 'a', 'c', 'e']);
  });

  it('keeps the order when nothing is selected, and leaves the given list alone', () => {
    expect(sortByMatch(leads, null).map((lead) => lead.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
    sortByMatch(leads, phone('+14155550134'));
    expect(leads.map((lead) => lead.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});

import { describe, expect, it } from 'vitest';
import type { Lead } from '@/utils/api/schemas';
import { parseContact } from '@/utils/contact';
import { accountIdFor, contactKeys, databaseNameFor, leadKeys, type LookupKeys } from './keys';

function lead(contact_phone: string | null, contact_email: string | null = null): Lead {
  return {
    id: 'a1',
    customer_id: 'c1',
    source_platform: 'direct',
    source_type: 'manual',
    status: 'active',
    created_at: '2025-01-01T00:00:00Z',
    updated_at: '2025-01-01T00:00:00Z',
    contact_phone,
    contact_email,
  };
}

describe('leadKeys', () => {
  it.each<[string, string | null, string | null, 'US' | 'GB' | 'FR', LookupKeys]>([
    [
      'an international number',
      '+1 (415) 555-0134',
      null,
      'US',
      { phoneLast10: '4155550134', phoneE164: '+14155550134' },
    ],
    [
      'a national number in the region',
      '020 7946 0958',
      null,
      'GB',
      { phoneLast10: '2079460958', phoneE164: '+442079460958' },
    ],
    ['a national number from elsewhere: no E.164', '01 42 68 53 00', null, 'US', { phoneLast10: '0142685300' }],
    [
      'the same, read in its own region',
      '01 42 68 53 00',
      null,
      'FR',
      { phoneLast10: '0142685300', phoneE164: '+33142685300' },
    ],
    ['a local number without area code', '555-0134', null, 'US', { phoneLast10: '5550134' }],
    ['too few digits to tell numbers apart', '12-34', null, 'US', {}],
    ['an email in capitals', null, ' RChen@Example.com ', 'US', { email: 'rchen@example.com' }],
    ['an email the selection rules would not take', null, 'Odd Name <x@y>', 'US', { email: 'odd name <x@y>' }],
    ['nothing to find it by', null, null, 'US', {}],
  ])('for %s', (_name, phone, email, region, keys) => {
    expect(leadKeys(lead(phone, email), region)).toEqual(keys);
  });

  it('gives a selected contact the keys of the lead it names', () => {
    const jane = leadKeys(lead('+1 (415) 555-0134', 'jane.cooper@acme.com'), 'US');
    const byPhone = contactKeys(parseContact('415.555.0134', 'US')!);
    const byEmail = contactKeys(parseContact('Jane.Cooper@acme.com', 'US')!);
    expect(byPhone).toEqual({ phoneLast10: jane.phoneLast10, phoneE164: jane.phoneE164 });
    expect(byEmail).toEqual({ email: jane.email });
  });
});

describe('account ids', () => {
  it('are stable, differ by customer and by server, and make valid database names', async () => {
    const one = await accountIdFor('https://app.gomega.ai', '3f2b8c1e-5d4a-4e7b-9c6f-1a2b3c4d5e6f');
    expect(await accountIdFor('https://app.gomega.ai/', '3F2B8C1E-5D4A-4E7B-9C6F-1A2B3C4D5E6F')).toBe(one);
    expect(await accountIdFor('https://app.gomega.ai', '8d7e6f5a-4b3c-4d2e-8f1a-9b8c7d6e5f4a')).not.toBe(one);
    expect(await accountIdFor('http://127.0.0.1:8787', '3f2b8c1e-5d4a-4e7b-9c6f-1a2b3c4d5e6f')).not.toBe(one);
    expect(databaseNameFor(one)).toBe(`lead-lens-leads-${one}`);
  });

  it.each(['', 'short', 'has space in it', 'mega_/../../etc', 'x'.repeat(129)])(
    'refuse %j as a database name',
    (id) => {
      expect(() => databaseNameFor(id)).toThrow(TypeError);
    },
  );
});

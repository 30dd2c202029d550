import { describe, expect, it } from 'vitest';
import { leadSchema, type Lead } from '@/utils/api/schemas';
import type { Contact } from '@/utils/contact';
import type { LookupView } from '@/utils/protocol';
import { announcement } from './announcement';

const NOW = Date.parse('2026-01-15T12:00:00Z');
const phone: Contact = { kind: 'phone', value: '+14155550134', display: '+1 415 555 0134' };
const display = { customFieldLabels: {}, me: null };

/** Only what the sentence reads; MEGA's answers parse the same way (leadSchema). */
function lead(changes: Partial<Lead> = {}): Lead {
  return leadSchema.parse({
    id: 'l1',
    contact_name: 'Jane Cooper',
    contact_email: 'jane@example.com',
    current_stage: { slug: 'qualified', name: 'Qualified' },
    owner: { name: 'Alex Kim' },
    last_interaction_at: '2026-01-11T09:00:00Z',
    ...changes,
  });
}

function found(leads: Lead[], total = leads.length): LookupView {
  return { state: 'found', contact: phone, leads, total, hidden: 0, display } as LookupView;
}

describe('the sentence the card announces', () => {
  it('names the lead, its stage, its owner and its last contact', () => {
    expect(announcement(found([lead()]), NOW)).toBe('Jane Cooper, Qualified, owner Alex Kim, last contact 4 days ago');
  });

  it.each([
    ['no owner', { owner: null }, 'Jane Cooper, Qualified, no owner, last contact 4 days ago'],
    ['never contacted', { last_interaction_at: null }, 'Jane Cooper, Qualified, owner Alex Kim, never contacted'],
    ['no stage', { current_stage: null }, 'Jane Cooper, owner Alex Kim, last contact 4 days ago'],
    [
      'a stage known by its slug only',
      { current_stage: { slug: 'follow_up' } },
      'Jane Cooper, Follow up, owner Alex Kim, last contact 4 days ago',
    ],
    [
      'no name, by its email',
      { contact_name: null },
      'jane@example.com, Qualified, owner Alex Kim, last contact 4 days ago',
    ],
    [
      'a name with a right-to-left override',
      { contact_name: 'Jane\u202E Cooper' },
      'Jane Cooper, Qualified, owner Alex Kim, last contact 4 days ago',
    ],
  ] as const)('for a lead with %s', (_case, changes, sentence) => {
    expect(announcement(found([lead(changes as Partial<Lead>)]), NOW)).toBe(sentence);
  });

  it('counts several matches before the first', () => {
    const second = lead({ id: 'l2', contact_name: 'Jordan Lee' });
    expect(announcement(found([lead(), second], 3), NOW)).toBe(
      '3 leads match, Jane Cooper, Qualified, owner Alex Kim, last contact 4 days ago',
    );
  });

  it('says that no lead has the value', () => {
    const none: LookupView = { state: 'none', contact: phone, canCreate: true, stages: [], hidden: 0 };
    expect(announcement(none, NOW)).toBe('No lead for +1 415 555 0134');
  });

  it('gives a failure in a few words', () => {
    const error: LookupView = { state: 'error', contact: phone, failure: { kind: 'network' } };
    expect(announcement(error, NOW)).toBe('MEGA is unreachable');
  });

  it('says nothing while the lookup runs', () => {
    expect(announcement({ state: 'loading' }, NOW)).toBe('');
  });
});

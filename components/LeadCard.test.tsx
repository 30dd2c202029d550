// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { leadSchema, type Lead } from '@/utils/api/schemas';
import type { Contact } from '@/utils/contact';
import { exactDate } from '@/utils/format';
import { LeadCard } from './LeadCard';

const NOW = Date.parse('2026-01-15T12:00:00Z');

function lead(changes: Partial<Lead> = {}): Lead {
  return {
    id: 'l1',
    customer_id: 'customer',
    source_platform: 'direct',
    source_type: 'form',
    status: 'active',
    created_at: '2025-12-01T09:00:00Z',
    updated_at: '2026-01-10T09:00:00Z',
    contact_name: 'Ana Garcia',
    contact_phone: '(415) 555-0134',
    contact_email: 'ana.garcia@example.com',
    score: 62,
    qualified: false,
    current_stage: { id: 's2', slug: 'contacted', name: 'Contacted', color: '#2563eb' },
    owner: { id: 'u-alex', name: 'Alex Kim', role_name: 'Closer' },
    last_interaction_at: '2026-01-14T09:00:00Z',
    interaction_count: 5,
    ...changes,
  };
}

const phone: Contact = { kind: 'phone', value: '+14155550134', display: '+1 415 555 0134' };
const email: Contact = { kind: 'email', value: 'ana.garcia@example.com', display: 'ana.garcia@example.com' };

const hints = () => within(screen.getByRole('list', { name: 'Worth knowing' })).getAllByRole('listitem');

afterEach(() => {
  cleanup();
});

describe('lead card', () => {
  it('shows a lead untouched for more than a week with its hint', () => {
    render(<LeadCard lead={lead({ last_interaction_at: '2026-01-06T09:00:00Z' })} now={NOW} />);
    expect(hints().map((hint) => hint.textContent)).toEqual(['No contact for 9 days']);
  });

  it('shows no hints for a lead that is being worked', () => {
    render(<LeadCard lead={lead()} now={NOW} />);
    expect(screen.queryByRole('list', { name: 'Worth knowing' })).toBeNull();
  });

  it('says a caution in words, before the colour and the icon', () => {
    render(
      <LeadCard
        lead={lead({ qualified: true, owner: null, last_interaction_at: null, interaction_count: 0 })}
        now={NOW}
        me={{ id: 'u-me' }}
      />,
    );
    const [caution, info] = hints();
    expect(caution?.textContent).toBe('Caution: Qualified · no owner');
    expect(caution?.className).toContain('lead-hint--caution');
    expect(info?.textContent).toBe('Never contacted');
    expect(info?.className).toContain('lead-hint--info');
  });

  it("warns when the lead is a colleague's, once the user has said who they are", () => {
    render(<LeadCard lead={lead()} now={NOW} me={{ id: 'u-me', name: 'Sam Lee' }} />);
    expect(hints().map((hint) => hint.textContent)).toEqual(['Caution: Owned by Alex Kim (Closer)']);
    cleanup();
    render(<LeadCard lead={lead()} now={NOW} me={{ id: 'u-alex' }} />);
    expect(screen.queryByRole('list', { name: 'Worth knowing' })).toBeNull();
  });

  it.each([
    [phone, lead(), 'Matched by phone'],
    [email, lead({ contact_email: 'Ana.Garcia@Example.com' }), 'Matched by email'],
    [phone, lead({ contact_phone: '+1 212 555 0199' }), 'Matched by name'],
  ])('says why it matched the selected %o', (contact, shown, words) => {
    render(<LeadCard lead={shown} now={NOW} contact={contact} />);
    expect(screen.getByText(words)).toBeTruthy();
  });

  it('explains a name match, and says nothing about matching without a selection', () => {
    render(<LeadCard lead={lead({ contact_phone: null })} now={NOW} contact={phone} />);
    expect(screen.getByText('Matched by name').getAttribute('title')).toBe(
      "MEGA's search found this lead, but its phone and email differ from what you selected.",
    );
    cleanup();
    render(<LeadCard lead={lead()} now={NOW} />);
    expect(screen.queryByText(/^Matched by/)).toBeNull();
  });

  it('reads the last contact in whole units, with the exact date on hover', () => {
    const last = '2024-06-15T12:00:00Z';
    render(<LeadCard lead={lead({ last_interaction_at: last })} now={NOW} />);
    const time = screen.getByText('1 year ago');
    expect(time.tagName).toBe('TIME');
    expect(time.getAttribute('datetime')).toBe(last);
    expect(time.getAttribute('title')).toBe(exactDate(last));
  });

  it('names and formats custom fields, skips empty ones, and links only https', () => {
    render(
      <LeadCard
        lead={lead({
          custom_fields: {
            budget_max: 450000,
            pre_approved: true,
            listing: 'https://listings.example.com/123',
            old_listing: 'http://listings.example.com/99',
            move_in: null,
            // Real data holds lists where the API documents scalars.
            preferred_areas: ['Mission', 'SoMa'] as unknown as string,
          },
        })}
        now={NOW}
        customFieldLabels={{
          budget_max: { label: 'Budget', type: 'currency', currency: 'USD' },
          listing: { label: 'Listing', type: 'url' },
          old_listing: { label: 'Old listing', type: 'url' },
          move_in: { label: 'Move-in date', type: 'date' },
        }}
      />,
    );
    const custom = screen.getByText('Custom fields (5)').closest('details')!;
    const terms = [...custom.querySelectorAll('dt')].map((term) => term.textContent);
    const values = [...custom.querySelectorAll('dd')].map((value) => value.textContent);
    expect(terms).toEqual(['Budget', 'Listing', 'Old listing', 'Pre approved', 'Preferred areas']);
    expect(values).toEqual([
      // The card formats in the browser's language: here, the test runner's.
      new Intl.NumberFormat(undefined, {
        style: 'currency',
        currency: 'USD',
        trailingZeroDisplay: 'stripIfInteger',
      }).format(450000),
      'https://listings.example.com/123',
      'http://listings.example.com/99',
      'Yes',
      'Mission, SoMa',
    ]);
    const link = within(custom).getByRole('link', { name: 'https://listings.example.com/123' });
    expect(link.getAttribute('href')).toBe('https://listings.example.com/123');
    expect(link.getAttribute('rel')).toContain('noopener');
    expect(within(custom).queryByRole('link', { name: 'http://listings.example.com/99' })).toBeNull();
  });

  it('leaves out the custom fields section when every field is empty', () => {
    render(<LeadCard lead={lead({ custom_fields: { move_in: null, notes: '' } })} now={NOW} />);
    expect(screen.queryByText(/^Custom fields/)).toBeNull();
  });
});

/** The card for a lead as MEGA sent it, read the way the client reads it. */
function cardText(sent: Record<string, unknown>): string {
  const lead = leadSchema.parse({ id: 'lead_1', ...sent });
  const { container } = render(<LeadCard lead={lead} now={NOW} />);
  // The custom fields sit in a closed <details>; their text is in the DOM all the same.
  return container.textContent ?? '';
}

describe('a card for a lead in an odd shape', () => {
  it.each([
    ['only an id', {}, []],
    [
      'an empty stage and an owner with only an id',
      { current_stage: {}, owner: { id: 'u_1' } },
      ['Unnamed stage', 'Owner without a name'],
    ],
    ['a stage with only a slug', { current_stage: { slug: 'proposal_sent' } }, ['Proposal sent']],
    ['a source type but no platform', { source_type: 'phone_call' }, ['Phone call']],
    ['a custom field holding a list', { custom_fields: { tags: ['vip', 'spanish'] } }, ['vip, spanish']],
    [
      'a custom field holding an object',
      { custom_fields: { address: { city: 'Austin', zip: '78701' } } },
      ['City: Austin, Zip: 78701'],
    ],
    [
      'a nested list in a custom field',
      { custom_fields: { visits: [{ at: '2025-05-20', rooms: [2, 3] }] } },
      ['At: 2025-05-20'],
    ],
  ])('shows %s readably', (_name, sent, expected) => {
    const text = cardText(sent);
    for (const part of expected) expect(text).toContain(part);
    expect(text).not.toMatch(/\[object Object\]|undefined|NaN/);
  });
});

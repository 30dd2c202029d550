// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { leadSchema, type Lead } from '@/utils/api/schemas';
import type { Contact } from '@/utils/contact';
import { exactDate } from '@/utils/format';
import { ActionGate } from './ActionGate';
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

describe("the card's acting buttons and links, through the action gate", () => {
  const linked = lead({ custom_fields: { listing: 'https://listings.example.com/123' } });
  const labels = { listing: { label: 'Listing', type: 'url' as const } };

  /**
   * Whether a click (or middle click) on the link would follow it, as the card's own handler left
   * it; the test then holds it back either way, having no network to follow it to.
   */
  function follows(link: HTMLElement, type: 'click' | 'auxclick' = 'click'): boolean {
    let followed = false;
    const hold = (event: Event) => {
      followed = !event.defaultPrevented;
      event.preventDefault();
    };
    document.addEventListener(type, hold, { once: true });
    link.dispatchEvent(new MouseEvent(type, { button: type === 'click' ? 0 : 1, bubbles: true, cancelable: true }));
    return followed;
  }

  function renderGated(ready: boolean, onNotThisPerson: () => void) {
    render(
      <ActionGate.Provider value={{ ready, confirmFirst: false }}>
        <LeadCard
          lead={linked}
          now={NOW}
          customFieldLabels={labels}
          leadUrlTemplate="https://app.gomega.ai/leads/{id}"
          onNotThisPerson={onNotThisPerson}
        />
      </ActionGate.Provider>,
    );
    return {
      notThisPerson: screen.getByRole('button', { name: 'Not this person' }),
      openInMega: screen.getByRole('link', { name: 'Open in MEGA' }),
      customLink: screen.getByRole('link', { name: 'https://listings.example.com/123' }),
    };
  }

  it('does nothing while the card is not yet seen: "Not this person" hides no lead, and no link opens', () => {
    const onNotThisPerson = vi.fn();
    const { notThisPerson, openInMega, customLink } = renderGated(false, onNotThisPerson);
    for (const control of [notThisPerson, openInMega, customLink]) {
      expect(control.getAttribute('aria-disabled'), control.textContent ?? '').toBe('true');
    }
    fireEvent.click(notThisPerson);
    expect(onNotThisPerson).not.toHaveBeenCalled();
    expect(follows(openInMega), 'Open in MEGA followed').toBe(false);
    expect(follows(customLink), 'the custom field link followed').toBe(false);
    expect(follows(openInMega, 'auxclick'), 'Open in MEGA followed by a middle click').toBe(false);
  });

  it('acts once the card is seen', () => {
    const onNotThisPerson = vi.fn();
    const { notThisPerson, openInMega, customLink } = renderGated(true, onNotThisPerson);
    for (const control of [notThisPerson, openInMega, customLink]) {
      expect(control.getAttribute('aria-disabled'), control.textContent ?? '').toBeNull();
    }
    fireEvent.click(notThisPerson);
    expect(onNotThisPerson).toHaveBeenCalledOnce();
    expect(follows(openInMega), 'Open in MEGA followed').toBe(true);
    expect(follows(customLink), 'the custom field link followed').toBe(true);
  });
});

describe('lead data with bidi controls and invisible characters', () => {
  const RLO = '\u202E';
  const ZWSP = '\u200B';

  it('draws each field in its own isolate, so an override in the name cannot reorder the owner and role', () => {
    const { container } = render(
      <LeadCard
        lead={lead({
          contact_name: `Ana ${RLO}Garcia`,
          owner: { id: 'u-alex', name: `Alex${RLO}`, role_name: 'Closer' },
        })}
        now={NOW}
      />,
    );
    const isolates = [...container.querySelectorAll('bdi')].map((bdi) => bdi.textContent);
    expect(isolates).toEqual(expect.arrayContaining(['Ana Garcia', 'Alex', 'Closer']));
    expect(container.textContent, 'a right-to-left override anywhere on the card').not.toContain(RLO);
    expect(screen.getByRole('article').getAttribute('aria-label')).toBe('Ana Garcia');
  });

  it('shows a zero-width character in an email or phone, and keeps the phone apart from the email', () => {
    const { container } = render(
      <LeadCard
        lead={lead({ contact_email: `ana${ZWSP}@example.com`, contact_phone: `${RLO}(415) 555-0134` })}
        now={NOW}
      />,
    );
    const isolates = [...container.querySelectorAll('bdi')].map((bdi) => bdi.textContent);
    expect(isolates).toContain('ana⟨U+200B⟩@example.com');
    expect(isolates).toContain('⟨U+202E⟩(415) 555-0134');
  });

  it('copies the value MEGA holds, hidden characters and all', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    try {
      render(<LeadCard lead={lead({ contact_email: `ana${ZWSP}@example.com` })} now={NOW} />);
      fireEvent.click(screen.getByRole('button', { name: 'Copy email' }));
      await vi.waitFor(() => expect(writeText).toHaveBeenCalledWith(`ana${ZWSP}@example.com`));
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('keeps the joiners that scripts and emoji need in a name', () => {
    const name = 'Mehr\u200Cnaz';
    const { container } = render(<LeadCard lead={lead({ contact_name: name })} now={NOW} />);
    expect(container.querySelector('bdi')?.textContent).toBe(name);
  });
});

// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { Lead } from '@/utils/api/schemas';
import type { Contact } from '@/utils/contact';
import { LeadRows } from './LeadRows';

const NOW = Date.parse('2026-01-15T12:00:00Z');

function lead(id: string, name: string, phone: string | null, changes: Partial<Lead> = {}): Lead {
  return {
    id,
    customer_id: 'customer',
    source_platform: 'direct',
    source_type: 'form',
    status: 'active',
    created_at: '2025-12-01T09:00:00Z',
    updated_at: '2026-01-10T09:00:00Z',
    contact_name: name,
    contact_phone: phone,
    contact_email: `${id}@example.com`,
    owner: { id: 'u-alex', name: 'Alex Kim', role_name: 'Closer' },
    last_interaction_at: '2026-01-14T09:00:00Z',
    interaction_count: 2,
    ...changes,
  };
}

const selected: Contact = { kind: 'phone', value: '+14155550134', display: '+1 415 555 0134' };

/** MEGA's order: a lead found by other text comes before the two that carry the number. */
const LEADS = [
  lead('l1', 'Ana Garcia (4155550134 in notes)', '+1 212 555 0199'),
  lead('l2', 'Luis Ortega', '(415) 555-0134'),
  lead('l3', 'Maria Lopez', '+14155550134'),
];

const list = () => screen.getByRole('list', { name: 'Matching leads' });
const lines = () =>
  within(list())
    .getAllByRole('button')
    .filter((button) => button.classList.contains('lead-row__summary'));

afterEach(() => {
  cleanup();
});

describe('lead rows', () => {
  it('puts the leads with the selected number first and says why each one matched', () => {
    render(<LeadRows leads={LEADS} label="Matching leads" contact={selected} now={NOW} />);
    expect(lines().map((line) => line.querySelector('.lead-row__name')?.textContent)).toEqual([
      'Luis Ortega',
      'Maria Lopez',
      'Ana Garcia (4155550134 in notes)',
    ]);
    expect(lines().map((line) => line.querySelector('.match')?.textContent)).toEqual([
      'Matched by phone',
      'Matched by phone',
      'Matched by name',
    ]);
  });

  it('keeps MEGA order and says nothing about matching without a selection', () => {
    render(<LeadRows leads={LEADS} label="Matching leads" now={NOW} />);
    expect(lines().map((line) => line.querySelector('.lead-row__name')?.textContent)).toEqual([
      'Ana Garcia (4155550134 in notes)',
      'Luis Ortega',
      'Maria Lopez',
    ]);
    expect(screen.queryByText(/^Matched by/)).toBeNull();
  });

  it('opens the first line as shown, and its card carries the selection, the labels and the user', () => {
    const leads = LEADS.map((each) => (each.id === 'l2' ? { ...each, custom_fields: { budget_max: 1200 } } : each));
    render(
      <LeadRows
        leads={leads}
        label="Matching leads"
        contact={selected}
        expandFirst
        now={NOW}
        customFieldLabels={{ budget_max: { label: 'Budget' } }}
        me={{ id: 'u-me' }}
      />,
    );
    const [first] = lines();
    expect(first?.getAttribute('aria-expanded')).toBe('true');
    const card = screen.getByRole('article', { name: 'Luis Ortega' });
    expect(within(card).getByText('Matched by phone')).toBeTruthy();
    expect(within(card).getByText('Budget')).toBeTruthy();
    expect(within(card).getByText('Owned by Alex Kim (Closer)', { exact: false })).toBeTruthy();
  });

  it('opens a line given by id, and others on click', () => {
    render(<LeadRows leads={LEADS} label="Matching leads" contact={selected} initiallyExpanded="l1" now={NOW} />);
    expect(screen.getByRole('article', { name: 'Ana Garcia (4155550134 in notes)' })).toBeTruthy();
    fireEvent.click(lines()[0]!);
    expect(screen.getByRole('article', { name: 'Luis Ortega' })).toBeTruthy();
    expect(screen.queryByRole('article', { name: 'Ana Garcia (4155550134 in notes)' })).toBeNull();
  });
});

describe('lead rows with bidi controls in the data', () => {
  it('keeps each line’s name, phone and email in isolates of their own', () => {
    render(
      <LeadRows
        leads={[lead('l9', 'Ana\u202E Garcia', '+1 415 555 0134', { contact_email: 'ana\u200B@example.com' })]}
        label="Matching leads"
      />,
    );
    const [line] = lines();
    const isolates = [...line!.querySelectorAll('bdi')].map((bdi) => bdi.textContent);
    expect(isolates).toEqual(['Ana Garcia', '+1 415 555 0134', 'ana⟨U+200B⟩@example.com']);
  });
});

import { describe, expect, it } from 'vitest';
import type { Lead } from '@/utils/api/schemas';
import type { Contact } from '@/utils/contact';
import type { PageContact } from '@/utils/page-contacts';
import type { PanelValue } from '@/utils/protocol';
import {
  countsOf,
  filterByStage,
  groupOf,
  mergeRows,
  pageContactsOf,
  rowsAsCsv,
  stagesOf,
  type PanelRow,
} from './rows';

function lead(id: string, name: string, stage: string, owner = 'Alex Kim'): Lead {
  return {
    id,
    customer_id: 'customer-1',
    status: 'active',
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-02T00:00:00Z',
    contact_name: name,
    current_stage: { slug: stage.toLowerCase(), name: stage, color: '#0a0' },
    owner: { id: 'owner-1', name: owner },
  } as Lead;
}

const JANE = lead('lead-jane', 'Jane Cooper', 'Qualified');
const OLIVER = lead('lead-oliver', 'Oliver Grant', 'New');
const janePhone: Contact = { kind: 'phone', value: '+14155550134', display: '+1 415 555 0134' };
const janeEmail: Contact = { kind: 'email', value: 'jane.cooper@acme.com', display: 'jane.cooper@acme.com' };
const mei: Contact = { kind: 'email', value: 'mei@northwind.example', display: 'mei@northwind.example' };
const dario: Contact = { kind: 'phone', value: '+19715550163', display: '+1 971 555 0163' };

const page = (value: string, context = '', near: string[] = []): PageContact => ({ value, context, near });

describe('the page’s values as rows', () => {
  it('takes each frame’s values once, the top frame’s first', () => {
    const frames = new Map([
      [3, [page('(415) 555-0134', 'in the frame'), page('mei@northwind.example')]],
      [0, [page('(415) 555-0134', 'at the top')]],
    ]);
    expect(pageContactsOf(frames)).toEqual([page('(415) 555-0134', 'at the top'), page('mei@northwind.example')]);
  });

  it('makes one row of one number written three ways, in page order, and leaves out what is no contact', () => {
    const contacts = [
      page('(415) 555-0134', 'Jane Cooper, second visit'),
      page('mei@northwind.example', 'Mei Tanaka'),
      page('+1 415 555 0134', 'Jane again'),
      page('415.555.0134'),
      page('12345678'),
    ];
    const values: PanelValue[] = [
      { written: '(415) 555-0134', contact: janePhone, answer: { state: 'known', leads: [JANE], hidden: 0 } },
      { written: 'mei@northwind.example', contact: mei, answer: { state: 'none', hidden: 0 } },
      { written: '+1 415 555 0134', contact: janePhone, answer: { state: 'known', leads: [JANE], hidden: 0 } },
      { written: '415.555.0134', contact: janePhone, answer: { state: 'known', leads: [JANE], hidden: 0 } },
    ];
    const rows = mergeRows(contacts, values);
    expect(rows.map((row) => [row.key, row.written, row.context])).toEqual([
      ['+14155550134', '(415) 555-0134', 'Jane Cooper, second visit'],
      ['mei@northwind.example', 'mei@northwind.example', 'Mei Tanaka'],
    ]);
  });

  it('reads the values beside each one on the page (one person’s phone beside their email), each once', () => {
    const contacts = [
      page('Jane.Cooper@acme.com', 'Jane Cooper', ['(415) 555-0134', 'not a contact']),
      page('jane.cooper@acme.com', 'Jane in the footer', ['+1 415 555 0134']),
      page('(415) 555-0134', 'Jane Cooper', ['Jane.Cooper@acme.com']),
    ];
    const none = { state: 'none', hidden: 0 } as const;
    const values: PanelValue[] = [
      { written: 'Jane.Cooper@acme.com', contact: janeEmail, answer: none },
      { written: 'jane.cooper@acme.com', contact: janeEmail, answer: none },
      { written: '(415) 555-0134', contact: janePhone, answer: none },
      { written: '+1 415 555 0134', contact: janePhone, answer: none },
    ];
    const [email] = mergeRows(contacts, values);
    expect(email?.near).toEqual([janePhone]);
  });

  it('shows what MEGA said of a value the copy could not answer', () => {
    const values: PanelValue[] = [{ written: '(971) 555-0163', contact: dario, answer: { state: 'unchecked' } }];
    const learned = new Map([[dario.value, { state: 'none', hidden: 0 } as const]]);
    const [row] = mergeRows([page('(971) 555-0163')], values, learned);
    expect(row && groupOf(row)).toBe('unknown');
  });
});

function row(contact: Contact, answer: PanelRow['answer']): PanelRow {
  return { key: contact.value, written: contact.display, contact, context: '', near: [], answer };
}

describe('groups, the stage filter and the counts', () => {
  const rows = [
    row(janePhone, { state: 'known', leads: [JANE], hidden: 0 }),
    row(janeEmail, { state: 'known', leads: [OLIVER], hidden: 1 }),
    row(mei, { state: 'none', hidden: 0 }),
    row(dario, { state: 'none', hidden: 1 }),
    row({ kind: 'email', value: 'x@y.example', display: 'x@y.example' }, { state: 'unchecked' }),
  ];

  it.each([
    [0, 'known'],
    [1, 'known'],
    [2, 'unknown'],
    [3, 'hidden'],
    [4, 'unchecked'],
  ] as const)('row %i is %s', (index, group) => {
    expect(groupOf(rows[index]!)).toBe(group);
  });

  it('counts each group', () => {
    expect(countsOf(rows)).toEqual({ known: 2, unknown: 1, unchecked: 1, hidden: 1 });
  });

  it('offers the known rows’ stages, and filters to one of them', () => {
    expect(stagesOf(rows)).toEqual([
      { id: 'new', name: 'New' },
      { id: 'qualified', name: 'Qualified' },
    ]);
    expect(filterByStage(rows, 'qualified').map((shown) => shown.key)).toEqual(['+14155550134']);
    expect(filterByStage(rows, null)).toHaveLength(rows.length);
  });
});

describe('Copy as CSV', () => {
  it('writes the rows shown, quoting what needs it, and a formula as text', () => {
    const rows = [
      { ...row(janePhone, { state: 'known', leads: [JANE], hidden: 0 }), context: 'Jane, "second" visit' },
      { ...row(mei, { state: 'none', hidden: 0 }), context: '=HYPERLINK("x")' },
    ];
    expect(rowsAsCsv(rows, ['Value', 'Kind', 'Group', 'Name', 'Stage', 'Owner', 'On the page']).split('\r\n')).toEqual([
      'Value,Kind,Group,Name,Stage,Owner,On the page',
      '+14155550134,phone,known,Jane Cooper,Qualified,Alex Kim,"Jane, ""second"" visit"',
      `mei@northwind.example,email,unknown,,,,"'=HYPERLINK(""x"")"`,
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { IdempotencyKeys } from '@/utils/add-lead';
import type { BulkImportResult, Lead } from '@/utils/api/schemas';
import type { Contact } from '@/utils/contact';
import { bulkRowsOf, outcomesOf } from './bulk-add';
import type { PanelRow } from './rows';

const amelieEmail: Contact = { kind: 'email', value: 'amelie@dubois.example', display: 'amelie@dubois.example' };
const ameliePhone: Contact = { kind: 'phone', value: '+33142685300', display: '+33 1 42 68 53 00' };
const dario: Contact = { kind: 'phone', value: '+19715550163', display: '+1 971 555 0163' };

const row = (contact: Contact, near: Contact[] = []): PanelRow => ({
  key: contact.value,
  written: contact.display,
  contact,
  context: '',
  near,
  answer: { state: 'none', hidden: 0 },
});

describe('the rows of the import', () => {
  it('sends each value with the other kind beside it on the page, its name, and the stage for all', () => {
    const rows = bulkRowsOf({
      rows: [
        { row: row(amelieEmail, [ameliePhone]), name: '  Amélie Dubois ' },
        { row: row(dario), name: '' },
      ],
      stage: 'qualified',
    });
    expect(rows).toEqual([
      {
        row_ref: 'row-1',
        contact_name: 'Amélie Dubois',
        contact_phone: '+33142685300',
        contact_email: 'amelie@dubois.example',
        stage_slug: 'qualified',
      },
      { row_ref: 'row-2', contact_phone: '+19715550163', stage_slug: 'qualified' },
    ]);
  });
});

describe('the preview and the outcome, row by row', () => {
  const AMELIE = { id: 'lead-amelie', contact_name: 'Amélie Dubois' } as Lead;
  const result: BulkImportResult = {
    dry_run: true,
    summary: { total: 4, created: 1, updated: 2, skipped: 0, failed: 1 },
    unknown_custom_fields: [],
    results: [
      { row_ref: 'row-1', status: 'updated', lead_id: 'lead-amelie', matched_by: 'phone', errors: null },
      { row_ref: 'row-2', status: 'created', lead_id: null, matched_by: null, errors: null },
      { row_ref: 'row-3', status: 'updated', lead_id: 'lead-unseen', matched_by: 'email', errors: null },
      { row_ref: 'row-4', status: 'failed', lead_id: null, matched_by: null, errors: ['stage_slug: unknown'] },
    ] as BulkImportResult['results'],
  };

  it('names the lead a row merges into and how it matched, and keeps MEGA’s reasons for a refused row', () => {
    expect(Object.fromEntries(outcomesOf(result, [AMELIE]))).toEqual({
      'row-1': { kind: 'merge', leadName: 'Amélie Dubois', by: 'phone' },
      'row-2': { kind: 'new' },
      'row-3': { kind: 'merge', leadName: null, by: 'email' },
      'row-4': { kind: 'failed', errors: ['stage_slug: unknown'] },
    });
  });
});

describe('the key of an import', () => {
  const rows = bulkRowsOf({ rows: [{ row: row(dario), name: 'Dario' }], stage: '' });
  let made = 0;
  const keys = () => new IdempotencyKeys(() => `key-${++made}`);

  it('is the same when the same rows are sent again (a retry), and new once they change', () => {
    const action = keys();
    const first = action.keyFor({ rows });
    expect(action.keyFor({ rows: structuredClone(rows) })).toBe(first);
    const renamed = bulkRowsOf({ rows: [{ row: row(dario), name: 'Dario Ferrante' }], stage: '' });
    expect(action.keyFor({ rows: renamed })).not.toBe(first);
  });

  it('is new after the import succeeded', () => {
    const action = keys();
    const first = action.keyFor({ rows });
    action.succeeded();
    expect(action.keyFor({ rows })).not.toBe(first);
  });
});

/**
 * "Add N to MEGA" from the panel: the ticked rows as the bulk import's rows, the dry run's answer
 * as each row's preview, the import's as each row's outcome, and the key of the user's action.
 *
 * The key belongs to the rows as sent (`IdempotencyKeys`, as for one lead): "Add" again after a
 * failure (a lost answer, a background that stopped mid-request) sends the same rows with the
 * same key, so MEGA creates nobody twice; a change to the rows (a name, the stage) is another
 * action, with a key of its own.
 */
import type { BulkImportResult, BulkRowResult, Lead } from '@/utils/api/schemas';
import type { Contact } from '@/utils/contact';
import type { PanelBulkRow } from '@/utils/protocol';
import type { PanelRow } from './rows';

/** A ticked row as the user may change it before adding: its name, and the stage for all. */
export interface AddDraft {
  rows: ReadonlyArray<{ row: PanelRow; name: string }>;
  stage: string;
}

/** The rows of the import: each value with the other kind of value beside it on the page. */
export function bulkRowsOf(draft: AddDraft): PanelBulkRow[] {
  return draft.rows.map(({ row, name }, index) => {
    const other = (kind: Contact['kind']) =>
      row.contact.kind === kind ? row.contact : row.near.find((near) => near.kind === kind);
    const phone = other('phone');
    const email = other('email');
    return {
      row_ref: `row-${index + 1}`,
      ...(name.trim() && { contact_name: name.trim() }),
      ...(phone && { contact_phone: phone.value }),
      ...(email && { contact_email: email.value }),
      ...(draft.stage && { stage_slug: draft.stage }),
    };
  });
}

/** What one row became (or, in a dry run, would become), in the panel's words' terms. */
export type RowOutcome =
  | { kind: 'new' }
  | { kind: 'merge'; leadName: string | null; by: 'email' | 'phone' | null }
  | { kind: 'skipped' }
  | { kind: 'failed'; errors: string[] };

/** Each row's outcome, by row_ref; `leads`: the leads the panel knows, to name a merge's lead. */
export function outcomesOf(result: BulkImportResult, leads: readonly Lead[]): Map<string, RowOutcome> {
  const names = new Map(leads.map((lead) => [lead.id, lead.contact_name ?? null]));
  const outcome = (row: BulkRowResult): RowOutcome => {
    switch (row.status) {
      case 'created':
        return { kind: 'new' };
      case 'updated':
        return { kind: 'merge', leadName: (row.lead_id && names.get(row.lead_id)) || null, by: row.matched_by };
      case 'skipped':
        return { kind: 'skipped' };
      default:
        return { kind: 'failed', errors: row.errors ?? [] };
    }
  };
  return new Map(result.results.flatMap((row) => (row.row_ref === null ? [] : [[row.row_ref, outcome(row)]])));
}

/**
 * The panel's rows: the page's values, as each frame sent them, merged into one row per person's
 * value (one number written three ways is one row), each with who it is. Pure, so the panel's
 * rules are table-tested: how values merge, which group a row is in, the stage filter, the
 * counts, and the CSV the rows copy as.
 */
import type { Lead } from '@/utils/api/schemas';
import type { Contact } from '@/utils/contact';
import type { PageContact } from '@/utils/page-contacts';
import type { PanelAnswer, PanelValue } from '@/utils/protocol';

export interface PanelRow {
  /** The value read with the user's region: E.164, or a lower-cased email. */
  key: string;
  /** As the page first writes it. */
  written: string;
  contact: Contact;
  /** A few words of the page around it. */
  context: string;
  /** The other values of its row on the page, read: one person's phone beside their email. */
  near: Contact[];
  answer: PanelAnswer;
}

export type RowGroup = 'known' | 'unknown' | 'unchecked' | 'hidden';
export const GROUPS: readonly RowGroup[] = ['known', 'unknown', 'unchecked', 'hidden'];

/** Every frame's contacts, in page order (top frame first), each spelling once. */
export function pageContactsOf(frames: ReadonlyMap<number, readonly PageContact[]>): PageContact[] {
  const seen = new Map<string, PageContact>();
  for (const frameId of [...frames.keys()].sort((a, b) => a - b)) {
    for (const contact of frames.get(frameId) ?? []) if (!seen.has(contact.value)) seen.set(contact.value, contact);
  }
  return [...seen.values()];
}

/**
 * One row per value as the background read it, in the order the page first shows it; spellings
 * it could not read as a phone number or an email are left out. An answer the panel learned
 * since (from MEGA, or an import) wins over the copy's `unchecked`.
 */
export function mergeRows(
  contacts: readonly PageContact[],
  values: readonly PanelValue[],
  learned: ReadonlyMap<string, PanelAnswer> = new Map(),
): PanelRow[] {
  const byWritten = new Map(values.map((value) => [value.written, value]));
  const contactOf = new Map<string, Contact>();
  // The background answers one spelling per value; the other spellings map to it by page order.
  for (const value of values) contactOf.set(value.written, value.contact);
  const rows = new Map<string, PanelRow>();
  for (const page of contacts) {
    const value = byWritten.get(page.value);
    if (!value) continue;
    const known = learned.get(value.contact.value);
    const answer = known && value.answer.state === 'unchecked' ? known : value.answer;
    const near = page.near.flatMap((other) => contactOf.get(other) ?? []);
    const row = rows.get(value.contact.value);
    if (row) {
      row.near = [...row.near, ...near.filter((candidate) => !row.near.some((had) => had.value === candidate.value))];
      continue;
    }
    rows.set(value.contact.value, {
      key: value.contact.value,
      written: page.value,
      contact: value.contact,
      context: page.context,
      near,
      answer,
    });
  }
  return [...rows.values()];
}

export function groupOf(row: PanelRow): RowGroup {
  const { answer } = row;
  if (answer.state === 'known') return 'known';
  if (answer.state === 'unchecked') return 'unchecked';
  return answer.hidden > 0 ? 'hidden' : 'unknown';
}

/** The lead a known row shows first. */
export function leadOf(row: PanelRow): Lead | null {
  return row.answer.state === 'known' ? (row.answer.leads[0] ?? null) : null;
}

/** The stages the known rows are in, by slug (or name), for the filter. */
export function stagesOf(rows: readonly PanelRow[]): Array<{ id: string; name: string }> {
  const stages = new Map<string, string>();
  for (const row of rows) {
    const stage = leadOf(row)?.current_stage;
    const id = stage?.slug ?? stage?.name;
    if (id) stages.set(id, stage?.name ?? id);
  }
  return [...stages].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
}

/** The rows shown under a stage filter: known rows of that stage only; every row without one. */
export function filterByStage(rows: readonly PanelRow[], stage: string | null): PanelRow[] {
  if (stage === null) return [...rows];
  return rows.filter((row) => {
    const current = leadOf(row)?.current_stage;
    return (current?.slug ?? current?.name) === stage;
  });
}

export function countsOf(rows: readonly PanelRow[]): Record<RowGroup, number> {
  const counts: Record<RowGroup, number> = { known: 0, unknown: 0, unchecked: 0, hidden: 0 };
  for (const row of rows) counts[groupOf(row)] += 1;
  return counts;
}

/** A field as CSV writes it: quoted when it holds a comma, a quote or a line break. */
function csvField(text: string): string {
  // A leading =, +, - or @ makes a spreadsheet read a formula: written as text instead.
  const safe = /^[=+\-@]/.test(text) && !/^\+\d/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** "Copy as CSV": the rows shown, a line each, with a header line. */
export function rowsAsCsv(rows: readonly PanelRow[], header: readonly string[]): string {
  const lines = rows.map((row) => {
    const lead = leadOf(row);
    return [
      row.contact.value,
      row.contact.kind,
      groupOf(row),
      lead?.contact_name ?? '',
      lead?.current_stage?.name ?? '',
      lead?.owner?.name ?? '',
      row.context,
    ];
  });
  return [header, ...lines].map((fields) => fields.map(csvField).join(',')).join('\r\n');
}

// POST /api/agents/crm/leads/bulk: up to 500 rows, each created or merged as a single create is
// (docs/api-contract.md, "POST /api/agents/crm/leads/bulk"). What is wrong with the request as a
// whole is a 400; what is wrong with one row fails that row alone and the others go on. A dry run
// plays the same rows against a copy of the customer's leads, so its answer is what the real
// import would say, and writes nothing.
import {
  createOrMergeLead,
  findExisting,
  validateCreateBody,
  type CreateLeadInput,
  type MatchedBy,
} from './create-lead.ts';
import type { Lead, Owner, Stage } from './types.ts';

export const MAX_BULK_ROWS = 500;

export type OnDuplicate = 'update' | 'skip';

export interface BulkRequest {
  rows: Array<Record<string, unknown>>;
  onDuplicate: OnDuplicate;
  dryRun: boolean;
}

export type RowStatus = 'created' | 'updated' | 'skipped' | 'failed';

export interface RowResult {
  row_ref: string | null;
  status: RowStatus;
  lead_id: string | null;
  matched_by: MatchedBy | null;
  errors: string[] | null;
  ignored_custom_fields?: string[];
}

export interface BulkAnswer {
  dry_run: boolean;
  summary: { total: number } & Record<RowStatus, number>;
  results: RowResult[];
  unknown_custom_fields: string[];
}

/** What the import needs to know of the customer it runs for. */
export interface BulkCustomer {
  id: string;
  stages: readonly Stage[];
  team: readonly Owner[];
  customFieldSlugs: ReadonlySet<string>;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The request's frame: a 400 names the first thing wrong with it. */
export function parseBulkBody(value: unknown): { ok: true; request: BulkRequest } | { ok: false; message: string } {
  if (!isObject(value)) return { ok: false, message: 'The request body must be a JSON object.' };
  const { leads, on_duplicate: onDuplicate = 'update', dry_run: dryRun = false } = value;
  if (!Array.isArray(leads) || leads.length === 0 || leads.length > MAX_BULK_ROWS) {
    return { ok: false, message: `leads must be an array of 1 to ${MAX_BULK_ROWS} rows.` };
  }
  const badRow = leads.findIndex((row) => !isObject(row));
  if (badRow !== -1) return { ok: false, message: `leads[${badRow}] must be an object.` };
  const rows = leads as Array<Record<string, unknown>>;
  const badRef = rows.findIndex(
    ({ row_ref: ref }) =>
      ref !== undefined && ref !== null && (typeof ref !== 'string' || ref.length === 0 || ref.length > 255),
  );
  if (badRef !== -1) return { ok: false, message: `leads[${badRef}].row_ref must be a string of 1 to 255 characters.` };
  if (onDuplicate !== 'update' && onDuplicate !== 'skip') {
    return { ok: false, message: 'on_duplicate must be "update" or "skip".' };
  }
  if (typeof dryRun !== 'boolean') return { ok: false, message: 'dry_run must be true or false.' };
  return { ok: true, request: { rows, onDuplicate, dryRun } };
}

type CheckedRow =
  { ok: true; input: CreateLeadInput; ignored: string[] } | { ok: false; errors: string[]; ignored: string[] };

/** One row read as a single create would read it, plus the fields only a bulk row has. */
function checkRow(row: Record<string, unknown>, customer: BulkCustomer): CheckedRow {
  // What is left (the contact fields, stage and source) is read by the single create's rules.
  const { owner_id: ownerId, lead_line: leadLine, custom_fields: fields, ...contact } = row;
  const errors: string[] = [];
  let known: unknown = fields;
  const ignored: string[] = [];
  if (isObject(fields)) {
    known = Object.fromEntries(Object.entries(fields).filter(([slug]) => customer.customFieldSlugs.has(slug)));
    ignored.push(...Object.keys(fields).filter((slug) => !customer.customFieldSlugs.has(slug)));
  }
  const valid = validateCreateBody({ ...contact, custom_fields: known }, customer.stages);
  if (!valid.ok) errors.push(valid.message);
  if (leadLine !== undefined && leadLine !== null && leadLine !== 'buyer' && leadLine !== 'seller') {
    errors.push('lead_line must be "buyer" or "seller"');
  }
  let owner: Owner | null = null;
  if (ownerId !== undefined && ownerId !== null) {
    owner = customer.team.find((member) => member.id === ownerId) ?? null;
    if (!owner)
      errors.push(`owner_id ${JSON.stringify(String(ownerId).slice(0, 64))} is not one of this customer's team`);
  }
  if (!valid.ok || errors.length > 0) return { ok: false, errors, ignored };
  const input: CreateLeadInput = { ...valid.input, owner, source_type: valid.input.source_type ?? 'import' };
  if (leadLine === 'buyer' || leadLine === 'seller')
    input.custom_fields = { ...input.custom_fields, lead_line: leadLine };
  return { ok: true, input, ignored };
}

/**
 * Runs the import for one customer. `leads` is the live data: written to unless this is a dry
 * run, which works on copies of the customer's leads instead (a row may merge into a lead an
 * earlier row of the same request would create).
 */
export function runBulkImport(
  leads: Lead[],
  customer: BulkCustomer,
  request: BulkRequest,
  nowIso: string,
  newId: () => string,
): BulkAnswer {
  const working = request.dryRun
    ? leads.filter((lead) => lead.customer_id === customer.id).map((lead) => ({ ...lead }))
    : leads;
  // Leads a dry run only plans to create: they have no id yet.
  const planned = new Set<Lead>();
  const idOf = (lead: Lead): string | null => (planned.has(lead) ? null : lead.id);

  const outcomeOf = (checked: CheckedRow): Omit<RowResult, 'row_ref'> => {
    if (!checked.ok) return { status: 'failed', lead_id: null, matched_by: null, errors: checked.errors };
    if (request.onDuplicate === 'skip') {
      const match = findExisting(working, customer.id, checked.input);
      if (match) return { status: 'skipped', lead_id: idOf(match.lead), matched_by: match.matchedBy, errors: null };
    }
    const { lead, matchedBy } = createOrMergeLead(working, customer.id, checked.input, nowIso, newId);
    if (matchedBy === null && request.dryRun) planned.add(lead);
    return {
      status: matchedBy === null ? 'created' : 'updated',
      lead_id: idOf(lead),
      matched_by: matchedBy,
      errors: null,
    };
  };

  const summary = { total: request.rows.length, created: 0, updated: 0, skipped: 0, failed: 0 };
  const unknown = new Set<string>();
  const results = request.rows.map((row): RowResult => {
    const checked = checkRow(row, customer);
    for (const slug of checked.ignored) unknown.add(slug);
    const outcome = outcomeOf(checked);
    summary[outcome.status]++;
    return {
      row_ref: typeof row.row_ref === 'string' ? row.row_ref : null,
      ...outcome,
      ...(checked.ignored.length > 0 ? { ignored_custom_fields: checked.ignored } : {}),
    };
  });
  return { dry_run: request.dryRun, summary, results, unknown_custom_fields: [...unknown].sort() };
}

// GET /api/agents/crm/leads as pure functions: validate the query, filter, sort, page. Kept free
// of HTTP so each rule of the contract (docs/api-contract.md, "GET /api/agents/crm/leads" and
// "The local server") can be read and tested in one place, which is why it is one file of some
// 300 lines.
import { digitsOf, isPhoneLike, phoneMatchesQuery } from './phone-digits.ts';
import type { Lead, SortBy, SortDir } from './types.ts';

export const SORT_FIELDS: readonly SortBy[] = ['created_at', 'updated_at', 'last_interaction_at'];
export const SORT_DIRECTIONS: readonly SortDir[] = ['asc', 'desc'];
export const MAX_SEARCH_LENGTH = 256;
export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;

/** Position of the last lead of a page, in the order it was served. */
export interface CursorKey {
  sortBy: SortBy;
  sortDir: SortDir;
  lastValue: string | null;
  lastId: string;
}

export interface LeadsQuery {
  search: string | null;
  status: string | null;
  stageId: string | null;
  createdSince: number | null;
  updatedSince: number | null;
  sortBy: SortBy;
  sortDir: SortDir;
  leadLine: 'buyer' | 'seller' | null;
  includeCustomFields: boolean;
  limit: number;
  offset: number;
  cursor: CursorKey | null;
}

export type ParsedQuery = { ok: true; query: LeadsQuery } | { ok: false; message: string };

/** Lead as sent over the wire: custom_fields only when asked for. */
export type PublicLead = Omit<Lead, 'custom_fields'> & { custom_fields?: Lead['custom_fields'] };

export interface LeadsPage {
  leads: PublicLead[];
  total: number;
  limit: number;
  offset: number;
  next_cursor: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const KNOWN_PARAMS = [
  'search',
  'status',
  'stageId',
  'created_since',
  'updated_since',
  'sort_by',
  'sort_dir',
  'lead_line',
  'include_custom_fields',
  'cursor',
  'limit',
  'offset',
] as const;

class QueryError extends Error {}

function fail(message: string): never {
  throw new QueryError(message);
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  fail(`${name} must be one of ${allowed.join(', ')}`);
}

function integer(name: string, value: string, min: number, max: number): number {
  // Digits only: "1e309", "1.5", "-1", "0x10" and " 5" are all rejected rather than coerced.
  if (!/^\d{1,15}$/.test(value)) fail(`${name} must be an integer between ${min} and ${max}`);
  const n = Number(value);
  if (n < min || n > max) fail(`${name} must be an integer between ${min} and ${max}`);
  return n;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** ISO-8601 / RFC 3339 date-time with a time zone; returns epoch ms. */
export function parseDateTime(name: string, value: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):?(\d{2}))$/i.exec(
    value,
  );
  if (!m) {
    const hint = / \d{2}:?\d{2}$/.test(value) ? " (a '+' in a query string must be sent as %2B)" : '';
    fail(`${name} must be an ISO-8601 date-time with a time zone, e.g. 2024-05-01T00:00:00Z${hint}`);
  }
  const [, y, mo, d, h, mi, s = '00', frac = '', zone = 'Z', sign, zh = '00', zm = '00'] = m;
  const month = Number(mo);
  const leap = Number(y) % 4 === 0 && (Number(y) % 100 !== 0 || Number(y) % 400 === 0);
  const maxDay = month === 2 && !leap ? 28 : (DAYS_IN_MONTH[month - 1] ?? 0);
  const inRange =
    month >= 1 &&
    month <= 12 &&
    Number(d) >= 1 &&
    Number(d) <= maxDay &&
    Number(h) <= 23 &&
    Number(mi) <= 59 &&
    Number(s) <= 59 &&
    Number(zh) <= 23 &&
    Number(zm) <= 59;
  if (!inRange) fail(`${name} is not a valid date-time`);
  const offset = zone.toUpperCase() === 'Z' ? 'Z' : `${sign}${zh}:${zm}`;
  const ms = (frac + '000').slice(0, 3);
  const epoch = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}${offset}`);
  if (Number.isNaN(epoch)) fail(`${name} is not a valid date-time`);
  return epoch;
}

export function encodeCursor(key: CursorKey): string {
  const json = JSON.stringify({
    sort_by: key.sortBy,
    sort_dir: key.sortDir,
    last_value: key.lastValue,
    last_id: key.lastId,
  });
  return Buffer.from(json, 'utf8').toString('base64url');
}

/** The cursor's content, or null when it is not one this server issued. */
export function decodeCursor(text: string): CursorKey | null {
  if (!/^[A-Za-z0-9_-]{1,1024}$/.test(text)) return null;
  let data: unknown;
  try {
    data = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (typeof data !== 'object' || data === null) return null;
  const { sort_by, sort_dir, last_value, last_id } = data as Record<string, unknown>;
  if (typeof sort_by !== 'string' || !(SORT_FIELDS as readonly string[]).includes(sort_by)) return null;
  if (typeof sort_dir !== 'string' || !(SORT_DIRECTIONS as readonly string[]).includes(sort_dir)) return null;
  if (typeof last_id !== 'string' || last_id.length === 0 || last_id.length > 64) return null;
  if (last_value === null) {
    if (sort_by !== 'last_interaction_at') return null; // only that field can be null
  } else if (typeof last_value !== 'string' || Number.isNaN(Date.parse(last_value))) {
    return null;
  }
  return { sortBy: sort_by as SortBy, sortDir: sort_dir as SortDir, lastValue: last_value, lastId: last_id };
}

/** Validates every documented parameter; unknown parameters are ignored, as APIs usually do. */
export function parseLeadsQuery(params: URLSearchParams): ParsedQuery {
  try {
    for (const name of KNOWN_PARAMS) {
      if (params.getAll(name).length > 1) fail(`${name} must be given at most once`);
    }
    const get = (name: (typeof KNOWN_PARAMS)[number]): string | null => params.get(name);

    const rawSearch = get('search');
    if (rawSearch !== null && rawSearch.length > MAX_SEARCH_LENGTH) {
      fail(`search must be at most ${MAX_SEARCH_LENGTH} characters`);
    }
    const search = rawSearch?.trim() || null;

    const status = get('status');
    if (status === '') fail('status must not be empty');

    const stageId = get('stageId');
    if (stageId !== null && !UUID.test(stageId)) fail('stageId must be a uuid');

    const createdRaw = get('created_since');
    const updatedRaw = get('updated_since');
    const sortByRaw = get('sort_by');
    const sortDirRaw = get('sort_dir');
    const leadLineRaw = get('lead_line');
    const includeRaw = get('include_custom_fields');
    const limitRaw = get('limit');
    const offsetRaw = get('offset');
    const cursorRaw = get('cursor');

    const sortBy = sortByRaw === null ? 'updated_at' : oneOf('sort_by', sortByRaw, SORT_FIELDS);
    const sortDir = sortDirRaw === null ? 'asc' : oneOf('sort_dir', sortDirRaw, SORT_DIRECTIONS);

    let cursor: CursorKey | null = null;
    if (cursorRaw !== null) {
      cursor = decodeCursor(cursorRaw);
      if (cursor === null) fail('cursor is malformed; use the next_cursor value of a previous response');
      if (cursor.sortBy !== sortBy || cursor.sortDir !== sortDir) {
        fail(
          `cursor was issued for sort_by=${cursor.sortBy}&sort_dir=${cursor.sortDir} and cannot be replayed ` +
            `with sort_by=${sortBy}&sort_dir=${sortDir}; start again without a cursor`,
        );
      }
    }

    return {
      ok: true,
      query: {
        search,
        status,
        stageId: stageId?.toLowerCase() ?? null,
        createdSince: createdRaw === null ? null : parseDateTime('created_since', createdRaw),
        updatedSince: updatedRaw === null ? null : parseDateTime('updated_since', updatedRaw),
        sortBy,
        sortDir,
        leadLine: leadLineRaw === null ? null : oneOf('lead_line', leadLineRaw, ['buyer', 'seller'] as const),
        includeCustomFields:
          includeRaw === null
            ? false
            : oneOf('include_custom_fields', includeRaw, ['true', 'false'] as const) === 'true',
        limit: limitRaw === null ? DEFAULT_LIMIT : integer('limit', limitRaw, 1, MAX_LIMIT),
        // With a cursor the offset is ignored, but a malformed one is still a client bug worth a 400.
        offset: offsetRaw === null ? 0 : integer('offset', offsetRaw, 0, Number.MAX_SAFE_INTEGER),
        cursor,
      },
    };
  } catch (error) {
    if (error instanceof QueryError) return { ok: false, message: error.message };
    throw error;
  }
}

function matchesSearch(lead: Lead, search: string): boolean {
  if (isPhoneLike(search)) {
    return lead.contact_phone != null && phoneMatchesQuery(lead.contact_phone, digitsOf(search));
  }
  const needle = search.normalize('NFC').toLowerCase();
  return [lead.contact_name, lead.contact_email, lead.contact_phone].some(
    (field) => field != null && field.normalize('NFC').toLowerCase().includes(needle),
  );
}

export function filterLeads(leads: readonly Lead[], query: LeadsQuery): Lead[] {
  return leads.filter(
    (lead) =>
      (query.search === null || matchesSearch(lead, query.search)) &&
      (query.status === null || lead.status === query.status) &&
      (query.stageId === null || lead.current_stage?.id.toLowerCase() === query.stageId) &&
      (query.createdSince === null || Date.parse(lead.created_at) >= query.createdSince) &&
      (query.updatedSince === null || Date.parse(lead.updated_at) >= query.updatedSince) &&
      (query.leadLine === null || lead.custom_fields.lead_line === query.leadLine),
  );
}

interface SortKey {
  value: number | null;
  id: string;
}

function sortKeyOf(lead: Lead, sortBy: SortBy): SortKey {
  const raw = lead[sortBy];
  return { value: raw == null ? null : Date.parse(raw), id: lead.id };
}

/** Nulls last in both directions; equal values ordered by id so pages never overlap. */
function compareKeys(a: SortKey, b: SortKey, dir: SortDir): number {
  const sign = dir === 'asc' ? 1 : -1;
  if (a.value === null || b.value === null) {
    if (a.value !== b.value) return a.value === null ? 1 : -1;
  } else if (a.value !== b.value) {
    return (a.value < b.value ? -1 : 1) * sign;
  }
  return (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) * sign;
}

interface Keyed {
  lead: Lead;
  key: SortKey;
}

/** Keys computed once per lead, not once per comparison: tens of thousands of leads sort quickly. */
function sortKeyed(leads: readonly Lead[], sortBy: SortBy, sortDir: SortDir): Keyed[] {
  return leads
    .map((lead) => ({ lead, key: sortKeyOf(lead, sortBy) }))
    .sort((a, b) => compareKeys(a.key, b.key, sortDir));
}

export function sortLeads(leads: readonly Lead[], sortBy: SortBy, sortDir: SortDir): Lead[] {
  return sortKeyed(leads, sortBy, sortDir).map(({ lead }) => lead);
}

export function toPublicLead(lead: Lead, includeCustomFields: boolean): PublicLead {
  const { custom_fields, ...rest } = structuredClone(lead);
  return includeCustomFields ? { ...rest, custom_fields } : rest;
}

/** Filters, sorts and pages; `total` counts every match regardless of paging. */
export function runLeadsQuery(leads: readonly Lead[], query: LeadsQuery): LeadsPage {
  const sorted = sortKeyed(filterLeads(leads, query), query.sortBy, query.sortDir);
  let start = query.offset;
  if (query.cursor !== null) {
    const after: SortKey = {
      value: query.cursor.lastValue === null ? null : Date.parse(query.cursor.lastValue),
      id: query.cursor.lastId,
    };
    // Keyset paging: resume strictly after the last lead served, even if leads changed since.
    const index = sorted.findIndex(({ key }) => compareKeys(key, after, query.sortDir) > 0);
    start = index === -1 ? sorted.length : index;
  }
  const page = sorted.slice(start, start + query.limit).map(({ lead }) => lead);
  const last = page[page.length - 1];
  const more = start + page.length < sorted.length;
  return {
    leads: page.map((lead) => toPublicLead(lead, query.includeCustomFields)),
    total: sorted.length,
    limit: query.limit,
    // The position of this page in the full result, also when a cursor chose it.
    offset: start,
    next_cursor:
      more && last
        ? encodeCursor({
            sortBy: query.sortBy,
            sortDir: query.sortDir,
            lastValue: last[query.sortBy] ?? null,
            lastId: last.id,
          })
        : null,
  };
}

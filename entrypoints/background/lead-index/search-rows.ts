/**
 * The popup's search over the on-device copy: a compact row per lead held in memory (the text it
 * is found by, its phone digits, its filters and sort keys), scanned in one pass per keystroke.
 *
 * A scan of 50,000 short strings takes a few milliseconds; what would not is reading 50,000 leads
 * from IndexedDB, so only the page of results is read from there. The matching rules are MEGA's
 * own (as the local server implements the contract), so the copy and the API agree on what a
 * search finds and in which order:
 * - text that looks like a phone number (only digits and + - . ( ) / spaces, at least 6 digits)
 *   matches a lead whose phone digits contain its digits, or end in the same 10 digits;
 * - any other text matches, case-insensitively, part of the name, the email or the phone;
 * - sorting is by the chosen time, with leads that lack it last, and ties broken by id.
 * One file over 300 lines: the rows, their packed form and the scan share one layout, which must
 * change together.
 */
import type { Lead, LeadLine, SortDirection, SortField } from '@/utils/api/schemas';
import { digitsOf } from './keys';

export interface LocalSearchQuery {
  /** What the user typed; empty finds every lead. */
  text?: string;
  status?: string;
  lead_line?: LeadLine;
  /** Default `updated_at`, as the API's. */
  sort_by?: SortField;
  /** Default `asc`, as the API's. */
  sort_dir?: SortDirection;
  /** 1 to 100, default 20. */
  limit?: number;
  /** Leads to skip, for the next page. */
  offset?: number;
}

export interface SearchHits {
  /** The page of matching lead ids, in order. */
  ids: string[];
  /** Every match, as the API's `total`. */
  total: number;
}

/** The rows in a form IndexedDB stores and reads back quickly: a few long strings and arrays. */
export interface PackedSearchRows {
  ids: string;
  text: string;
  digits: string;
  statuses: string;
  lines: string;
  updated: Float64Array;
  created: Float64Array;
  interacted: Float64Array;
  /** The sort orders, so that a restarted worker's first search does not sort 50,000 rows. */
  orders: Record<SortField, Int32Array>;
}

const SORT_FIELDS: readonly SortField[] = ['updated_at', 'created_at', 'last_interaction_at'];
/** Separates the fields of a lead's text so no match spans two, and joins the packed strings. */
const SEPARATOR = '\u0000';
/** Joins the packed texts, each of which holds separators of its own. */
const TEXT_SEPARATOR = '\u0001';
const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;

const clean = (text: string | null | undefined): string =>
  (text ?? '').replaceAll(SEPARATOR, '').replaceAll(TEXT_SEPARATOR, '');
const fold = (text: string): string => text.normalize('NFC').toLowerCase();

function timeOf(value: string | null | undefined): number {
  // NaN stands for "no value": it sorts last, like a null.
  return value == null ? Number.NaN : Date.parse(value);
}

function isPhoneLike(text: string): boolean {
  return /^[\d\s+\-.()/]+$/.test(text) && digitsOf(text).length >= 6;
}

function phoneMatches(leadDigits: string, queryDigits: string): boolean {
  if (leadDigits.length === 0) return false;
  if (leadDigits.includes(queryDigits)) return true;
  return leadDigits.length >= 10 && queryDigits.length >= 10 && leadDigits.slice(-10) === queryDigits.slice(-10);
}

function isPermutation(slots: Int32Array, size: number): boolean {
  if (slots.length !== size) return false;
  const seen = new Uint8Array(size);
  for (const slot of slots) {
    if (slot < 0 || slot >= size || seen[slot]) return false;
    seen[slot] = 1;
  }
  return true;
}

interface SortOrder {
  /** Slots by the time ascending (then id), leads without the time at the end. */
  slots: Int32Array;
  /** How many of them have the time. */
  timed: number;
  /** Slots added or re-timed since: merged in before the next use, instead of sorting again. */
  dirty: Set<number>;
}

/** Past this many changed rows, sorting everything again is as quick as merging them in. */
const MAX_MERGED = 2_000;

export class SearchRows {
  private ids: string[] = [];
  private text: string[] = [];
  private digits: string[] = [];
  private statuses: string[] = [];
  private lines: string[] = [];
  private times: Record<SortField, number[]> = { updated_at: [], created_at: [], last_interaction_at: [] };
  private slots = new Map<string, number>();
  private orders = new Map<SortField, SortOrder>();

  get size(): number {
    return this.ids.length;
  }

  has(id: string): boolean {
    return this.slots.has(id);
  }

  upsert(lead: Lead): void {
    let slot = this.slots.get(lead.id);
    if (slot === undefined) {
      slot = this.ids.length;
      this.slots.set(lead.id, slot);
      this.ids.push(lead.id);
    }
    const name = fold(clean(lead.contact_name));
    const email = fold(clean(lead.contact_email));
    const phone = fold(clean(lead.contact_phone));
    this.text[slot] = `${name}${SEPARATOR}${email}${SEPARATOR}${phone}`;
    this.digits[slot] = lead.contact_phone ? digitsOf(lead.contact_phone) : '';
    this.statuses[slot] = lead.status ?? '';
    const line = lead.custom_fields?.lead_line;
    this.lines[slot] = typeof line === 'string' ? line : '';
    const times: Record<SortField, number> = {
      updated_at: timeOf(lead.updated_at),
      created_at: timeOf(lead.created_at),
      last_interaction_at: timeOf(lead.last_interaction_at),
    };
    for (const field of SORT_FIELDS) {
      const before = this.times[field][slot];
      this.times[field][slot] = times[field];
      // A lead synced again unchanged (the daily full sync) leaves the orders as they are.
      if (before === undefined || !Object.is(before, times[field])) this.orders.get(field)?.dirty.add(slot);
    }
  }

  remove(id: string): void {
    const slot = this.slots.get(id);
    if (slot === undefined) return;
    const last = this.ids.length - 1;
    // The last row moves into the gap, so the arrays stay dense.
    const columns: unknown[][] = [
      this.ids,
      this.text,
      this.digits,
      this.statuses,
      this.lines,
      ...SORT_FIELDS.map((f) => this.times[f]),
    ];
    for (const column of columns) {
      column[slot] = column[last];
      column.length = last;
    }
    this.slots.delete(id);
    if (slot !== last) this.slots.set(this.ids[slot]!, slot);
    this.orders.clear();
  }

  query(query: LocalSearchQuery): SearchHits {
    const limit = Math.min(MAX_LIMIT, Math.max(1, Math.trunc(query.limit ?? DEFAULT_LIMIT)));
    const offset = Math.max(0, Math.trunc(query.offset ?? 0));
    const matches = this.matcher(query);
    const { slots, timed } = this.orderFor(query.sort_by ?? 'updated_at');
    const ids: string[] = [];
    let total = 0;
    const visit = (slot: number): void => {
      if (!matches(slot)) return;
      if (total >= offset && ids.length < limit) ids.push(this.ids[slot]!);
      total++;
    };
    if ((query.sort_dir ?? 'asc') === 'asc') {
      for (let i = 0; i < slots.length; i++) visit(slots[i]!);
    } else {
      // Descending, leads without the time still come last (and their ties by id descending).
      for (let i = timed - 1; i >= 0; i--) visit(slots[i]!);
      for (let i = slots.length - 1; i >= timed; i--) visit(slots[i]!);
    }
    return { ids, total };
  }

  private matcher(query: LocalSearchQuery): (slot: number) => boolean {
    const status = query.status || undefined;
    const line = query.lead_line;
    const text = (query.text ?? '').trim();
    const statuses = this.statuses;
    const lines = this.lines;
    const filtered = (slot: number): boolean =>
      (status === undefined || statuses[slot] === status) && (line === undefined || lines[slot] === line);
    if (text === '') return filtered;
    if (isPhoneLike(text)) {
      const wanted = digitsOf(text);
      const digits = this.digits;
      return (slot) => filtered(slot) && phoneMatches(digits[slot]!, wanted);
    }
    const needle = fold(text);
    if (needle !== clean(needle)) return () => false;
    const haystacks = this.text;
    return (slot) => filtered(slot) && haystacks[slot]!.includes(needle);
  }

  private comparer(field: SortField): (a: number, b: number) => number {
    const values = this.times[field];
    const ids = this.ids;
    return (a, b) => {
      const va = values[a]!;
      const vb = values[b]!;
      const aMissing = Number.isNaN(va);
      const bMissing = Number.isNaN(vb);
      if (aMissing !== bMissing) return aMissing ? 1 : -1;
      if (!aMissing && va !== vb) return va < vb ? -1 : 1;
      const ia = ids[a]!;
      const ib = ids[b]!;
      return ia < ib ? -1 : ia > ib ? 1 : 0;
    };
  }

  private orderFor(field: SortField): SortOrder {
    const cached = this.orders.get(field);
    if (cached && cached.dirty.size === 0) return cached;
    const compare = this.comparer(field);
    let slots: Int32Array;
    if (cached && cached.dirty.size <= MAX_MERGED) {
      // A sync page changes a few rows: merge them into the order instead of sorting 50,000.
      const changed = Int32Array.from(cached.dirty).sort(compare);
      const kept = cached.slots.filter((slot) => !cached.dirty.has(slot));
      slots = new Int32Array(kept.length + changed.length);
      let k = 0;
      let c = 0;
      for (let i = 0; i < slots.length; i++) {
        slots[i] =
          c >= changed.length || (k < kept.length && compare(kept[k]!, changed[c]!) < 0) ? kept[k++]! : changed[c++]!;
      }
    } else {
      slots = new Int32Array(this.ids.length);
      for (let i = 0; i < slots.length; i++) slots[i] = i;
      slots.sort(compare);
    }
    const values = this.times[field];
    let timed = 0;
    while (timed < slots.length && !Number.isNaN(values[slots[timed]!]!)) timed++;
    const order = { slots, timed, dirty: new Set<number>() };
    this.orders.set(field, order);
    return order;
  }

  pack(): PackedSearchRows {
    const orders = {} as Record<SortField, Int32Array>;
    for (const field of SORT_FIELDS) orders[field] = this.orderFor(field).slots;
    return {
      ids: this.ids.join(SEPARATOR),
      text: this.text.join(TEXT_SEPARATOR),
      digits: this.digits.join(SEPARATOR),
      statuses: this.statuses.map(clean).join(SEPARATOR),
      lines: this.lines.map(clean).join(SEPARATOR),
      updated: Float64Array.from(this.times.updated_at),
      created: Float64Array.from(this.times.created_at),
      interacted: Float64Array.from(this.times.last_interaction_at),
      orders,
    };
  }

  /** The rows saved by `pack`, or null when the saved form does not hold together. */
  static unpack(packed: PackedSearchRows): SearchRows | null {
    const size = packed.updated.length;
    const split = (joined: string, separator = SEPARATOR): string[] => (size === 0 ? [] : joined.split(separator));
    const rows = new SearchRows();
    rows.ids = split(packed.ids);
    rows.text = split(packed.text, TEXT_SEPARATOR);
    rows.digits = split(packed.digits);
    rows.statuses = split(packed.statuses);
    rows.lines = split(packed.lines);
    rows.times = {
      updated_at: Array.from(packed.updated),
      created_at: Array.from(packed.created),
      last_interaction_at: Array.from(packed.interacted),
    };
    const columns = [
      rows.ids,
      rows.text,
      rows.digits,
      rows.statuses,
      rows.lines,
      ...SORT_FIELDS.map((f) => rows.times[f]),
    ];
    if (columns.some((column) => column.length !== size)) return null;
    rows.ids.forEach((id, slot) => rows.slots.set(id, slot));
    if (rows.slots.size !== size) return null;
    for (const field of SORT_FIELDS) {
      const slots = packed.orders?.[field];
      // An order that is not a permutation of the rows is ignored, and sorted again when needed.
      if (!slots || !isPermutation(slots, size)) continue;
      const values = rows.times[field];
      let timed = 0;
      while (timed < size && !Number.isNaN(values[slots[timed]!]!)) timed++;
      rows.orders.set(field, { slots, timed, dirty: new Set() });
    }
    return rows;
  }
}

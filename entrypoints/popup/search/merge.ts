/**
 * What the list shows when an answer comes, as pure functions: three sources race to answer one
 * search (MEGA, the copy on this device, the recent list) and any of them may come first, late,
 * or not at all. The rules:
 * - the copy answers at once, so its rows show while MEGA's answer is on its way;
 * - MEGA's answer, when it comes, replaces them, merged with what only the copy found (MEGA's
 *   version of a lead wins; "Load more" goes on from MEGA's cursor);
 * - an answer to a search the box no longer asks for is kept (the box may go back to it) but not
 *   shown over the copy's rows for the newer one;
 * - when MEGA's answer fails, the copy's rows stay and the failure is said quietly.
 */
import type { ApiFailure } from '@/utils/api/errors';
import type { Lead } from '@/utils/api/schemas';
import type { SearchReply } from '@/utils/protocol';
import { sameKey, wantedKey, type SearchKey } from './request';
import type { SearchState } from './state';

/** What MEGA answered (every page so far), or the recent list, for one search. */
export interface Settled {
  key: SearchKey;
  showing: SearchState['showing'];
  leads: Lead[];
  total: number;
  nextCursor: string | null;
}

/** The copy's answer to one search. */
export interface DeviceAnswer {
  key: SearchKey;
  leads: Lead[];
  total: number;
}

/** What the list shows, and the answers it is made from. */
export interface Shown {
  state: SearchState;
  /** The search the shown results (or the one loading) belong to. */
  current?: SearchKey;
  /** The search the rows on screen answer. */
  rowsKey?: SearchKey;
  /**
   * MEGA's answer (every page so far) or the recent list, for the search it answers: shown unless
   * the copy's rows for a newer search are, and shown again when the box goes back to it.
   */
  settled?: Settled;
  /** The copy's answer to the search last asked of it. */
  device?: DeviceAnswer;
  /** The search whose MEGA answer failed while the copy's rows stayed: typed again, it is asked again. */
  megaFailedFor?: SearchKey;
}

/** One answer to one search; `more` is MEGA's next page. */
export type Answer =
  | { from: 'mega' | 'more'; key: SearchKey; reply: SearchReply }
  | { from: 'recent'; key: SearchKey; leads: Lead[] }
  | { from: 'device'; key: SearchKey; leads: Lead[]; total: number };

/** What the popup shows when the background could not be asked or gave no usable answer. */
export function unanswered(): ApiFailure {
  return { kind: 'unknown', reason: 'search-unanswered' };
}

/** What the list shows once `answer` came. */
export function merge(shown: Shown, answer: Answer): Shown {
  switch (answer.from) {
    case 'mega':
      return megaAnswered(shown, answer.key, answer.reply);
    case 'more':
      return nextPageAnswered(shown, answer.key, answer.reply);
    case 'recent': {
      const leads = uniqueLeads([], answer.leads);
      return showSettled(shown, { key: answer.key, showing: 'recent', leads, total: leads.length, nextCursor: null });
    }
    case 'device':
      return deviceAnswered({ ...shown, device: { key: answer.key, leads: answer.leads, total: answer.total } });
  }
}

function isWanted(shown: Shown, key: SearchKey | undefined): boolean {
  return key !== undefined && sameKey(key, wantedKey(shown.state));
}

/** Whether the rows on screen answer what the box and the filters say now. */
export function rowsAreWanted(shown: Shown): boolean {
  return isWanted(shown, shown.rowsKey);
}

/** Whether the search shown or loading is the one wanted, and nothing about it failed. */
export function currentIsWanted(shown: Shown): boolean {
  return isWanted(shown, shown.current) && shown.state.phase !== 'failed' && !isWanted(shown, shown.megaFailedFor);
}

function withState(shown: Shown, change: Partial<SearchState>): Shown {
  return { ...shown, state: { ...shown.state, ...change } };
}

/** The copy's rows no longer answer what the box says: they are old rows now, like MEGA's. */
export function deviceRowsAreOld(shown: Shown): Shown {
  if (!shown.state.fromDevice || rowsAreWanted(shown)) return shown;
  return withState(shown, { fromDevice: false, megaFailure: null });
}

/**
 * The box (or a filter) went back to the search shown or loading, before the pause ended: what
 * MEGA answered for it shows again at once, when the copy's rows for another one replaced it.
 */
export function backToCurrent(shown: Shown): Shown {
  const { settled } = shown;
  if (!rowsAreWanted(shown) && settled && sameKey(settled.key, wantedKey(shown.state)))
    return showSettled(shown, settled);
  return deviceRowsAreOld(shown);
}

/** A reply to the newest request that says "cancelled": nothing newer replaced it, so say so. */
function failureOf(reply: Exclude<SearchReply, { ok: true }>): ApiFailure {
  return reply.cancelled ? unanswered() : reply.failure;
}

/** Shows MEGA's answer (or the recent list), with what only the copy found for the same search. */
function showSettled(shown: Shown, answer: Settled): Shown {
  const copy = shown.device;
  const extra = answer.showing === 'results' && copy && sameKey(copy.key, answer.key) ? copy.leads : [];
  return {
    ...withState(shown, {
      phase: 'ready',
      showing: answer.showing,
      resultsQuery: answer.key.search,
      leads: uniqueLeads(answer.leads, extra),
      total: answer.total,
      nextCursor: answer.nextCursor,
      loadingMore: false,
      failure: null,
      failedDuring: null,
      fromDevice: false,
      megaFailure: null,
    }),
    settled: answer,
    rowsKey: answer.key,
  };
}

function megaAnswered(shown: Shown, key: SearchKey, reply: SearchReply): Shown {
  const { state } = shown;
  // The copy's rows for a newer search stay until MEGA answers that one.
  const supplanted = state.fromDevice && !isWanted(shown, key);
  if (reply.ok) {
    const { leads, total, next_cursor: nextCursor } = reply.page;
    const settled: Settled = { key, showing: 'results', leads: uniqueLeads([], leads), total, nextCursor };
    return supplanted ? { ...shown, settled } : showSettled(shown, settled);
  }
  if (supplanted) return shown;
  const failure = failureOf(reply);
  if (state.fromDevice && state.leads.length > 0) {
    const quiet = withState(shown, { phase: 'ready', megaFailure: failure, failure: null, failedDuring: null });
    return { ...quiet, megaFailedFor: key };
  }
  return {
    ...withState(shown, {
      phase: 'failed',
      showing: 'results',
      resultsQuery: key.search,
      leads: [],
      total: null,
      nextCursor: null,
      failure,
      failedDuring: 'search',
      fromDevice: false,
      megaFailure: null,
    }),
    rowsKey: key,
  };
}

function nextPageAnswered(shown: Shown, key: SearchKey, reply: SearchReply): Shown {
  const { state } = shown;
  if (!reply.ok) {
    if (state.fromDevice) return withState(shown, { loadingMore: false });
    // The rows already shown stay; only the next page failed.
    return withState(shown, { loadingMore: false, phase: 'failed', failure: failureOf(reply), failedDuring: 'more' });
  }
  const { leads, total, next_cursor: nextCursor } = reply.page;
  let { settled } = shown;
  if (settled && sameKey(settled.key, key)) {
    settled = { ...settled, leads: mergeLeads(settled.leads, leads), total, nextCursor };
  }
  if (state.fromDevice) return { ...withState(shown, { loadingMore: false }), settled };
  const appended = withState(shown, { loadingMore: false, leads: mergeLeads(state.leads, leads), total, nextCursor });
  return { ...appended, settled };
}

/** The copy answered; `shown.device` holds its answer. */
function deviceAnswered(shown: Shown): Shown {
  const { state, device: answer } = shown;
  if (!answer || !isWanted(shown, answer.key)) return shown;
  const failedHere = state.phase === 'failed' && state.failedDuring === 'search' && isWanted(shown, shown.current);
  if (!state.fromDevice && !failedHere && shown.rowsKey && sameKey(shown.rowsKey, answer.key)) {
    // MEGA answered first: its rows stay, and the copy adds what MEGA did not send.
    const { settled } = shown;
    if (!settled || !sameKey(settled.key, answer.key) || settled.showing !== 'results') return shown;
    return {
      ...withState(shown, { leads: uniqueLeads(state.leads, answer.leads) }),
      settled: { ...settled, leads: uniqueLeads(settled.leads, answer.leads) },
    };
  }
  if (answer.leads.length === 0 && !state.fromDevice) return shown;
  if (failedHere && answer.leads.length === 0) return shown;
  const quietlyFailed = state.fromDevice && state.megaFailure !== null && rowsAreWanted(shown);
  return {
    ...withState(shown, {
      phase: failedHere || quietlyFailed ? 'ready' : 'loading',
      showing: 'results',
      resultsQuery: answer.key.search,
      leads: answer.leads,
      total: answer.total,
      nextCursor: null,
      loadingMore: false,
      fromDevice: true,
      megaFailure: failedHere ? state.failure : state.megaFailure,
      failure: null,
      failedDuring: null,
    }),
    rowsKey: answer.key,
  };
}

/** The leads already shown, then those of the new page that are not among them. */
function uniqueLeads(shown: Lead[], page: Lead[]): Lead[] {
  const seen = new Set(shown.map((lead) => lead.id));
  const added: Lead[] = [];
  for (const lead of page) {
    if (seen.has(lead.id)) continue;
    seen.add(lead.id);
    added.push(lead);
  }
  return shown.length === 0 ? added : [...shown, ...added];
}

/**
 * The next page from MEGA added to the rows shown: a lead already shown (perhaps the copy's
 * version of it) takes MEGA's newer version in its place; the others are appended.
 */
function mergeLeads(shown: Lead[], page: Lead[]): Lead[] {
  const fresh = new Map(page.map((lead) => [lead.id, lead]));
  const kept = shown.map((lead) => fresh.get(lead.id) ?? lead);
  return uniqueLeads(kept, page);
}

/**
 * What the bulk import (POST /api/agents/crm/leads/bulk) needs beyond what every call of the
 * client gets: which of MEGA's counts its answers speak of, the words for its failures, and the
 * checks that an answer is about the rows that were sent.
 */
import { MegaApiError, toApiFailure } from '@/utils/api/errors';
import type { RateLimitName } from '@/utils/api/rate-budget';
import type { BulkImportResult } from '@/utils/api/schemas';

export const BULK_PATH = 'api/agents/crm/leads/bulk';

/** MEGA counts the bulk import apart: its RateLimit-* headers and 429s are about that count alone. */
export function rateLimitNameOf(url: string): RateLimitName {
  return new URL(url).pathname.endsWith(`/${BULK_PATH}`) ? 'bulk' : 'leads';
}

/**
 * A failed import in the words that fit it: a 403 on a write means the token lacks the write
 * scope (it could look leads up, or the rows would not be on the page), and a 429 is the
 * import's own, much smaller limit, not the lookups'.
 */
export function bulkFailure(error: unknown): unknown {
  if (!(error instanceof MegaApiError)) return error;
  if (error.kind === 'forbidden' && error.status === 403) {
    return new MegaApiError('forbidden', { ...toApiFailure(error), reason: 'no-write-scope' });
  }
  if (error.kind === 'rate_limited')
    return new MegaApiError('rate_limited', { ...toApiFailure(error), reason: 'bulk-rate-limited' });
  return error;
}

/**
 * An answer that is not about what was sent cannot be shown row by row: a dry run answered as an
 * import (or the other way round), a row left out, answered twice or never sent. Each is
 * `contract`, naming the field.
 */
export function checkBulkAnswer(
  sent: ReadonlyArray<{ row_ref: string }>,
  answer: BulkImportResult,
  dryRun: boolean,
): void {
  if (answer.dry_run !== dryRun) throw new MegaApiError('contract', { field: 'dry_run' });
  const expected = new Set(sent.map((row) => row.row_ref));
  const seen = new Set<string>();
  answer.results.forEach((result, index) => {
    const ref = result.row_ref;
    if (ref === null || !expected.has(ref) || seen.has(ref)) {
      throw new MegaApiError('contract', { field: `results.${index}.row_ref` });
    }
    seen.add(ref);
  });
  if (seen.size !== expected.size) throw new MegaApiError('contract', { field: 'results' });
}

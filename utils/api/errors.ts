/**
 * Every way a MEGA API call (or a request to the background) can fail, as one typed failure: the
 * error the background throws, and the schema a failure received from another context must fit.
 * The kinds, reasons and words are in `failures.ts` (no zod there, so the card does not carry it),
 * and are exported from here too.
 */
import { z } from 'zod';
import { BASE_URL_PROBLEMS, type BaseUrlProblem } from '../base-url';
import {
  API_ERROR_KINDS,
  describeFailure,
  FAILURE_REASONS,
  type ApiErrorDetails,
  type ApiErrorKind,
  type ApiFailure,
  type FailureReason,
} from './failures';

export * from './failures';

export class MegaApiError extends Error {
  override readonly name = 'MegaApiError';
  readonly kind: ApiErrorKind;
  // `declare`: an absent detail stays absent instead of becoming an own `undefined` property.
  declare readonly status?: number;
  declare readonly retryAfterSeconds?: number;
  declare readonly field?: string;
  declare readonly serverMessage?: string;
  declare readonly reason?: FailureReason;
  declare readonly maxMegabytes?: number;
  declare readonly baseUrlProblem?: BaseUrlProblem;

  constructor(kind: ApiErrorKind, details: ApiErrorDetails = {}) {
    // The same words a page shows for it, so a log line and the card agree.
    super(describeFailure(kind, details));
    this.kind = kind;
    for (const key of DETAIL_KEYS) {
      if (details[key] !== undefined) Object.assign(this, { [key]: details[key] });
    }
  }

  /** `JSON.stringify` gives the same safe, plain form as `toApiFailure`. */
  toJSON(): ApiFailure {
    return toApiFailure(this);
  }
}

const DETAIL_KEYS = [
  'status',
  'retryAfterSeconds',
  'field',
  'serverMessage',
  'reason',
  'maxMegabytes',
  'baseUrlProblem',
] as const;

/** What a failure received from another context must look like; it is an `ApiFailure`. */
export const apiFailureSchema = z.object({
  kind: z.enum(API_ERROR_KINDS),
  status: z.number().int().optional(),
  retryAfterSeconds: z.number().nonnegative().optional(),
  field: z.string().optional(),
  serverMessage: z.string().optional(),
  reason: z.enum(FAILURE_REASONS).optional(),
  maxMegabytes: z.number().positive().optional(),
  baseUrlProblem: z.enum(BASE_URL_PROBLEMS).optional(),
}) satisfies z.ZodType<ApiFailure>;

/**
 * The plain, serialisable form of any thrown value. A `MegaApiError` keeps its details; anything
 * else becomes kind `unknown`, because its own text may hold anything.
 */
export function toApiFailure(error: unknown): ApiFailure {
  if (error instanceof MegaApiError) {
    const failure: ApiFailure = { kind: error.kind };
    for (const key of DETAIL_KEYS) {
      if (error[key] !== undefined) Object.assign(failure, { [key]: error[key] });
    }
    return failure;
  }
  if (isAbortError(error)) return { kind: 'unknown', reason: 'cancelled' };
  // Already plain (e.g. received from another context): keep only the known fields.
  const plain = apiFailureSchema.safeParse(error);
  if (plain.success) return plain.data;
  return { kind: 'unknown' };
}

/** True for the error a cancelled request rejects with (`DOMException` named "AbortError"). */
export function isAbortError(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && 'name' in error && (error as { name: unknown }).name === 'AbortError'
  );
}

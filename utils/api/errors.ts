/**
 * Every way a MEGA API call can fail, as one typed error a UI can explain.
 *
 * A message is a plain sentence for the user. It never holds the token, a header, or a URL, and
 * it never copies the text of an unknown error, which could hold any of those.
 */
import { z } from 'zod';
import { plural, t } from '../i18n';

export const API_ERROR_KINDS = [
  'unauthenticated',
  'forbidden',
  'rate_limited',
  'bad_request',
  'conflict',
  'not_found',
  'server',
  'network',
  'timeout',
  'contract',
  // Anything that is not a failure of the API call itself, e.g. a bug elsewhere in the extension.
  'unknown',
] as const;
export type ApiErrorKind = (typeof API_ERROR_KINDS)[number];

export interface ApiErrorDetails {
  /** The HTTP status, when the server answered. */
  status?: number;
  /** How long MEGA asked to wait before the next request (429). */
  retryAfterSeconds?: number;
  /** For `contract`: the path of the first field that failed, e.g. "leads.3.id". */
  field?: string;
  /** The error envelope's own message (useful for 400 and 409). */
  serverMessage?: string;
}

/** What a failure says to the user, by kind. */
export function describeFailure(kind: ApiErrorKind, details: ApiErrorDetails = {}): string {
  switch (kind) {
    case 'unauthenticated':
      return t('failureUnauthenticated');
    case 'forbidden':
      return t('failureForbidden');
    case 'rate_limited':
      return details.retryAfterSeconds === undefined
        ? t('failureRateLimited')
        : t('failureRateLimitedWait', formatWait(details.retryAfterSeconds));
    case 'bad_request':
      return t('failureBadRequest');
    case 'conflict':
      return t('failureConflict');
    case 'not_found':
      return t('failureNotFound');
    case 'server':
      return t('failureServer');
    case 'network':
      return t('failureNetwork');
    case 'timeout':
      return t('failureTimeout');
    case 'contract':
      return details.field === undefined ? t('failureNotJson') : t('failureContractField', details.field);
    case 'unknown':
      return t('failureUnknown');
  }
}

/** "1 second", "45 seconds", "50 minutes": how long to wait, rounded up. */
export function formatWait(seconds: number): string {
  if (seconds < 90) {
    const whole = Math.max(0, Math.ceil(seconds));
    return plural(whole, 'waitSecondsOne', 'waitSecondsOther', String(whole));
  }
  const minutes = Math.ceil(seconds / 60);
  return plural(minutes, 'waitMinutesOne', 'waitMinutesOther', String(minutes));
}

export class MegaApiError extends Error {
  override readonly name = 'MegaApiError';
  readonly kind: ApiErrorKind;
  // `declare`: an absent detail stays absent instead of becoming an own `undefined` property.
  declare readonly status?: number;
  declare readonly retryAfterSeconds?: number;
  declare readonly field?: string;
  declare readonly serverMessage?: string;

  constructor(kind: ApiErrorKind, details: ApiErrorDetails & { message?: string } = {}) {
    super(details.message ?? describeFailure(kind, details));
    this.kind = kind;
    if (details.status !== undefined) this.status = details.status;
    if (details.retryAfterSeconds !== undefined) this.retryAfterSeconds = details.retryAfterSeconds;
    if (details.field !== undefined) this.field = details.field;
    if (details.serverMessage !== undefined) this.serverMessage = details.serverMessage;
  }

  /** `JSON.stringify` gives the same safe, plain form as `toApiFailure`. */
  toJSON(): ApiFailure {
    return toApiFailure(this);
  }
}

/** A failure in a form that survives messaging between extension contexts. */
export const apiFailureSchema = z.object({
  kind: z.enum(API_ERROR_KINDS),
  message: z.string(),
  status: z.number().int().optional(),
  retryAfterSeconds: z.number().nonnegative().optional(),
  field: z.string().optional(),
  serverMessage: z.string().optional(),
});
export type ApiFailure = z.infer<typeof apiFailureSchema>;

/**
 * The plain, serialisable form of any thrown value. A `MegaApiError` keeps its details; anything
 * else becomes kind `unknown` with a generic message, because its own text may hold anything.
 */
export function toApiFailure(error: unknown): ApiFailure {
  if (error instanceof MegaApiError) {
    const failure: ApiFailure = { kind: error.kind, message: error.message };
    if (error.status !== undefined) failure.status = error.status;
    if (error.retryAfterSeconds !== undefined) failure.retryAfterSeconds = error.retryAfterSeconds;
    if (error.field !== undefined) failure.field = error.field;
    if (error.serverMessage !== undefined) failure.serverMessage = error.serverMessage;
    return failure;
  }
  if (isAbortError(error)) {
    return { kind: 'unknown', message: t('failureCancelled') };
  }
  // Already plain (e.g. received from another context): keep only the known fields.
  const plain = apiFailureSchema.safeParse(error);
  if (plain.success) return plain.data;
  return { kind: 'unknown', message: describeFailure('unknown') };
}

/** True for the error a cancelled request rejects with (`DOMException` named "AbortError"). */
export function isAbortError(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'name' in error &&
    (error as { name: unknown }).name === 'AbortError'
  );
}

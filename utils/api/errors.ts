/**
 * Every way a MEGA API call can fail, as one typed error a UI can explain.
 *
 * A message is a plain sentence for the user. It never holds the token, a header, or a URL, and
 * it never copies the text of an unknown error, which could hold any of those.
 */
import { z } from 'zod';

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
      return 'MEGA did not accept the API token. Check the API token and customer ID in the extension settings.';
    case 'forbidden':
      return 'This API token is not allowed to do that. Check that it has the leads scope and belongs to this customer ID.';
    case 'rate_limited':
      return details.retryAfterSeconds === undefined
        ? 'Too many requests to MEGA. Wait a moment and try again.'
        : `Too many requests to MEGA. Try again in ${formatWait(details.retryAfterSeconds)}.`;
    case 'bad_request':
      return 'MEGA rejected the request as invalid.';
    case 'conflict':
      return 'This lead was already sent with different details. Start again to send it as a new request.';
    case 'not_found':
      return 'MEGA could not find that. Check the API base URL in the extension settings.';
    case 'server':
      return 'MEGA had a problem on its side. Try again in a moment.';
    case 'network':
      return 'Could not reach MEGA. Check your connection and the API base URL in the extension settings.';
    case 'timeout':
      return 'MEGA took too long to answer. Try again in a moment.';
    case 'contract':
      return details.field === undefined
        ? 'MEGA sent a response that is not JSON.'
        : `MEGA sent data in a shape this extension does not understand (field ${details.field}).`;
    case 'unknown':
      return 'Something went wrong while talking to MEGA.';
  }
}

function formatWait(seconds: number): string {
  if (seconds < 90) return seconds === 1 ? '1 second' : `${Math.max(0, Math.ceil(seconds))} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
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

export function isMegaApiError(error: unknown): error is MegaApiError {
  return error instanceof MegaApiError;
}

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
    return { kind: 'unknown', message: 'The request was cancelled.' };
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

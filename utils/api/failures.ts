/**
 * What a failure is and what it says, without the schema that checks one received from another
 * context (that is in `errors.ts`, with zod). The pages that only show failures (the card above
 * all, which loads on a page's first lookup) import this module and so carry no zod.
 *
 * A failure travels between contexts as its kind and data (`ApiFailure`), never as words: the
 * pages turn it into words with `failureText`, the one mapping there is. Those words never hold
 * the token, a header, or a URL, and never copy the text of an unknown error, which could hold
 * any of those.
 */
import { baseUrlProblemText, type BaseUrlProblem } from '../base-url';
import { messagesLocale, plural, t } from '../i18n';

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

/** What went wrong more precisely than the kind, where the words depend on it. */
export const FAILURE_REASONS = [
  'not-connected',
  'token-for-new-address',
  'create-turned-off',
  'phone-unreadable',
  'invalid-request',
  'lookup-unanswered',
  'search-unanswered',
  'cancelled',
  'not-json',
  'too-large',
  'lead-needs-contact',
  'no-write-scope',
  'bulk-rate-limited',
  'base-url-setup',
  'token-setup',
  'customer-id-setup',
  'base-url',
] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];

export interface ApiErrorDetails {
  /** The HTTP status, when the server answered. */
  status?: number;
  /** How long MEGA asked to wait before the next request (429). */
  retryAfterSeconds?: number;
  /** For `contract`: the path of the first field that failed, e.g. "leads.3.id". */
  field?: string;
  /** The error envelope's own message (useful for 400 and 409). */
  serverMessage?: string;
  reason?: FailureReason;
  /** For `too-large`: the cap that was passed, in megabytes. */
  maxMegabytes?: number;
  /** For `base-url`: what is wrong with it. */
  baseUrlProblem?: BaseUrlProblem;
}

function reasonText(reason: FailureReason, details: ApiErrorDetails): string {
  switch (reason) {
    case 'not-connected':
      return t('failureNotConnected');
    case 'token-for-new-address':
      return t('failureTokenForNewAddress');
    case 'create-turned-off':
      return t('failureCreateTurnedOff');
    case 'phone-unreadable':
      return t('failurePhoneUnreadable');
    case 'invalid-request':
      return t('failureInvalidRequest');
    case 'lookup-unanswered':
      return t('failureLookupUnanswered');
    case 'search-unanswered':
      return t('failureSearchUnanswered');
    case 'cancelled':
      return t('failureCancelled');
    case 'not-json':
      return t('failureNotJson');
    case 'too-large': {
      const megabytes = new Intl.NumberFormat(messagesLocale(), {
        style: 'unit',
        unit: 'megabyte',
        maximumFractionDigits: 1,
      });
      return t('failureTooLarge', megabytes.format(details.maxMegabytes ?? 2));
    }
    case 'lead-needs-contact':
      return t('failureLeadNeedsContact');
    case 'no-write-scope':
      return t('failureNoWriteScope');
    case 'bulk-rate-limited':
      return details.retryAfterSeconds === undefined
        ? t('failureBulkRateLimited')
        : t('failureBulkRateLimitedWait', formatWait(details.retryAfterSeconds));
    case 'base-url-setup':
      return t('failureBaseUrlSetup');
    case 'token-setup':
      return t('failureTokenSetup');
    case 'customer-id-setup':
      return t('failureCustomerIdSetup');
    case 'base-url':
      return baseUrlProblemText(details.baseUrlProblem ?? 'not-url');
  }
}

/** What a failure says to the user: by its reason where it has one, else by kind. */
export function describeFailure(kind: ApiErrorKind, details: ApiErrorDetails = {}): string {
  if (details.reason) return reasonText(details.reason, details);
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

/** What a row MEGA refused in a bulk import says: MEGA's own reasons, which name the field. */
export function refusedRowText(errors: readonly string[] | null): string {
  return errors && errors.length > 0 ? t('bulkRowRefused', errors.join('; ')) : t('bulkRowRefusedNoReason');
}

/** A failure in a form that survives messaging between extension contexts: its kind and data. */
export interface ApiFailure extends ApiErrorDetails {
  kind: ApiErrorKind;
}

/** The words a page shows for a failure: the one mapping from failures to words. */
export function failureText(failure: ApiFailure): string {
  return describeFailure(failure.kind, failure);
}

// The one error envelope of the MEGA API (docs/api-contract.md, "Errors"), with the type that
// belongs to each status, so every failure path of the server (and every injected fault) looks
// the same.

export type ErrorType =
  'invalid_request_error' | 'authentication_error' | 'authorization_error' | 'rate_limit_error' | 'api_error';

export interface ErrorEnvelope {
  error: { type: ErrorType; code: number; message: string };
}

export function errorTypeFor(status: number): ErrorType {
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'authorization_error';
  if (status === 429) return 'rate_limit_error';
  // 409 is listed as api_error in the reference; so is every 5xx.
  if (status === 409 || status >= 500) return 'api_error';
  return 'invalid_request_error';
}

const DEFAULT_MESSAGES: Record<number, string> = {
  400: 'The request is invalid.',
  401: 'Authentication required.',
  403: 'The token is not allowed to do this.',
  404: 'Not found.',
  405: 'Method not allowed.',
  409: 'Conflict.',
  413: 'The request body is too large.',
  429: 'Too many requests. Retry later.',
  500: 'An unexpected error occurred. Please try again.',
  502: 'Bad gateway.',
  503: 'The service is temporarily unavailable. Please try again.',
  504: 'Gateway timeout.',
};

export function errorEnvelope(status: number, message?: string): ErrorEnvelope {
  return {
    error: {
      type: errorTypeFor(status),
      code: status,
      message: message ?? DEFAULT_MESSAGES[status] ?? (status >= 500 ? 'Server error.' : 'Request failed.'),
    },
  };
}

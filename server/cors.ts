// CORS for the API: the extension's own origins and loopback pages (the demo and test pages) may
// call it; any other origin gets no CORS headers, so browsers keep its scripts out.
import type { OutgoingHttpHeaders } from 'node:http';

const ALLOWED_ORIGIN =
  /^(?:(?:chrome|moz)-extension:\/\/[A-Za-z0-9-]+|http:\/\/(?:127\.0\.0\.1|localhost|\[::1\])(?::\d{1,5})?)$/;

const EXPOSED = 'RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, Retry-After';

export function isAllowedOrigin(origin: string | null): origin is string {
  return origin !== null && ALLOWED_ORIGIN.test(origin);
}

/** Headers for an actual (non-preflight) response. */
export function corsHeaders(origin: string | null): OutgoingHttpHeaders {
  if (!isAllowedOrigin(origin)) return { vary: 'Origin' };
  return { 'access-control-allow-origin': origin, 'access-control-expose-headers': EXPOSED, vary: 'Origin' };
}

/** Headers for an OPTIONS preflight answer. */
export function preflightHeaders(origin: string | null, asksPrivateNetwork: boolean): OutgoingHttpHeaders {
  if (!isAllowedOrigin(origin)) return { vary: 'Origin' };
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-methods': 'GET, POST',
    'access-control-allow-headers': 'authorization, x-customer-id, content-type, idempotency-key',
    'access-control-max-age': '600',
    // Chrome asks before a page may reach a loopback address (Private Network Access).
    ...(asksPrivateNetwork ? { 'access-control-allow-private-network': 'true' } : {}),
    vary: 'Origin',
  };
}

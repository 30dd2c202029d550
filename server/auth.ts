// Bearer token + x-customer-id checks. Tokens are looked up but never kept or echoed: the request
// log holds a token's last four characters, and the rate limiter counts under its SHA-256.
import { createHash } from 'node:crypto';
import { TOKEN_GRANTS, type TokenGrant } from './credentials.ts';
import type { Scope } from './types.ts';

export type AuthResult = { ok: true; grant: TokenGrant } | { ok: false; status: 401 | 403; message: string };

const TOKEN_SHAPE = /^mega_[0-9a-f]{64}$/;

export function bearerToken(authorization: string | null): string | null {
  const match = authorization === null ? null : /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization);
  return match?.[1] ?? null;
}

/** Enough to tell tokens apart in a log without being able to use one. */
export function tokenLast4(authorization: string | null): string | null {
  const token = bearerToken(authorization);
  return token !== null && token.length >= 12 ? token.slice(-4) : null;
}

/** A stable key for per-token state (rate limits) that is not the token itself. */
export function tokenKey(authorization: string | null): string {
  const token = bearerToken(authorization);
  return token === null ? 'anonymous' : createHash('sha256').update(token).digest('hex');
}

export function authenticate(authorization: string | null, customerId: string | null): AuthResult {
  const token = bearerToken(authorization);
  if (token === null) {
    return { ok: false, status: 401, message: 'Missing bearer token: send "Authorization: Bearer <token>".' };
  }
  const grant = TOKEN_SHAPE.test(token) ? TOKEN_GRANTS.get(token) : undefined;
  if (!grant) return { ok: false, status: 401, message: 'The API token is invalid or has been revoked.' };
  if (customerId === null || customerId.trim() === '') {
    return { ok: false, status: 401, message: 'Missing x-customer-id header.' };
  }
  if (customerId.trim().toLowerCase() !== grant.customerId) {
    return { ok: false, status: 403, message: 'This token is not allowed to act for that customer.' };
  }
  return { ok: true, grant };
}

export function hasScope(grant: TokenGrant, scope: Scope): boolean {
  return grant.scopes.includes(scope);
}

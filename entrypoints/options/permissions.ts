/**
 * Host access for the API base URL (docs/security.md §6: minimal permissions).
 *
 * The manifest asks only for the public MEGA API. Any other https server is an optional host
 * permission, asked for when the user saves or tests it. Loopback servers need none: the local
 * MEGA server answers extension origins with CORS headers, and automated browser tests could not
 * click a permission prompt anyway.
 */
import { browser } from 'wxt/browser';
import { isLoopbackHost, originPattern } from '@/utils/base-url';
import { DEFAULT_BASE_URL } from '@/utils/storage';

/** The part of `browser.permissions` used here, so tests can pass their own. */
export type HostPermissions = Pick<typeof browser.permissions, 'request' | 'remove'>;

export type HostAccess =
  /** The manifest already grants it, or the server is on this computer. */
  | { state: 'not-needed' }
  | { state: 'granted'; origin: string }
  /** The user (or the browser) said no. */
  | { state: 'refused'; origin: string }
  /** The browser would not even ask, e.g. the origin is outside the optional permissions. */
  | { state: 'failed'; origin: string };

/** Granted by the manifest's `host_permissions`; never requested or removed at run time. */
const MANIFEST_ORIGIN = originPattern(DEFAULT_BASE_URL);

/** True when talking to this (already validated) base URL needs an optional host permission. */
export function needsHostPermission(baseUrl: string): boolean {
  const url = new URL(baseUrl);
  if (isLoopbackHost(url.hostname)) return false;
  return originPattern(baseUrl) !== MANIFEST_ORIGIN;
}

/**
 * Asks the browser for access to the base URL's origin when it needs one.
 *
 * Call it straight from a click or submit handler, before any `await`: Firefox only shows the
 * prompt while it is still handling the user's input, so the request is made synchronously and
 * only the answer is awaited.
 */
export function requestHostAccess(
  baseUrl: string,
  permissions: HostPermissions = browser.permissions,
): Promise<HostAccess> {
  if (!needsHostPermission(baseUrl)) return Promise.resolve({ state: 'not-needed' });
  const origin = originPattern(baseUrl);
  let asked: Promise<boolean>;
  try {
    asked = permissions.request({ origins: [origin] });
  } catch {
    return Promise.resolve({ state: 'failed', origin });
  }
  return asked.then(
    (granted): HostAccess => (granted ? { state: 'granted', origin } : { state: 'refused', origin }),
    (): HostAccess => ({ state: 'failed', origin }),
  );
}

/**
 * Gives back the access that an old base URL needed once no account uses its server any more
 * (an account moved elsewhere, or was removed), so the extension never keeps host access it no
 * longer uses. Failures are ignored: the worst case is a permission the user can still remove in
 * the browser's extension settings.
 */
export async function releaseHostAccess(
  previousBaseUrl: string,
  baseUrlsInUse: readonly string[],
  permissions: HostPermissions = browser.permissions,
): Promise<boolean> {
  let previous: string;
  try {
    if (!needsHostPermission(previousBaseUrl)) return false;
    previous = originPattern(previousBaseUrl);
  } catch {
    return false;
  }
  const stillUsed = baseUrlsInUse.some((url) => {
    try {
      return originPattern(url) === previous;
    } catch {
      return false;
    }
  });
  if (stillUsed) return false;
  try {
    return await permissions.remove({ origins: [previous] });
  } catch {
    return false;
  }
}

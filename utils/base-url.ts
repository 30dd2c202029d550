/**
 * Which API base URLs may receive the token (DESIGN.md, security property 5): https anywhere,
 * plain http only on loopback, where the local MEGA server runs.
 */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export type BaseUrlCheck = { ok: true; url: string } | { ok: false; reason: string };

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase());
}

/** Validates a base URL typed by the user and returns it without a trailing slash. */
export function checkBaseUrl(input: string): BaseUrlCheck {
  const text = input.trim();
  if (!text) return { ok: false, reason: 'Enter the API base URL, e.g. https://app.gomega.ai.' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: 'This is not a URL. It should look like https://app.gomega.ai.' };
  }
  if (url.username || url.password) {
    return { ok: false, reason: 'The URL must not contain a user name or password.' };
  }
  if (url.search || url.hash) {
    return { ok: false, reason: 'The URL must not contain a query (?) or a fragment (#).' };
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return {
      ok: false,
      reason: 'Use https. Plain http is only allowed for this computer (127.0.0.1, localhost, [::1]).',
    };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, reason: 'The URL must start with https://.' };
  }
  return { ok: true, url: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}

/** The match pattern a host permission needs for this base URL (for permissions.request). */
export function originPattern(baseUrl: string): string {
  const url = new URL(baseUrl);
  return `${url.protocol}//${url.hostname}/*`;
}

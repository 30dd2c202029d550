/**
 * Which API base URLs may receive the token (docs/security.md §5): https anywhere,
 * plain http only on loopback, where the local MEGA server runs.
 */
import { t } from './i18n';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export type BaseUrlCheck = { ok: true; url: string } | { ok: false; reason: string };

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase());
}

/** Validates a base URL typed by the user and returns it without a trailing slash. */
export function checkBaseUrl(input: string): BaseUrlCheck {
  const text = input.trim();
  if (!text) return { ok: false, reason: t('baseUrlEmpty') };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: t('baseUrlNotUrl') };
  }
  if (url.username || url.password) {
    return { ok: false, reason: t('baseUrlCredentials') };
  }
  if (url.search || url.hash) {
    return { ok: false, reason: t('baseUrlQuery') };
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return { ok: false, reason: t('baseUrlHttp') };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, reason: t('baseUrlScheme') };
  }
  return { ok: true, url: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}

/** The match pattern a host permission needs for this base URL (for permissions.request). */
export function originPattern(baseUrl: string): string {
  const url = new URL(baseUrl);
  return `${url.protocol}//${url.hostname}/*`;
}

/**
 * Which API base URLs may receive the token (docs/security.md §5): https anywhere,
 * plain http only on loopback, where the local MEGA server runs.
 */
import { t } from './i18n';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export const BASE_URL_PROBLEMS = ['empty', 'not-url', 'credentials', 'query', 'http', 'scheme'] as const;
export type BaseUrlProblem = (typeof BASE_URL_PROBLEMS)[number];

/** `reason`: the problem in the user's words. */
export type BaseUrlCheck = { ok: true; url: string } | { ok: false; problem: BaseUrlProblem; reason: string };

/** What is wrong with a base URL, in the user's words. */
export function baseUrlProblemText(problem: BaseUrlProblem): string {
  switch (problem) {
    case 'empty':
      return t('baseUrlEmpty');
    case 'not-url':
      return t('baseUrlNotUrl');
    case 'credentials':
      return t('baseUrlCredentials');
    case 'query':
      return t('baseUrlQuery');
    case 'http':
      return t('baseUrlHttp');
    case 'scheme':
      return t('baseUrlScheme');
  }
}

const refused = (problem: BaseUrlProblem): BaseUrlCheck => ({
  ok: false,
  problem,
  reason: baseUrlProblemText(problem),
});

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase());
}

/** Validates a base URL typed by the user and returns it without a trailing slash. */
export function checkBaseUrl(input: string): BaseUrlCheck {
  const text = input.trim();
  if (!text) return refused('empty');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return refused('not-url');
  }
  if (url.username || url.password) {
    return refused('credentials');
  }
  if (url.search || url.hash) {
    return refused('query');
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return refused('http');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return refused('scheme');
  }
  return { ok: true, url: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}

/** The match pattern a host permission needs for this base URL (for permissions.request). */
export function originPattern(baseUrl: string): string {
  const url = new URL(baseUrl);
  return `${url.protocol}//${url.hostname}/*`;
}

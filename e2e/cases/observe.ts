// What the cases read besides the pages: the local MEGA server's request log, the extension's
// storage and the browser's console.
import { LEADS_PATH, type MegaServer, type RecordedRequest } from '../../server/mega-server.ts';
import type { ExtensionBrowser } from '../pages/extension-browser.ts';
import type { ExtensionStorage } from '../shared/types.ts';

export function isLeadList(request: RecordedRequest): boolean {
  return request.method === 'GET' && request.path === LEADS_PATH;
}

/** The lookups the extension sent to the leads API. */
export function leadSearches(server: MegaServer): string[] {
  return server.requests
    .filter((request) => isLeadList(request) && 'search' in request.query)
    .map((request) => request.query.search ?? '');
}

export const digitsOf = (text: string): string => text.replace(/\D/g, '');

/** The lead searches for this phone number or email, however the extension normalised it. */
export function searchesFor(server: MegaServer, value: string): RecordedRequest[] {
  const wanted = value.includes('@') ? value.toLowerCase() : digitsOf(value);
  return server.requests.filter((request) => {
    const search = isLeadList(request) ? request.query.search : undefined;
    if (search === undefined) return false;
    return value.includes('@') ? search.toLowerCase() === wanted : digitsOf(search) === wanted;
  });
}

export const answersTo = (value: string): string => `answers to the lookups of ${value}`;

/** The status of each answer to a lookup of this value, in order. */
export function statusesOf(server: MegaServer, value: string): number[] {
  return searchesFor(server, value).map((request) => request.status);
}

export function posts(requests: readonly RecordedRequest[]): RecordedRequest[] {
  return requests.filter((request) => request.method === 'POST' && request.path === LEADS_PATH);
}

/** The storage areas whose contents contain `secret` anywhere. */
export function areasHolding(storage: ExtensionStorage, secret: string): string[] {
  return (Object.entries(storage) as [string, unknown][])
    .filter(([, items]) => JSON.stringify(items).includes(secret))
    .map(([area]) => area);
}

/** The console lines that contain any of the secrets (printed without the secret itself). */
export function consoleLinesWith(browser: ExtensionBrowser, secrets: readonly string[]): string[] {
  return browser
    .consoleMessages()
    .filter((line) => secrets.some((secret) => line.includes(secret)))
    .map((line) => secrets.reduce((masked, secret) => masked.split(secret).join('<token>'), line));
}

// What a failing case leaves behind: the text the user was looking at, printed, and a screenshot
// under test-results/<suite>/<case>.png.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RecordedRequest } from '../../server/mega-server.ts';
import type { ExtensionBrowser } from '../pages/extension-browser.ts';

export const RESULTS_DIR = fileURLToPath(new URL('../../test-results/', import.meta.url));

/** "look up a selected email" → "look-up-a-selected-email" */
export function fileNameFor(caseName: string): string {
  return caseName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}

const MAX_TEXT = 2_000;

/** Prints what the user would have seen and keeps a screenshot; never throws. */
export async function reportFailure(browser: ExtensionBrowser, suite: string, caseName: string): Promise<void> {
  const view = browser.currentView();
  if (!view) {
    console.error(`[${suite}] "${caseName}" failed before any page was open.`);
    return;
  }
  const lines = [`[${suite}] "${caseName}" failed. The user was looking at the ${view.description}.`];
  try {
    const text = (await view.text()).trim();
    const shown = text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
    lines.push(text ? `What it showed:\n${indent(shown)}` : 'It showed no text.');
  } catch (error) {
    lines.push(`Its text could not be read: ${firstLine(error)}`);
  }
  const dir = join(RESULTS_DIR, suite);
  const path = join(dir, `${fileNameFor(caseName)}.png`);
  try {
    mkdirSync(dir, { recursive: true });
    await view.screenshot(path);
    lines.push(`Screenshot: ${path}`);
  } catch (error) {
    lines.push(`No screenshot: ${firstLine(error)}`);
  }
  console.error(lines.join('\n'));
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  | ${line}`)
    .join('\n');
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}

const MAX_REQUESTS = 40;

/** The local MEGA server's log for a failed case, one request a line, oldest first. */
export function reportServerLog(suite: string, caseName: string, requests: readonly RecordedRequest[]): void {
  const shown = requests.slice(-MAX_REQUESTS);
  const lines = shown.map((request) => {
    const query = new URLSearchParams(request.query).toString();
    const status = request.status === 0 ? 'no answer' : String(request.status);
    const key = request.idempotencyKey ? ` Idempotency-Key ${request.idempotencyKey}` : '';
    const token = request.tokenLast4 ? ` token …${request.tokenLast4}` : ' no token';
    return `  ${request.method} ${request.path}${query ? `?${query}` : ''} → ${status}${token}${key}`;
  });
  const skipped = requests.length - shown.length;
  const count = `${requests.length} API request(s)${skipped ? `, the last ${shown.length} shown` : ''}`;
  console.error(
    [
      `[${suite}] "${caseName}": the local MEGA server received ${count}:`,
      ...(lines.length > 0 ? lines : ['  (none)']),
    ].join('\n'),
  );
}

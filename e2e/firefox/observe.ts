// What Firefox's WebDriver BiDi cannot show a case, observed another way.
//
// BiDi reports the console of web pages only, and reaches neither the background page nor a
// content script's world. So the console is read from the browser process itself, messages to
// content scripts are recorded inside the background page, from an extension page, and the
// buttons a content script draws in closed shadow roots are found with BiDi's own commands.
import type { ChildProcess } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import type { Page } from 'puppeteer-core';
import type { ShownButton } from '../shared/types.ts';
import { bidiContext, findNodes, type RemoteNode } from './driver.ts';

/**
 * With this pref Firefox prints every console call of every content context (web pages, content
 * scripts, extension pages, the background page) to its stdout, as `console.log: "…"`; uncaught
 * errors go to its stderr as `JavaScript error: <url>, line N: …` in any case.
 */
export const CONSOLE_TO_STDOUT_PREFS: Record<string, unknown> = { 'devtools.console.stdout.content': true };

/**
 * Appends every line Firefox prints to `lines`, as "firefox stdout: …" or "firefox stderr: …".
 * All of it, not only what looks like console output: a message over several lines (an error with
 * its stack, an object) continues without the prefix, and a secret must not hide there.
 */
export function collectProcessOutput(browserProcess: ChildProcess | null, lines: string[]): void {
  if (!browserProcess) throw new Error('puppeteer-core gave no Firefox process to read the console from.');
  for (const [name, stream] of [
    ['stdout', browserProcess.stdout],
    ['stderr', browserProcess.stderr],
  ] as const) {
    const decoder = new StringDecoder('utf8');
    let partial = '';
    const keep = (line: string): void => {
      if (line.trim()) lines.push(`firefox ${name}: ${line}`);
    };
    stream?.on('data', (chunk: Buffer) => {
      const parts = (partial + decoder.write(chunk)).split('\n');
      partial = parts.pop() ?? '';
      parts.forEach(keep);
    });
    stream?.on('end', () => keep(partial + decoder.end()));
  }
}

/**
 * Runs in an extension page (passed to page.evaluate, so self-contained): wraps tabs.sendMessage
 * in the background page, so every message the background sends into a tab, which is every message
 * a content script is sent, is kept as JSON in this page's `__e2eSentToTabs`. The wrapper lives in
 * this page, so the page stays open while recording.
 */
export async function recordBackgroundToTabs(): Promise<void> {
  type Tabs = { sendMessage: (...args: unknown[]) => unknown };
  type BackgroundPage = { chrome?: { tabs?: Tabs }; browser?: { tabs?: Tabs } };
  const page = globalThis as unknown as {
    browser: { runtime: { getBackgroundPage(): Promise<BackgroundPage> } };
    __e2eSentToTabs?: string[];
  };
  if (page.__e2eSentToTabs) return;
  const log: string[] = (page.__e2eSentToTabs = []);
  const text = (value: unknown): string => {
    try {
      return JSON.stringify(value);
    } catch {
      return String(value);
    }
  };
  const background = await page.browser.runtime.getBackgroundPage();
  // The messaging library calls chrome.tabs; browser.tabs is a separate object in Firefox.
  for (const tabs of [background.chrome?.tabs, background.browser?.tabs]) {
    if (!tabs) continue;
    const send = tabs.sendMessage;
    tabs.sendMessage = function (this: unknown, ...args: unknown[]) {
      log.push(`sent to it: ${text(args[1])}`);
      return send.apply(this, args);
    };
    if (tabs.sendMessage === send) throw new Error("The background page's tabs.sendMessage could not be wrapped.");
  }
}

/** Runs in the same extension page: what recordBackgroundToTabs kept so far. */
export function backgroundToTabsSoFar(): string[] {
  return [...((globalThis as unknown as { __e2eSentToTabs?: string[] }).__e2eSentToTabs ?? [])];
}

/** Buttons inside the page's shadow roots, closed ones included, with their names and centres. */
export async function shadowButtons(page: Page, name?: string): Promise<ShownButton[]> {
  const context = bidiContext(page);
  // WebDriver BiDi hands out closed shadow roots when asked (includeShadowTree: "all"); the suite's
  // finder then finds buttons by role (and name) inside them (see driver.ts).
  const { result: hosts } = await context.defaultRealm.evaluate("[...document.querySelectorAll('*')]", false, {
    serializationOptions: { maxDomDepth: 0, includeShadowTree: 'all' },
    resultOwnership: 'none',
  });
  const roots = (hosts.type === 'array' ? (hosts.value as RemoteNode[]) : [])
    .map((node) => node.value?.shadowRoot?.sharedId)
    .filter((sharedId): sharedId is string => !!sharedId);
  const query = name === undefined ? { role: 'button' } : { role: 'button', name };
  const buttons = (await Promise.all(roots.map((root) => findNodes(context, query, root)))).flat();
  const shown: ShownButton[] = [];
  for (const button of buttons) {
    if (!button.sharedId) continue;
    const { result } = await context.defaultRealm.callFunction(
      "(node) => { const r = node.getBoundingClientRect(); return r.width > 0 && r.height > 0 ? [node.getAttribute('aria-label') || node.textContent || '', r.left + r.width / 2, r.top + r.height / 2] : null; }",
      false,
      { arguments: [{ sharedId: button.sharedId }] },
    );
    const parts =
      result?.type === 'array' ? (result.value as { value: string | number }[]).map((item) => item.value) : [];
    if (parts.length === 3) shown.push({ name: String(parts[0]).trim(), x: Number(parts[1]), y: Number(parts[2]) });
  }
  return shown;
}

/**
 * Shortcut → card from the copy, on a sheet drawn on a canvas (server/pages/canvas-sheet.html):
 * a cell copied with Ctrl+C, then the lookup shortcut, timed from the command reaching the
 * background to the card's `lead-lens:shown` mark. A key sent over CDP reaches the page, never
 * the browser's shortcuts, so the command is dispatched in the service worker as the browser
 * dispatches it (`chrome.commands.onCommand.dispatch`). What a user's browser gives on that key
 * press, the bench's copy of the build asks for in its manifest: the page's site (the shortcut's
 * activeTab grant, which lets the background wake the page's content script) and `clipboardRead`
 * (nothing can press Chromium's prompt in a headless run).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MegaServer } from '../server/mega-server';
import { cardFrame, configure, inPlaywrightWorker, launch, waitFor } from './browser';
import { WAIT_FOR_MARK, type ShownMark } from './lookup';

/**
 * The build with `clipboardRead` required instead of optional, and the test pages' site, which the
 * shortcut's activeTab grant gives a user's browser; removed by the returned function.
 */
function buildWithClipboard(chromeDir: string): { dir: string; remove: () => void } {
  const dir = join(mkdtempSync(join(tmpdir(), 'lead-lens-bench-copied-')), 'chrome-mv3');
  cpSync(chromeDir, dir, { recursive: true });
  const path = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as { permissions?: string[]; host_permissions?: string[] };
  writeFileSync(
    path,
    JSON.stringify({
      ...manifest,
      permissions: [...(manifest.permissions ?? []), 'clipboardRead'],
      host_permissions: [...(manifest.host_permissions ?? []), 'http://127.0.0.1/*'],
    }),
  );
  return { dir, remove: () => rmSync(join(dir, '..'), { recursive: true, force: true }) };
}

/**
 * `values`: phone numbers no lookup has asked for yet, one a run (and one to warm up with): each
 * card waits for its API answer, with the card frame already on the page from the first.
 */
export async function measureCopiedLookups(
  chromeDir: string,
  server: MegaServer,
  values: readonly string[],
): Promise<number[]> {
  const build = buildWithClipboard(chromeDir);
  const session = await launch(build.dir);
  try {
    if (!session.worker || !session.extensionOrigin) throw new Error('The extension has no service worker');
    await configure(inPlaywrightWorker(session.worker), server.url);
    // One tab in one window: the shortcut looks up in the active tab of the last focused window.
    for (const blank of session.context.pages()) await blank.close();
    const page = await session.context.newPage();
    await page.goto(`${server.url}/pages/canvas-sheet.html`, { waitUntil: 'load' });
    await page.evaluate(
      (rows) => {
        (window as unknown as { showRows(json: string): void }).showRows(rows);
      },
      JSON.stringify(values.map((phone, i) => [`Lead ${i}`, phone, 'Call back'])),
    );
    await page.bringToFront();
    const times: number[] = [];
    for (const [row] of values.entries()) {
      await page.evaluate(
        (at) => (window as unknown as { selectCell(r: number, c: number): void }).selectCell(at, 1),
        row + 1,
      );
      await page.keyboard.press('Control+C');
      const pressed = await session.worker.evaluate(() => {
        const at = performance.timeOrigin + performance.now();
        const { commands } = (globalThis as unknown as { chrome: { commands: { onCommand: object } } }).chrome;
        // Chromium's own event object; its dispatch runs the listeners as the browser does.
        (commands.onCommand as { dispatch(command: string): void }).dispatch('lookup-selection');
        return at;
      });
      const mark = await waitFor(
        async () =>
          cardFrame(page, session.extensionOrigin ?? '')?.evaluate<ShownMark | undefined>(
            `(${WAIT_FOR_MARK})(${JSON.stringify({ after: pressed, timeoutMs: 15_000 })})`,
          ),
        'the card frame',
      );
      // The first run makes the card frame: the figure is for a sheet where a card was shown before.
      if (row > 0) times.push(mark.at - pressed);
      await page.keyboard.press('Escape');
    }
    return times;
  } finally {
    await session.close();
    build.remove();
  }
}

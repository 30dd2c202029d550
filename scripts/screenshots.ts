// `npm run screenshots -- DIR`: PNGs of every screen, in light and dark, without a display.
// Builds the Chrome extension, starts the local MEGA server, and drives headless Chromium.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { createMegaServer, type MegaServer } from '../server/mega-server.ts';
import { PlaywrightTab } from '../e2e/chromium/driver.ts';
import { dragSelectText } from '../e2e/shared/drag.ts';
import { demoConnection } from '../e2e/shared/fixtures.ts';
import { connectExtension, launchExtensionContext, type ExtensionContext } from './lib/chromium.ts';
import { outputDir } from './lib/build-output.ts';
import { runStep } from './lib/run.ts';

const outDir = resolve(process.argv[2] ?? 'screenshots');
const TIMEOUT = 15_000;

function dragSelect(page: Page, text: string): Promise<string> {
  return dragSelectText(new PlaywrightTab(page), text, 'demo page');
}

/** Selects `text` on the demo page and shoots the popover with the text around it. */
async function popover(ext: ExtensionContext, server: MegaServer, text: string, expect: string, file: string): Promise<void> {
  const page = await ext.context.newPage();
  await page.goto(`${server.url}/pages/demo.html`);
  await dragSelect(page, text);
  const frameElement = await page.waitForSelector(`iframe[src^="${ext.origin}/popover.html"]`, { timeout: TIMEOUT });
  const frame = await frameElement.contentFrame();
  await frame
    ?.getByText(expect, { exact: false })
    .first()
    .waitFor({ timeout: TIMEOUT })
    .catch(async (error: unknown) => {
      console.error(`Expected "${expect}" in the popover, which shows: ${await frame.locator('body').innerText()}`);
      throw error;
    });
  // Let the frame report its final height and the page lay it out.
  await page.waitForFunction(
    (selector) => (document.querySelector(selector)?.getBoundingClientRect().height ?? 0) > 140,
    `iframe[src^="${ext.origin}/popover.html"]`,
    { timeout: TIMEOUT },
  ).catch(() => undefined);
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  const box = (await frameElement.boundingBox())!;
  const viewport = page.viewportSize()!;
  const x = Math.max(0, box.x - 120);
  const y = Math.max(0, box.y - 90);
  await page.screenshot({
    path: `${outDir}/${file}`,
    clip: { x, y, width: Math.min(viewport.width - x, box.width + 240), height: Math.min(viewport.height - y, box.height + 130) },
  });
  console.log(`${outDir}/${file}`);
  await page.close();
}

async function shoot(server: MegaServer, scheme: 'light' | 'dark'): Promise<void> {
  const ext = await launchExtensionContext(outputDir('chrome'), { headless: true, colorScheme: scheme });
  try {
    await connectExtension(ext.worker, demoConnection(server.url));

    const options = await ext.context.newPage();
    await options.goto(`${ext.origin}/options.html`);
    await options.getByLabel('Customer ID').waitFor({ timeout: TIMEOUT });
    // The whole page in one viewport, so the sticky Save bar sits at the bottom as a user sees it.
    const height = await options.evaluate(() => document.documentElement.scrollHeight);
    await options.setViewportSize({ width: 1100, height });
    await options.screenshot({ path: `${outDir}/options-${scheme}.png` });
    console.log(`${outDir}/options-${scheme}.png`);
    await options.close();

    const popup = await ext.context.newPage();
    await popup.setViewportSize({ width: 400, height: 580 });
    await popup.goto(`${ext.origin}/popup.html`);
    await popup.getByRole('searchbox', { name: 'Search leads' }).pressSequentially('garcia', { delay: 40 });
    await popup.getByText('27 leads').first().waitFor({ timeout: TIMEOUT });
    await popup.getByRole('list', { name: 'Results' }).getByRole('button').first().click();
    await popup.screenshot({ path: `${outDir}/popup-${scheme}.png` });
    console.log(`${outDir}/popup-${scheme}.png`);
    await popup.close();

    await popover(ext, server, '(415) 555-0134', 'Jane Cooper', `popover-${scheme}.png`);
    if (scheme === 'light') {
      await popover(ext, server, '+1 (888) 555-0110', 'No lead found', 'popover-no-match.png');
      server.injectFault({ type: 'status', status: 401 });
      await popover(ext, server, '+33 1 42 68 53 00', 'Check your API token', 'popover-error.png');
    }
  } finally {
    await ext.close();
  }
}

mkdirSync(outDir, { recursive: true });
const built = await runStep('npm', ['run', '--silent', 'build'], { timeoutMs: 240_000, capture: true });
if (built.code !== 0) {
  console.error(built.output);
  process.exit(1);
}
const server = await createMegaServer({ quiet: true });
try {
  for (const scheme of ['light', 'dark'] as const) {
    server.reset();
    await shoot(server, scheme);
  }
} finally {
  await server.close();
}

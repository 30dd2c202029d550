// `npm run screenshots -- DIR`: PNGs of every screen, in light and dark, without a display: in
// English in DIR, and the card, the popup and the options page in every other language whose
// messages are there (and the two pseudo-locales) in DIR/<language>/.
// Builds the Chrome extension, starts the local MEGA server, and drives one headless Chromium, in
// which each language and colour scheme is a setting of the pages shot.
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ElementHandle, Frame, Page } from 'playwright-core';
import { createMegaServer, type MegaServer } from '../server/mega-server.ts';
import { PlaywrightTab } from '../e2e/chromium/driver.ts';
import { dragSelectText } from '../e2e/shared/drag.ts';
import { DEMO_TOKEN, demoConnection } from '../e2e/shared/fixtures.ts';
import { LANGUAGES, PSEUDO_LANGUAGES, type Language } from '../utils/languages.ts';
import { waitUntil } from '../e2e/shared/wait.ts';
import { connectExtension, launchExtensionContext, type ExtensionContext } from './lib/chromium.ts';
import { outputDir } from './lib/build-output.ts';
import { SETTINGS_KEY } from './lib/settings-record.ts';
import { LANGUAGE_IN_EFFECT_KEY } from '../utils/language-in-effect.ts';
import { runStep } from './lib/run.ts';

const outDir = resolve(process.argv[2] ?? 'screenshots');
const TIMEOUT = 15_000;

type Scheme = 'light' | 'dark';

function dragSelect(page: Page, text: string): Promise<string> {
  return dragSelectText(new PlaywrightTab(page), text, 'demo page');
}

/**
 * The card frame on `page`: the extension's frame, in a closed shadow root where no DOM query
 * reaches (page.frames() does), once it is on screen.
 */
function cardFrame(page: Page, origin: string): Promise<{ frame: Frame; element: ElementHandle }> {
  return waitUntil(
    async () => {
      const frame = page.frames().find((candidate) => candidate.url().startsWith(`${origin}/`));
      const element = await frame?.frameElement();
      return frame && element && (await element.isVisible()) ? { frame, element } : undefined;
    },
    { what: 'the card frame', timeout: TIMEOUT },
  );
}

/** Selects `text` on the demo page and shoots the card with the text around it. */
async function card(
  ext: ExtensionContext,
  server: MegaServer,
  scheme: Scheme,
  text: string,
  expect: string,
  file: string,
): Promise<void> {
  const page = await tab(ext, scheme);
  await page.goto(`${server.url}/pages/demo.html`);
  await dragSelect(page, text);
  const { frame, element: frameElement } = await cardFrame(page, ext.origin);
  await frame
    .getByText(expect, { exact: false })
    .first()
    .waitFor({ timeout: TIMEOUT })
    .catch(async (error: unknown) => {
      console.error(`Expected "${expect}" in the card, which shows: ${await frame.locator('body').innerText()}`);
      throw error;
    });
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  const box = (await frameElement.boundingBox())!;
  const viewport = page.viewportSize()!;
  const x = Math.max(0, box.x - 120);
  const y = Math.max(0, box.y - 90);
  await page.screenshot({
    path: `${outDir}/${file}`,
    clip: {
      x,
      y,
      width: Math.min(viewport.width - x, box.width + 240),
      height: Math.min(viewport.height - y, box.height + 130),
    },
  });
  console.log(`${outDir}/${file}`);
  await page.close();
}

/**
 * The languages to shoot: English, every other one whose messages are there, the pseudo-locales;
 * or only those `--languages en,ar` names.
 */
const named = process.argv.indexOf('--languages');
const only = named > 0 ? new Set((process.argv[named + 1] ?? '').split(',')) : null;
const SHOT_LANGUAGES = [
  ...LANGUAGES.filter((language) => existsSync(`public/_locales/${language.folder}/messages.json`)),
  ...PSEUDO_LANGUAGES,
].filter((language) => !only || only.has(language.tag));

/** A new tab in the given colour scheme (a page's own `prefers-color-scheme`, its frames' too). */
async function tab(ext: ExtensionContext, scheme: Scheme): Promise<Page> {
  const page = await ext.context.newPage();
  await page.emulateMedia({ colorScheme: scheme });
  return page;
}

/** The extension's storage.local, as its pages reach it. */
type LocalArea = {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: object): Promise<void>;
};

/**
 * Lead Lens's language, as the options page's Language list sets it, and once the background has
 * loaded it (it tells the card which language that is): every page opened after speaks it.
 */
async function chooseLanguage(ext: ExtensionContext, tag: string): Promise<void> {
  const page = await ext.context.newPage();
  try {
    await page.goto(`${ext.origin}/popup.html`);
    /** Sets the language to `set` unless it is null; returns the one the background has loaded. */
    const language = (set: string | null) =>
      page.evaluate(
        async ({ settingsKey, inEffectKey, set }) => {
          const { local } = (globalThis as unknown as { chrome: { storage: { local: LocalArea } } }).chrome.storage;
          if (set !== null) {
            const settings = (await local.get(settingsKey))[settingsKey] as object;
            await local.set({ [settingsKey]: { ...settings, language: set } });
          }
          return (await local.get(inEffectKey))[inEffectKey];
        },
        { settingsKey: SETTINGS_KEY, inEffectKey: LANGUAGE_IN_EFFECT_KEY, set },
      );
    if ((await language(null)) === tag) return;
    await language(tag);
    await waitUntil(async () => (await language(null)) === tag, { what: `Lead Lens in ${tag}`, timeout: TIMEOUT });
  } finally {
    await page.close();
  }
}

/** The popup, the options page and the card, in the language in effect and this colour scheme. */
async function shoot(ext: ExtensionContext, server: MegaServer, scheme: Scheme, language: Language): Promise<void> {
  const english = language.tag === 'en';
  const dir = english ? outDir : `${outDir}/${language.tag}`;
  mkdirSync(dir, { recursive: true });

  const popup = await tab(ext, scheme);
  await popup.setViewportSize({ width: 400, height: 580 });
  await popup.goto(`${ext.origin}/popup.html`);
  // Found by role and class, not by words: the words are the language's.
  await popup.getByRole('searchbox').pressSequentially('garcia', { delay: 40 });
  await popup.locator('.lead-rows .lead-row').first().waitFor({ timeout: TIMEOUT });
  await popup.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), undefined, { timeout: TIMEOUT });
  await popup.locator('.lead-rows .lead-row__summary').first().click();
  await popup.screenshot({ path: `${dir}/popup-${scheme}.png` });
  console.log(`${dir}/popup-${scheme}.png`);
  await popup.close();

  const options = await tab(ext, scheme);
  await options.goto(`${ext.origin}/options.html`);
  // The connected account as listed, with its token saved (its fields open behind "Edit").
  await options.getByText(DEMO_TOKEN.slice(-4), { exact: false }).first().waitFor({ timeout: TIMEOUT });
  // The whole page in one picture.
  const height = await options.evaluate(() => document.documentElement.scrollHeight);
  await options.setViewportSize({ width: 1100, height });
  await options.screenshot({ path: `${dir}/options-${scheme}.png` });
  console.log(`${dir}/options-${scheme}.png`);
  await options.close();

  const prefix = english ? '' : `${language.tag}/`;
  await card(ext, server, scheme, '(415) 555-0134', 'Jane Cooper', `${prefix}card-${scheme}.png`);
  if (scheme === 'light' && english) {
    await card(ext, server, scheme, '+1 (888) 555-0110', 'No lead found', 'card-no-match.png');
  }
}

mkdirSync(outDir, { recursive: true });
const built = await runStep('npm', ['run', '--silent', 'build'], { timeoutMs: 240_000, capture: true });
if (built.code !== 0) {
  console.error(built.output);
  process.exit(1);
}
const server = await createMegaServer({ quiet: true });
// One browser for every picture: each language and colour scheme is a setting of its pages.
const ext = await launchExtensionContext(outputDir('chrome'), { headless: true });
try {
  // tsx compiles this script with esbuild's keepNames, which wraps the named functions inside
  // dragPathTo in calls to a `__name` helper; the function runs in the page, where that helper
  // must exist too.
  await ext.context.addInitScript({ content: 'globalThis.__name = (target) => target;' });
  await connectExtension(ext.worker, demoConnection(server.url), { language: 'en' });
  for (const language of SHOT_LANGUAGES) {
    await chooseLanguage(ext, language.tag);
    for (const scheme of ['light', 'dark'] as const) {
      // A new rate-limit window for each: a language's pictures ask MEGA a few times.
      server.reset();
      await shoot(ext, server, scheme, language);
    }
  }
  // Last, since MEGA then refuses the token: the card that says so, in English.
  if (SHOT_LANGUAGES.some((language) => language.tag === 'en')) {
    await chooseLanguage(ext, 'en');
    server.reset();
    server.injectFault({ type: 'status', status: 401 });
    await card(ext, server, 'light', '+33 1 42 68 53 00', 'Check your API token', 'card-error.png');
  }
} finally {
  await ext.close();
  await server.close();
}

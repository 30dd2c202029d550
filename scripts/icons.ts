/**
 * Renders the toolbar and store icons from the one SVG source (assets/icon.svg) into
 * public/icon/<size>.png with the system Chromium. Run after changing the SVG: `npm run icons`
 * (`npm run icons -- DIR` writes them to DIR instead, as the check of this command does).
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { findChromium } from './ensure-browsers';

const SIZES = [16, 32, 48, 96, 128];

const svg = await readFile(new URL('../assets/icon.svg', import.meta.url), 'utf8');
const outDir = process.argv[2] ? resolve(process.argv[2]) : fileURLToPath(new URL('../public/icon/', import.meta.url));
await mkdir(outDir, { recursive: true });
const browser = await chromium.launch({
  executablePath: findChromium(),
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  for (const size of SIZES) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`,
    );
    const file = join(outDir, `${size}.png`);
    await page.screenshot({ path: file, omitBackground: true });
    await page.close();
    console.log(file);
  }
} finally {
  await browser.close();
}

/**
 * The card frame's page (card.html) as built: on a page's first lookup the frame is made only
 * once the background says to show a card, so everything it loads is on the way to that card.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gzipSize } from '../scripts/lib/build-output.ts';
import { outputDir, type Target } from './built';

/** What the card's script may weigh; it is about 17 KB gzipped, Preact included. */
const CARD_SCRIPT_BUDGET_GZIP = 20 * 1024;

describe.each<Target>(['chrome', 'firefox'])('the %s card frame', (target) => {
  const page = readFileSync(`${outputDir(target)}/card.html`, 'utf8');
  const script = readFileSync(`${outputDir(target)}/card-frame.js`);

  it('loads one deferred script and no style sheet', () => {
    const scripts = [...page.matchAll(/<script\b[^>]*>/g)].map(([tag]) => tag);
    expect(scripts).toHaveLength(1);
    expect(scripts[0]).toMatch(/\bsrc="\/card-frame\.js"/);
    expect(scripts[0]).toMatch(/\bdefer\b/);
    expect(page).not.toMatch(/<link\b[^>]*stylesheet/);
  });

  it('fetches nothing else: no image, and every url() in its styles is a data: URL', () => {
    expect(page).not.toMatch(/<img\b/);
    const urls = [...page.matchAll(/url\(\s*["']?([^"')]*)/g)].map(([, url]) => url);
    expect(urls.length).toBeGreaterThan(0);
    expect(urls.filter((url) => !url?.startsWith('data:'))).toEqual([]);
  });

  it('carries no zod: the card only shows what the background checked', () => {
    expect(script.toString('utf8')).not.toMatch(/\$?Zod(Error|Type|Object)\b/);
  });

  it(`keeps its script within ${CARD_SCRIPT_BUDGET_GZIP / 1024} KB gzipped`, () => {
    expect(gzipSize(script)).toBeLessThanOrEqual(CARD_SCRIPT_BUDGET_GZIP);
  });
});

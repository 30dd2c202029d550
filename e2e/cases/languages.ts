// Lead Lens in other languages: the two pseudo-locales (longer and accented, right to left) fit
// the card, the popup and the options page; each of the nineteen other languages reaches every
// open page at once, right to left where it is written so, with the phone number still reading
// from the left; Automatic goes back to the browser's language, in a browser started in German.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { JANE } from '../shared/fixtures.ts';
import { setLanguageSetting } from '../shared/card-settings.ts';
import type { View } from '../pages/view.ts';
import type { ExtensionCase } from '../shared/suite.ts';
import { BROWSER_LANGUAGE } from '../../scripts/ensure-browsers.ts';
import { LANGUAGES } from '../../utils/languages.ts';
import { connect, lookUp, webPageUrl } from './steps.ts';

/** What each pseudo-locale's messages carry (build/pseudo-locales.ts): the padding, the override. */
const PSEUDO = [
  { tag: 'en-XA', dir: 'ltr', marker: '~' },
  { tag: 'ar-XB', dir: 'rtl', marker: '\u202e' },
];

/** Every language Lead Lens speaks besides English, which the case switches to one after another. */
const REAL = LANGUAGES.filter((language) => language.tag !== 'en');

/** Runs in an extension page: the browser's own language, as the extension reads it. */
async function browserLanguage(): Promise<string> {
  type Api = { i18n: { getUILanguage(): string } };
  const scope = globalThis as unknown as { browser?: Api; chrome?: Api };
  return (scope.browser ?? scope.chrome)!.i18n.getUILanguage();
}

/** The `locale` message of a language's file (the tag its pages are marked with). */
function localeOf(folder: string): string {
  const path = new URL(`../../public/_locales/${folder}/messages.json`, import.meta.url);
  return (JSON.parse(readFileSync(path, 'utf8')) as { locale: { message: string } }).locale.message;
}

export const languageCases: readonly ExtensionCase[] = [
  {
    name: 'languages: the pseudo-locales fit the card, the popup and the options page; every language reaches every open page; Automatic follows a browser started in German',
    // Started in German: Automatic must pick that, not English, the language of every other case.
    launch: () => ({ uiLanguage: BROWSER_LANGUAGE }),
    async run({ browser, server }) {
      expect(
        await browser.inExtensionPage(browserLanguage, undefined),
        `the browser's own language (Debian: its German comes with chromium-l10n and firefox-esr-l10n-${BROWSER_LANGUAGE}, which scripts/ensure-browsers.ts installs)`,
      ).toBe(BROWSER_LANGUAGE);
      await connect(browser, server);
      // English chosen to start with: the pages are found by their English names.
      await setLanguageSetting(browser, 'en');
      const options = await browser.openOptions();
      const page = await browser.openWebPage(webPageUrl(server, 'languages.html', `Call ${JANE.contact_phone} today.`));
      const card = await lookUp(page, JANE.contact_phone, JANE.contact_name);
      const popup = await browser.openPopup();
      await popup.waitForResults((rows) => rows.length > 0, 'the most recently updated leads');
      const views: View[] = [options, popup, card];

      for (const pseudo of PSEUDO) {
        await setLanguageSetting(browser, pseudo.tag);
        for (const view of views) {
          expect(await view.waitForLanguage(pseudo.tag), `the ${view.description}`).toEqual({
            lang: pseudo.tag,
            dir: pseudo.dir,
          });
          expect(
            await view.cutOffWords(pseudo.marker),
            `words cut off on the ${view.description} in ${pseudo.tag}`,
          ).toEqual([]);
        }
      }
      // Right to left, the phone number still reads "+1 …" from the left.
      expect(await card.readsLeftToRight(JANE.contact_phone), 'the phone number in the right-to-left card').toEqual({
        found: true,
        leftToRight: true,
        direction: 'ltr',
      });

      for (const language of REAL) {
        const locale = localeOf(language.folder);
        expect(await options.chooseLanguage(language.tag), `${language.tag} chosen`).toBe(true);
        for (const view of views) {
          expect(await view.waitForLanguage(locale), `the ${view.description}`).toEqual({
            lang: locale,
            dir: language.dir,
          });
        }
        if (language.dir === 'rtl') {
          expect(await card.readsLeftToRight(JANE.contact_phone), `the phone number in ${language.tag}`).toMatchObject({
            leftToRight: true,
          });
        }
      }

      // Automatic: the browser's language.
      const german = localeOf(BROWSER_LANGUAGE);
      expect(await options.chooseLanguage('auto'), 'Automatic chosen').toBe(true);
      for (const view of views)
        expect(await view.waitForLanguage(german), `the ${view.description}`).toEqual({ lang: german, dir: 'ltr' });
    },
  },
];

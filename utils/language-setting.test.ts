import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { messagesLocale, t, unloadLanguage } from './i18n';
import { followLanguageInEffect } from './language-in-effect';
import { followLanguageSetting } from './language-setting';
import { updateSettings } from './settings';
import { DEFAULT_SETTINGS, languageInEffectItem, settingsItem } from './storage';

/** The extension's files as the browser serves them: English from the project, two small translations. */
const FILES: Record<string, unknown> = {
  '/_locales/en/messages.json': JSON.parse(readFileSync('public/_locales/en/messages.json', 'utf8')),
  '/_locales/de/messages.json': { locale: { message: 'de' }, settingsSaved: { message: 'Einstellungen gespeichert.' } },
  '/_locales/ja/messages.json': { locale: { message: 'ja' }, settingsSaved: { message: '設定を保存しました。' } },
};

beforeEach(() => {
  fakeBrowser.reset();
  vi.stubGlobal('fetch', async (url: string) => {
    const file = FILES[new URL(url).pathname];
    return file ? new Response(JSON.stringify(file)) : new Response('', { status: 404 });
  });
});

afterEach(() => {
  unloadLanguage();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

/** Resolves on the next call of the returned callback. */
function nextChange() {
  let heard: () => void = () => undefined;
  const changed = new Promise<void>((resolve) => (heard = resolve));
  return { onChange: () => heard(), changed };
}

describe('followLanguageSetting', () => {
  it('loads the saved language, and the next one the user picks', async () => {
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, language: 'de' });
    const { onChange, changed } = nextChange();
    const stop = await followLanguageSetting(onChange);
    expect(t('settingsSaved')).toBe('Einstellungen gespeichert.');

    await updateSettings({ language: 'ja' });
    await changed;
    expect(t('settingsSaved')).toBe('設定を保存しました。');
    expect(messagesLocale()).toBe('ja');
    stop();
  });

  it('takes the language an administrator locks over the user’s own', async () => {
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, language: 'de' });
    await fakeBrowser.storage.managed.set({ language: 'ja', lockedSettings: ['language'] });
    const stop = await followLanguageSetting(() => undefined);
    expect(messagesLocale()).toBe('ja');
    stop();
  });

  it('speaks English for a language whose file is not there', async () => {
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, language: 'ko' });
    const stop = await followLanguageSetting(() => undefined);
    expect(t('settingsSaved')).toBe('Settings saved.');
    stop();
  });
});

describe('followLanguageInEffect (the card)', () => {
  it('loads the language the background says it loaded, and the next one', async () => {
    await languageInEffectItem.setValue('de');
    const { onChange, changed } = nextChange();
    const stop = await followLanguageInEffect(onChange);
    expect(t('settingsSaved')).toBe('Einstellungen gespeichert.');

    await languageInEffectItem.setValue('ja');
    await changed;
    expect(t('settingsSaved')).toBe('設定を保存しました。');
    stop();
  });

  it('follows the browser before the background has said anything', async () => {
    vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('de-CH');
    const stop = await followLanguageInEffect(() => undefined);
    expect(messagesLocale()).toBe('de');
    stop();
  });
});

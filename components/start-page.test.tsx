// @vitest-environment happy-dom
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { loadLanguage, t, unloadLanguage, type Catalogue } from '@/utils/i18n';
import { startPage } from './start-page';
import english from '../public/_locales/en/messages.json';

const FILES: Record<string, Catalogue> = {
  '/_locales/en/messages.json': english as Catalogue,
  '/_locales/ar/messages.json': {
    locale: { message: 'ar' },
    optionsTitle: { message: 'إعدادات Lead Lens' },
    saveSettings: { message: 'حفظ الإعدادات' },
  },
};
const read = (path: string) => Promise.resolve(FILES[path] ?? {});

/** A form the user has typed into: its words from the messages, what was typed in its own state. */
function Form() {
  const [typed, setTyped] = useState('');
  return (
    <form>
      <input aria-label="note" value={typed} onInput={(event) => setTyped(event.currentTarget.value)} />
      <button type="submit">{t('saveSettings')}</button>
    </form>
  );
}

afterEach(() => {
  unloadLanguage();
  document.getElementById('app')?.remove();
});

describe('startPage', () => {
  it('draws the page in its language and direction, and again in a new one, keeping what was typed', async () => {
    const app = document.createElement('div');
    app.id = 'app';
    document.body.append(app);
    let changeLanguage: () => void = () => undefined;
    await startPage('optionsTitle', () => <Form />, {
      follow: async (onChange) => {
        await loadLanguage('en', read);
        changeLanguage = onChange;
      },
    });
    expect(document.title).toBe('Lead Lens settings');
    expect(document.documentElement.lang).toBe('en');
    const input = document.querySelector('input')!;
    input.value = 'half a sentence';
    input.dispatchEvent(new Event('input', { bubbles: true }));

    await loadLanguage('ar', read);
    changeLanguage();

    expect(document.title).toBe('إعدادات Lead Lens');
    expect(document.documentElement).toMatchObject({ lang: 'ar', dir: 'rtl' });
    expect(document.querySelector('button')!.textContent).toBe('حفظ الإعدادات');
    expect(document.querySelector('input')).toBe(input);
    expect(input.value).toBe('half a sentence');
  });
});

import { describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { fromContentScript, fromExtensionPage } from './routes';

describe('who may ask the background', () => {
  const page = browser.runtime.getURL('/popover.html');
  const ours = browser.runtime.id;

  it('tells the popover and popup (extension pages) from content scripts', () => {
    expect(fromExtensionPage({ id: ours, url: page })).toBe(true);
    expect(fromContentScript({ id: ours, url: page })).toBe(false);
    const contentScript = { id: ours, url: 'https://example.com/', tab: { id: 7 } } as never;
    expect(fromContentScript(contentScript)).toBe(true);
    expect(fromExtensionPage(contentScript)).toBe(false);
  });

  it('ignores every other extension and the web', () => {
    expect(fromExtensionPage({ id: 'another-extension', url: page })).toBe(false);
    expect(fromContentScript({ id: 'another-extension', url: 'https://example.com/', tab: { id: 7 } } as never)).toBe(false);
    expect(fromExtensionPage({ url: 'https://example.com/' })).toBe(false);
  });
});

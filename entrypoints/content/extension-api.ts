/**
 * The extension API as the content script reaches it: the `chrome` namespace, which Chrome and
 * Firefox both provide, typed as WXT types it. A function, not a value read at import, because
 * touching the extension API is what a content script must not do at page load (`wxt/browser`
 * reads `browser.runtime.id` as soon as it is imported).
 */
import type { WxtBrowser } from 'wxt/browser';

export function extensionApi(): WxtBrowser {
  return (globalThis as unknown as { chrome: WxtBrowser }).chrome;
}

import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { startBackground } from './start';

// Firefox: an event page (MV2's default would keep a page loaded for ever), unloaded when idle as
// Chrome's service worker is stopped, so both browsers restart the background the same way.
export default defineBackground({ persistent: false, main: () => startBackground(browser) });

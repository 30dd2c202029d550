import { defineContentScript } from 'wxt/utils/define-content-script';
import { startContentScript } from './loader';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  allFrames: true,
  // Input listeners only: at load nothing is read, scanned, posted or inserted, and no extension
  // API is touched; the rest is brought in on the first gesture that can select text (loader.ts).
  // WXT's context object is not used (the build gives it no side effects, see
  // build/quiet-content-script.ts), so the page hears nothing of the script starting.
  main: () => startContentScript(),
});

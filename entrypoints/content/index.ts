import { defineContentScript } from 'wxt/utils/define-content-script';
import { startSelectionLookups } from './selection-lookups';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  allFrames: true,
  // DOM listeners only: at load nothing is read, scanned, posted or inserted, and no extension
  // API is touched. WXT's context object is not used (the build gives it no side effects, see
  // build/quiet-content-script.ts), so the page hears nothing of the script starting.
  main: () => startSelectionLookups(),
});

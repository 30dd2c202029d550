import { defineContentScript } from 'wxt/utils/define-content-script';
import { startSelectionLookups } from './selection-popover';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  allFrames: true,
  // Listeners only: nothing is read or scanned at page load.
  main: (ctx) => startSelectionLookups(ctx),
});

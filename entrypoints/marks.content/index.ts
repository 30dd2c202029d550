import { defineContentScript } from 'wxt/utils/define-content-script';
import { startMarks } from './marks';

export default defineContentScript({
  // Not in the manifest: the background registers it for the sites where the user turned the
  // known-lead marks on, and the popup runs it in the open tab when the switch is turned on
  // (see utils/marks.ts). Only the top frame: a site's marks stay on that site's own pages.
  registration: 'runtime',
  matches: [],
  main: () => startMarks(),
});

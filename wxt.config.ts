import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { readFileSync } from 'node:fs';
import { cardPage } from './build/card-page';
import { pseudoLocales } from './build/pseudo-locales';
import { quietContentScript } from './build/quiet-content-script';
import { strictBundle } from './build/strict-bundle';

// The fixed Firefox add-on id lets tests and users reach moz-extension pages by a known id.
export const GECKO_ID = 'lead-lens@leadlens.app';

/** What pages may load from the extension: the card frame and the selection script. */
const WEB_ACCESSIBLE = ['card.html', 'content-scripts/selection.js'] as const;

/** Extension pages run only their own packaged scripts: no remote code, no eval, no plugins. */
const EXTENSION_PAGES_CSP = "script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

export default defineConfig({
  srcDir: '.',
  // Every module imports what it uses, so a reader can follow each name to its source.
  imports: false,
  zip: {
    // The sources zip is for store reviewers: the code that builds the extension, not local output.
    excludeSources: ['test-results/**', '.tmp/**', 'screenshots/**', 'bench/results.json', 'out/**'],
    // The made-up languages the layout is tested in are no language for users.
    exclude: ['pseudo-locales/**'],
  },
  hooks: {
    'build:publicAssets': (_wxt, files) => {
      const english = JSON.parse(readFileSync('public/_locales/en/messages.json', 'utf8'));
      for (const { file, catalogue } of pseudoLocales(english)) {
        files.push({ relativeDest: file, contents: JSON.stringify(catalogue) });
      }
    },
  },
  vite: () => ({
    plugins: [
      strictBundle(),
      quietContentScript(),
      cardPage(),
      preact({ prefreshEnabled: false, devToolsEnabled: false }),
    ],
  }),
  manifest: ({ browser, manifestVersion }) => ({
    // The words come from public/_locales/<language>/messages.json; English is the fallback.
    default_locale: 'en',
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    // `scripting`: the content script sets up messaging only once a selection can be looked up, so
    // the context menu and the shortcut wake it up first where it has not (see triggers.ts).
    // `alarms`: the on-device copy of the leads syncs every few minutes (device-copy.ts).
    // `offscreen` (Chrome): the document that reads the clipboard for "Look up what I copied",
    // which needs `clipboardRead`, asked for the first time the user does it (clipboard.ts).
    permissions: [
      'storage',
      'contextMenus',
      'activeTab',
      'scripting',
      'alarms',
      ...(manifestVersion === 3 ? ['offscreen'] : []),
    ],
    // Only the MEGA API by default; another https base URL is asked for when the user saves it, and
    // a site (http or https) when the user turns the known-lead marks on there (utils/marks.ts).
    host_permissions: ['https://app.gomega.ai/*'],
    ...(manifestVersion === 3
      ? {
          // What an administrator may deploy through policy (docs/admin-policy.md); Firefox reads
          // the same keys from policies.json without a schema.
          storage: { managed_schema: 'managed_schema.json' },
          optional_host_permissions: ['https://*/*', 'http://*/*'],
          optional_permissions: ['clipboardRead'],
          content_security_policy: { extension_pages: EXTENSION_PAGES_CSP },
        }
      : {
          optional_permissions: ['https://*/*', 'http://*/*', 'clipboardRead'],
          content_security_policy: EXTENSION_PAGES_CSP,
        }),
    commands: {
      'lookup-selection': {
        suggested_key: { default: 'Alt+Shift+L' },
        description: '__MSG_commandLookupSelection__',
      },
      // "Leads on this page": Firefox opens its sidebar by its own command; Chrome's side panel
      // is opened by the background (entrypoints/background/panel-openers.ts).
      [browser === 'firefox' ? '_execute_sidebar_action' : 'open-panel']: {
        suggested_key: { default: 'Alt+Shift+P' },
        description: '__MSG_commandOpenPanel__',
      },
    },
    // The card frame, and the selection script the content script imports on a page's first
    // selecting gesture (entrypoints/content/on-demand.ts). In Chrome their address carries a
    // per-session id instead of the extension's, so a page cannot tell from it which extension is
    // installed (Firefox's addresses are per-install).
    web_accessible_resources: [
      manifestVersion === 3
        ? { resources: [...WEB_ACCESSIBLE], matches: ['<all_urls>'], use_dynamic_url: true }
        : { resources: [...WEB_ACCESSIBLE], matches: ['<all_urls>'] },
    ],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              strict_min_version: '140.0',
              // What leaves the browser: the selected phone number or email (and nothing else
              // of the page), sent to the user's own MEGA account. Nothing goes to us.
              data_collection_permissions: { required: ['personallyIdentifyingInfo', 'websiteContent'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});

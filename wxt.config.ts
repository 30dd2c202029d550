import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// The fixed Firefox add-on id lets tests and users reach moz-extension pages by a known id.
export const GECKO_ID = 'lead-lens@leadlens.app';

export default defineConfig({
  srcDir: '.',
  // Every module imports what it uses, so a reader can follow each name to its source.
  imports: false,
  vite: () => ({
    plugins: [preact({ prefreshEnabled: false, devToolsEnabled: false })],
  }),
  manifest: ({ browser }) => ({
    name: 'Lead Lens',
    description: 'See who a phone number or email is in MEGA CRM, right where you select it.',
    permissions: ['storage', 'contextMenus', 'activeTab'],
    host_permissions: ['https://app.gomega.ai/*'],
    optional_host_permissions: ['https://*/*'],
    commands: {
      'lookup-selection': {
        suggested_key: { default: 'Alt+Shift+L' },
        description: 'Look up the selected phone number or email in MEGA',
      },
    },
    web_accessible_resources: [
      { resources: ['popover.html'], matches: ['<all_urls>'] },
    ],
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: GECKO_ID, strict_min_version: '128.0' } } }
      : {}),
  }),
});

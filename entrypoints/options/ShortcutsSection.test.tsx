// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ShortcutsSection, type ShortcutsApi } from './ShortcutsSection';

afterEach(() => {
  cleanup();
});

const LOOKUP = { name: 'lookup-selection', description: 'Look up the selected phone number or email in MEGA' };

describe('the options page\'s "Keyboard shortcuts"', () => {
  it('lists each command with the key the browser gives it now, or "Not set"', async () => {
    const api: ShortcutsApi = {
      list: async () => [
        { ...LOOKUP, shortcut: 'Alt+Shift+L' },
        { name: 'another', description: 'Open the popup', shortcut: '' },
      ],
      openSettings: async () => undefined,
    };
    render(<ShortcutsSection api={api} />);
    const rows = await screen.findAllByRole('row');
    expect(rows.map((row) => row.textContent)).toEqual([
      'CommandShortcut',
      `${LOOKUP.description}Alt+Shift+L`,
      'Open the popupNot set',
    ]);
  });

  it("names the browser's own command that opens the toolbar window, which Chrome lists with no description", async () => {
    const api: ShortcutsApi = {
      list: async () => [
        { name: '_execute_action', description: '', shortcut: '' },
        { ...LOOKUP, shortcut: 'Alt+Shift+L' },
      ],
    };
    render(<ShortcutsSection api={api} />);
    const rows = await screen.findAllByRole('row');
    expect(rows.map((row) => row.textContent)).toEqual([
      'CommandShortcut',
      'Open Lead Lens (the toolbar button)Not set',
      `${LOOKUP.description}Alt+Shift+L`,
    ]);
  });

  it('names the commands in the language Lead Lens shows, not the one the browser described them in', async () => {
    const api: ShortcutsApi = {
      list: async () => [
        { name: 'lookup-selection', description: 'Markierte Telefonnummer oder E-Mail-Adresse in MEGA abfragen' },
        { name: 'open-panel', description: 'Leads auf dieser Seite anzeigen', shortcut: 'Alt+Shift+P' },
      ],
    };
    render(<ShortcutsSection api={api} />);
    const rows = await screen.findAllByRole('row');
    expect(rows.map((row) => row.textContent)).toEqual([
      'CommandShortcut',
      'Look up the selected phone number or email in MEGANot set',
      'Show the leads on this pageAlt+Shift+P',
    ]);
  });

  it("opens the browser's shortcut settings from its button", async () => {
    const openSettings = vi.fn(async () => undefined);
    render(<ShortcutsSection api={{ list: async () => [LOOKUP], openSettings }} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Change shortcuts' }));
    expect(openSettings).toHaveBeenCalledTimes(1);
  });

  it('says where the settings are where the browser cannot open them for an extension', async () => {
    render(<ShortcutsSection api={{ list: async () => [LOOKUP] }} />);
    await screen.findByText('To change them, open about:addons, click ⚙ and choose Manage Extension Shortcuts.');
    expect(screen.queryByRole('button', { name: 'Change shortcuts' })).toBeNull();
  });
});

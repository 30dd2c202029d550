/**
 * "Keyboard shortcuts": each of the extension's commands with the key the browser gives it now
 * (the user may have changed or removed it in the browser's own settings), and the way to those
 * settings. Chrome opens them in a tab; Firefox 137 and later opens its "Manage Extension
 * Shortcuts" page itself, and where it cannot the section says where that page is (an extension
 * may not open about:addons).
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '@/utils/i18n';
import { OPEN_PANEL_COMMAND } from '@/utils/open-panel';
import './shortcuts.css';

export interface Shortcut {
  name?: string;
  description?: string;
  shortcut?: string;
}

/** How the section reads the commands and opens the browser's shortcut settings. */
export interface ShortcutsApi {
  list: () => Promise<Shortcut[]>;
  /** Absent where the browser offers no way for an extension to open them. */
  openSettings?: () => Promise<void>;
}

/**
 * What each command does, in the language Lead Lens shows (the browser gives a command's description
 * in its own language, which the user may have set apart from Lead Lens's). The browser's own command
 * that opens the toolbar window (MV3, MV2) comes with no description in Chrome, and its name is not a
 * word for a user.
 */
const COMMAND_LABELS: Record<string, () => string> = {
  // The manifest's commands (wxt.config.ts).
  'lookup-selection': () => t('commandLookupSelection'),
  [OPEN_PANEL_COMMAND]: () => t('commandOpenPanel'),
  _execute_sidebar_action: () => t('commandOpenPanel'),
  _execute_action: () => t('shortcutOpenToolbar'),
  _execute_browser_action: () => t('shortcutOpenToolbar'),
};

/** What the table calls a command: what it does, never its internal name where Lead Lens knows it. */
export function commandLabel(command: Shortcut): string {
  const known = command.name === undefined ? undefined : COMMAND_LABELS[command.name];
  return known?.() ?? (command.description || command.name || '');
}

/** Chrome's page of every extension's shortcuts. */
export const CHROME_SHORTCUTS_PAGE = 'chrome://extensions/shortcuts';

function shortcutsInBrowser(): ShortcutsApi {
  const commands = browser.commands as typeof browser.commands & { openShortcutSettings?: () => Promise<void> };
  const open = import.meta.env.FIREFOX
    ? commands.openShortcutSettings && (() => commands.openShortcutSettings!())
    : async () => void (await browser.tabs.create({ url: CHROME_SHORTCUTS_PAGE }));
  return { list: () => browser.commands.getAll(), openSettings: open };
}

export function ShortcutsSection({ api: given }: { api?: ShortcutsApi }) {
  const api = useMemo(() => given ?? shortcutsInBrowser(), [given]);
  const [shortcuts, setShortcuts] = useState<Shortcut[] | null>(null);

  useEffect(() => {
    // Firefox for Android has no commands (and no keyboard shortcuts): the section stays away.
    const read = () =>
      void Promise.resolve()
        .then(() => api.list())
        .then(setShortcuts, () => setShortcuts([]));
    read();
    // Changed in the browser's settings, in another tab: read again when the user comes back.
    const onShown = () => document.visibilityState === 'visible' && read();
    document.addEventListener('visibilitychange', onShown);
    return () => document.removeEventListener('visibilitychange', onShown);
  }, [api]);

  if (!shortcuts?.length) return null;
  return (
    <section class="card" aria-labelledby="shortcuts-heading">
      <h2 id="shortcuts-heading">{t('shortcutsHeading')}</h2>
      <table class="shortcuts">
        <thead>
          <tr>
            <th scope="col">{t('shortcutsCommand')}</th>
            <th scope="col">{t('shortcutsKey')}</th>
          </tr>
        </thead>
        <tbody>
          {shortcuts.map((command) => (
            <tr key={command.name}>
              <td>{commandLabel(command)}</td>
              <td>{command.shortcut ? <kbd>{command.shortcut}</kbd> : t('shortcutNotSet')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {api.openSettings ? (
        <button type="button" class="button" onClick={() => void api.openSettings?.().catch(() => undefined)}>
          {t('shortcutsChange')}
        </button>
      ) : (
        <p class="section-intro">{t('shortcutsChangeFirefox')}</p>
      )}
    </section>
  );
}

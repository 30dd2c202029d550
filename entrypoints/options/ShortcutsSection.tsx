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
 * The browser's own commands that open the toolbar window (MV3 and MV2): Chrome lists them with no
 * description, and their names are not words for a user.
 */
const OPENS_TOOLBAR_WINDOW = new Set(['_execute_action', '_execute_browser_action']);

/** What the table calls a command: its description, else what it does, never its internal name. */
export function commandLabel(command: Shortcut): string {
  if (command.description) return command.description;
  if (command.name && OPENS_TOOLBAR_WINDOW.has(command.name)) return t('shortcutOpenToolbar');
  return command.name ?? '';
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

import { useEffect, useRef } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '@/utils/i18n';
import { openPanel, type PanelOpener } from '@/utils/open-panel';

/** "Leads on this page": opens the side panel (Firefox: the sidebar) of this window. */
export function PanelButton() {
  /** Learned before the click: Chrome opens the panel only in the click's own turn, with no await before. */
  const where = useRef<{ windowId: number; inTab: boolean } | null>(null);
  useEffect(() => {
    void Promise.all([browser.windows.getCurrent(), browser.tabs.getCurrent()])
      .then(([window, tab]) => {
        // No window (a page with no browser window around it): the button does nothing.
        if (window?.id !== undefined) where.current = { windowId: window.id, inTab: tab !== undefined };
      })
      .catch(() => undefined);
  }, []);
  const open = () => {
    const known = where.current;
    if (!known) return;
    // `sidebarAction` is Firefox's alone, so the browser's types (Chrome's) do not name it.
    void openPanel(browser as unknown as PanelOpener, { windowId: known.windowId }).then(
      // The toolbar popup steps aside for the panel; popup.html open in a tab stays.
      () => !known.inTab && window.close(),
      () => undefined,
    );
  };
  return (
    <button type="button" class="button button--quiet" onClick={open}>
      {t('panelOpen')}
    </button>
  );
}

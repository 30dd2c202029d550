import { useEffect, useMemo, useState } from 'preact/hooks';
import { sendMessage } from '@/utils/messaging';
import type { ConnectionStatus, SearchReply, SearchRequest } from '@/utils/protocol';
import { createSearchController, type SearchController, type SearchState } from './search-state';

/** How often to ask again when the background did not answer (a service worker starting up). */
const STATUS_ATTEMPTS = 3;

export interface LeadSearchDeps {
  /** One page of leads from the background. */
  search?: (request: SearchRequest) => Promise<SearchReply>;
  /** Whether the extension is set up, from the background. */
  connectionStatus?: () => Promise<ConnectionStatus>;
}

const askBackgroundToSearch = (request: SearchRequest) => sendMessage('searchLeads', request);
const askBackgroundForStatus = () => sendMessage('connectionStatus');

/** Whether the extension is set up; null when the background could not be asked. */
async function askConnection(connectionStatus: () => Promise<ConnectionStatus>): Promise<ConnectionStatus | null> {
  for (let attempt = 1; attempt <= STATUS_ATTEMPTS; attempt += 1) {
    try {
      const status = await connectionStatus();
      if (status) return status;
    } catch {
      // Asked again below.
    }
    await new Promise((resolve) => setTimeout(resolve, 150 * attempt));
  }
  return null;
}

/**
 * The popup's search controller, bound to the background and to this component's life.
 * The connection is checked again whenever the page is shown again, so a popup left open in a tab
 * picks up settings saved meanwhile.
 */
export function useLeadSearch({
  search = askBackgroundToSearch,
  connectionStatus = askBackgroundForStatus,
}: LeadSearchDeps = {}): {
  state: SearchState;
  controller: SearchController;
  connection: ConnectionStatus | null;
} {
  const controller = useMemo(
    () =>
      createSearchController({
        search,
        channel: `popup-${crypto.randomUUID()}`,
      }),
    [],
  );
  const [state, setState] = useState(controller.getState);
  const [connection, setConnection] = useState<ConnectionStatus | null>(null);

  useEffect(() => {
    const stop = controller.subscribe(setState);
    return () => {
      stop();
      controller.dispose();
    };
  }, [controller]);

  useEffect(() => {
    let alive = true;
    const check = async () => {
      const status = await askConnection(connectionStatus);
      if (!alive) return;
      setConnection(status);
      // Unanswered: search anyway, so the failure shows with a way to try again.
      controller.setConfigured(status?.configured ?? true);
    };
    const onShown = () => {
      if (document.visibilityState === 'visible') void check();
    };
    void check();
    document.addEventListener('visibilitychange', onShown);
    return () => {
      alive = false;
      document.removeEventListener('visibilitychange', onShown);
    };
  }, [controller, connectionStatus]);

  return { state, controller, connection };
}

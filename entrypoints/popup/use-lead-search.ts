import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { setActiveAccount } from '@/utils/accounts';
import { sendMessage } from '@/utils/messaging';
import type { ConnectionStatus, SearchReply, SearchRequest } from '@/utils/protocol';
import { readEffectiveSettings, watchSettings } from '@/utils/settings';
import type { Lead } from '@/utils/api/schemas';
import { createSearchController, type SearchController } from './search/controller';
import type { DeviceSearchReply, DeviceSearchRequest } from './search/request';
import type { SearchState } from './search/state';

/** How often to ask again when the background did not answer (a service worker starting up). */
const STATUS_ATTEMPTS = 3;

export interface LeadSearchDeps {
  /** One page of leads from the background. */
  search?: (request: SearchRequest) => Promise<SearchReply>;
  /** The same search of the copy on this device, answered at once. */
  searchDevice?: (request: DeviceSearchRequest) => Promise<DeviceSearchReply>;
  /** The leads last looked up, for the empty search box. */
  recentLeads?: () => Promise<Lead[]>;
  /** Whether the extension is set up, and with which accounts, from the background. */
  connectionStatus?: () => Promise<ConnectionStatus>;
  /** Makes another account the one lookups and searches use. */
  switchAccount?: (accountId: string) => Promise<void>;
}

const askBackgroundToSearch = (request: SearchRequest) => sendMessage('searchLeads', request);
const askBackgroundForStatus = () => sendMessage('connectionStatus');
const askBackgroundToSearchDevice = (request: DeviceSearchRequest) => sendMessage('searchDevice', request);
const askBackgroundForRecent = () => sendMessage('recentLeads');

/**
 * Whether the extension is set up; null when the background could not be asked. With `expected`,
 * asks again (a few times) until the background uses that account: it hears of a switch through
 * its own storage listener, which may run a moment after the switch was stored.
 */
async function askConnection(
  connectionStatus: () => Promise<ConnectionStatus>,
  expected?: string | null,
): Promise<ConnectionStatus | null> {
  let last: ConnectionStatus | null = null;
  for (let attempt = 1; attempt <= STATUS_ATTEMPTS; attempt += 1) {
    try {
      const status = await connectionStatus();
      if (status) {
        last = status;
        if (expected === undefined || status.activeAccountId === expected) return status;
      }
    } catch {
      // Asked again below.
    }
    if (attempt < STATUS_ATTEMPTS) await new Promise((resolve) => setTimeout(resolve, 150 * attempt));
  }
  return last;
}

/**
 * The popup's search controller, bound to the background and to this component's life.
 * The connection is checked again whenever the page is shown again and whenever the settings
 * change, so a popup left open in a tab picks up settings saved meanwhile; a change of account
 * drops what the old one found and searches again.
 */
export function useLeadSearch({
  search = askBackgroundToSearch,
  searchDevice = askBackgroundToSearchDevice,
  recentLeads = askBackgroundForRecent,
  connectionStatus = askBackgroundForStatus,
  switchAccount = setActiveAccount,
}: LeadSearchDeps = {}): {
  state: SearchState;
  controller: SearchController;
  connection: ConnectionStatus | null;
  /** Switches to another account; resolves to false when that could not be stored. */
  chooseAccount: (accountId: string) => Promise<boolean>;
} {
  const controller = useMemo(
    () =>
      createSearchController({
        search,
        searchDevice,
        recentLeads,
        channel: `popup-${crypto.randomUUID()}`,
      }),
    [],
  );
  const [state, setState] = useState(controller.getState);
  const [connection, setConnection] = useState<ConnectionStatus | null>(null);
  const alive = useRef(true);
  /** Only the newest check is shown: an older answer may name the account used before. */
  const checks = useRef(0);
  /** The account the shown results belong to; undefined before the first answer. */
  const shownAccount = useRef<string | null | undefined>(undefined);

  useEffect(() => {
    const stop = controller.subscribe(setState);
    return () => {
      stop();
      controller.dispose();
    };
  }, [controller]);

  const check = useCallback(
    async (expected?: string | null) => {
      const mine = ++checks.current;
      const status = await askConnection(connectionStatus, expected);
      if (!alive.current || mine !== checks.current) return;
      setConnection(status);
      const account = status ? status.activeAccountId : shownAccount.current;
      if (status && shownAccount.current !== undefined && account !== shownAccount.current) {
        controller.accountChanged(status.configured);
      } else {
        // Unanswered: search anyway, so the failure shows with a way to try again.
        controller.setConfigured(status?.configured ?? true);
      }
      if (status) shownAccount.current = status.activeAccountId;
    },
    [controller, connectionStatus],
  );

  useEffect(() => {
    alive.current = true;
    const onShown = () => {
      if (document.visibilityState === 'visible') void check();
    };
    void check();
    document.addEventListener('visibilitychange', onShown);
    const stop = watchSettings(() => {
      void readEffectiveSettings().then(
        ({ settings }) => check(settings.activeAccountId),
        () => check(),
      );
    });
    return () => {
      alive.current = false;
      document.removeEventListener('visibilitychange', onShown);
      stop();
    };
  }, [check]);

  const chooseAccount = useCallback(
    async (accountId: string) => {
      try {
        await switchAccount(accountId);
      } catch {
        return false;
      }
      await check(accountId);
      return true;
    },
    [switchAccount, check],
  );

  return { state, controller, connection, chooseAccount };
}

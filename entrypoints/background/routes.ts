/**
 * The background's message handlers, as one table: for each message of `utils/protocol.ts`
 * (everything sent to the background), who may send it, the handler, and what a refused request
 * gets. The schema each message's data must match is the protocol's own; `answer` checks both
 * the sender and the schema before a handler runs.
 */
import { browser, type Browser } from 'wxt/browser';
import type { Leads } from './leads';
import type { Lookups } from './lookups';
import { connectionStatusOf, partitionFor, type ConnectionService } from './connection';
import type { DeviceCopy } from './device-copy';
import type { RecentLeads } from './recent';
import { onMessage, sendMessage } from '@/utils/messaging';
import { toBackground, type ProtocolMap, type ToBackground } from '@/utils/protocol';
import { webHost } from '@/utils/sites';

export type Sender = Browser.runtime.MessageSender;

export function fromThisExtension(sender: Sender): boolean {
  return sender.id === browser.runtime.id;
}

/** Extension pages (popover, popup, options) have this extension's URL; content scripts do not. */
export function fromExtensionPage(sender: Sender): boolean {
  return fromThisExtension(sender) && !!sender.url?.startsWith(browser.runtime.getURL('/'));
}

export function fromContentScript(sender: Sender): boolean {
  return fromThisExtension(sender) && sender.tab?.id !== undefined && !fromExtensionPage(sender);
}

type Name = keyof ToBackground;
type Data<K extends Name> = Parameters<ProtocolMap[K]>[0];
type Reply<K extends Name> = ReturnType<ProtocolMap[K]>;

export interface Route<K extends Name> {
  /** Who may send this message. */
  from: (sender: Sender) => boolean;
  handle: (data: Data<K>, sender: Sender) => Promise<Reply<K>>;
  /** The answer to a message from anyone else, or with data of the wrong shape. */
  refused: Reply<K>;
}

export type Routes = { [K in Name]: Route<K> };

export interface Services {
  lookups: Lookups;
  leads: Leads;
  connection: ConnectionService;
  copy: Pick<DeviceCopy, 'status' | 'syncNow' | 'deleteCopy' | 'search'>;
  recent: Pick<RecentLeads, 'list'>;
}

const invalidRequest = () =>
  ({ ok: false, failure: { kind: 'bad_request', reason: 'invalid-request' } }) as const;

/** The site a message came from: the tab's, also for selections inside its frames. */
function siteOf(sender: Sender): string {
  return webHost(sender.tab?.url ?? sender.url) ?? '';
}

export function createRoutes({ lookups, leads, connection, copy, recent }: Services): Routes {
  return {
    prepareLookup: {
      from: fromContentScript,
      handle: (data, sender) =>
        lookups.prepare(data.text, data.source, {
          tabId: sender.tab?.id ?? null,
          frameId: sender.frameId ?? null,
          host: siteOf(sender),
        }),
      refused: { action: 'ignore' },
    },
    startLookup: { from: fromContentScript, handle: (data) => lookups.start(data.lookupId), refused: undefined },
    getLookup: {
      from: fromExtensionPage,
      handle: (data) => lookups.view(data.lookupId, data.retry, data.awaitRefresh),
      refused: { state: 'expired' },
    },
    resizePopover: {
      from: fromExtensionPage,
      handle: (data) => relayToFrame(lookups, data.lookupId, (target) => sendMessage('resizePopover', data, target)),
      refused: undefined,
    },
    closePopover: {
      from: fromExtensionPage,
      handle: (data) => relayToFrame(lookups, data.lookupId, (target) => sendMessage('closePopover', data, target)),
      refused: undefined,
    },
    hideMatch: {
      from: fromExtensionPage,
      handle: (data) => lookups.hideMatch(data.lookupId, data.leadId),
      refused: { state: 'expired' },
    },
    unhideMatch: {
      from: fromExtensionPage,
      handle: (data) => lookups.unhideMatch(data.lookupId, data.leadId),
      refused: { state: 'expired' },
    },
    openSettings: { from: fromThisExtension, handle: () => browser.runtime.openOptionsPage(), refused: undefined },
    searchLeads: { from: fromExtensionPage, handle: (data) => leads.search(data), refused: { ok: false, cancelled: true } },
    createLead: { from: fromExtensionPage, handle: (data) => leads.create(data), refused: invalidRequest() },
    testConnection: { from: fromExtensionPage, handle: (data) => connection.test(data), refused: invalidRequest() },
    previewMerge: { from: fromExtensionPage, handle: (data) => leads.previewMerge(data), refused: null },
    ownersSeen: { from: fromExtensionPage, handle: () => leads.ownersSeen(), refused: [] },
    deviceCopyStatus: { from: fromExtensionPage, handle: () => copy.status(), refused: null },
    syncDeviceCopy: { from: fromExtensionPage, handle: () => copy.syncNow(), refused: null },
    deleteDeviceCopy: { from: fromExtensionPage, handle: () => copy.deleteCopy(), refused: undefined },
    searchDevice: { from: fromExtensionPage, handle: (data) => copy.search(data), refused: null },
    recentLeads: {
      from: fromExtensionPage,
      handle: async () => {
        const partition = partitionFor(await connection.load());
        return partition ? recent.list(partition) : [];
      },
      refused: [],
    },
    connectionStatus: {
      from: fromExtensionPage,
      handle: async () => {
        const current = await connection.load();
        return connectionStatusOf(current, connection.budgetStatus(current));
      },
      refused: { configured: false, accounts: [], activeAccountId: null },
    },
  };
}

/** Checks who is asking and what, then runs the route's handler; anything else gets `refused`. */
export async function answer<K extends Name>(routes: Routes, name: K, data: unknown, sender: Sender): Promise<Reply<K>> {
  const route = routes[name];
  const parsed = toBackground[name].data.safeParse(data);
  if (!parsed.success || !route.from(sender)) return route.refused;
  return route.handle(parsed.data as Data<K>, sender);
}

export function registerRoutes(routes: Routes): void {
  for (const name of Object.keys(routes) as Name[]) {
    // Each message is registered once; the messaging library keeps one listener per name.
    onMessage(name, ({ data, sender }) => answer(routes, name, data, sender));
  }
}

async function relayToFrame(
  lookups: Lookups,
  lookupId: string,
  send: (target: { tabId: number; frameId?: number }) => Promise<void>,
): Promise<void> {
  const record = await lookups.recordOf(lookupId);
  if (record?.tabId == null) return;
  // The frame may have navigated away meanwhile; nothing is left to lay out then.
  await send({ tabId: record.tabId, frameId: record.frameId ?? undefined }).catch(() => undefined);
}

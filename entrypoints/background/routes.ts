/**
 * The background's message handlers, as one table: for each message of `utils/protocol.ts`
 * (everything sent to the background), who may send it, the handler, and what a refused request
 * gets. The schema each message's data must match is the protocol's own; `answer` checks both
 * the sender and the schema before a handler runs.
 *
 * One file over 300 lines: the table names every message once, so a reader sees in one place who
 * may send each one and what it does; the handlers themselves live in their own modules.
 */
import { browser, type Browser } from 'wxt/browser';
import type { AddWindows } from './add-windows';
import type { CardPort, Cards, PageFrame } from './cards';
import type { Leads } from './leads';
import type { Lookups } from './lookups';
import type { CopiedLookups } from './copied-lookups';
import { connectionStatusOf, partitionFor, type ConnectionService } from './connection';
import type { DeviceCopy } from './device-copy';
import type { MarksAnswers } from './marks';
import type { PanelAnswers } from './panel';
import type { RecentLeads } from './recent';
import { t } from '@/utils/i18n';
import { onMessage, sendMessage } from '@/utils/messaging';
import { markSiteOf } from '@/utils/marks';
import { CARD_PORT, cardPort, toBackground, type ProtocolMap, type ToBackground } from '@/utils/protocol';
import { webHost } from '@/utils/sites';

export type Sender = Browser.runtime.MessageSender;

export function fromThisExtension(sender: Sender): boolean {
  return sender.id === browser.runtime.id;
}

/** Extension pages (card, popup, options) have this extension's URL; content scripts do not. */
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
  cards: Cards;
  leads: Leads;
  connection: ConnectionService;
  copy: Pick<DeviceCopy, 'status' | 'syncNow' | 'deleteCopy' | 'search'>;
  recent: Pick<RecentLeads, 'list'>;
  /** The known-lead marks: which values on a page of a site are known leads, within its budget (see marks.ts). */
  marks: Pick<MarksAnswers, 'known' | 'stoppedIn'>;
  /** The host of the page in a tab's top frame, asked of its content script; null when none answers. */
  topHost?: (tabId: number) => Promise<string | null>;
  addWindows: Pick<AddWindows, 'open' | 'draft' | 'added'>;
  /** "Leads on this page": the panel's rows and its bulk import (see panel.ts). */
  panel: Pick<PanelAnswers, 'rows' | 'check' | 'preview' | 'add'>;
  /** "Look up what I copied" (copied-lookups.ts). */
  copied: Pick<CopiedLookups, 'lookUpForPage' | 'takeWaiting'>;
}

const invalidRequest = () => ({ ok: false, failure: { kind: 'bad_request', reason: 'invalid-request' } }) as const;

/** Asks the content script in a tab's top frame for its page's host (from its `location`, which no page script can change). */
async function askTopHost(tabId: number): Promise<string | null> {
  const page = await sendMessage('pageHost', undefined, { tabId, frameId: 0 }).catch(() => null);
  return webHost(page ?? undefined);
}

/**
 * The sites a selection was made on: its frame's own and its tab's top page's, so that lookups
 * off for a site hold on its pages, in every frame of theirs, and in its frames inside other
 * sites' pages. Chromium names the top page in `sender.tab.url`; Firefox does so only with the
 * `tabs` permission, which the extension does not ask for, so there the top frame's content
 * script is asked. Null when the top page could not be learned.
 */
async function sitesOf(sender: Sender, topHost: (tabId: number) => Promise<string | null>): Promise<string[] | null> {
  const tabId = sender.tab?.id;
  const topUrl = sender.tab?.url ?? ((sender.frameId ?? 0) === 0 ? sender.url : undefined);
  const top = topUrl !== undefined ? webHost(topUrl) : tabId !== undefined ? await topHost(tabId) : null;
  // Asked and not answered: not known. (A known top page that is no web page has no site.)
  if (topUrl === undefined && top === null) return null;
  return [...new Set([webHost(sender.url), top])].filter((site): site is string => !!site);
}

/** The page frame a content script's message came from. */
export function pageFrameOf(sender: Sender): PageFrame | null {
  const tabId = sender.tab?.id;
  return tabId === undefined ? null : { tabId, frameId: sender.frameId ?? 0 };
}

export function createRoutes({
  lookups,
  cards,
  leads,
  connection,
  copy,
  recent,
  marks,
  addWindows,
  panel,
  copied,
  topHost = askTopHost,
}: Services): Routes {
  return {
    prepareLookup: {
      from: fromContentScript,
      handle: async (data, sender) => {
        const frame = pageFrameOf(sender);
        const decision = await lookups.prepare(data.text, data.source, {
          tabId: frame?.tabId ?? null,
          frameId: frame?.frameId ?? null,
          sites: await sitesOf(sender, topHost),
        });
        if (decision.action === 'ignore') return decision;
        if (decision.action === 'offer')
          return { action: 'offer', lookupId: decision.lookupId, label: t('lookUpInMega') };
        return frame ? { action: 'show', ...cards.ticket(frame, decision.lookupId) } : { action: 'ignore' };
      },
      refused: { action: 'ignore' },
    },
    startLookup: {
      from: fromContentScript,
      handle: async (data, sender) => {
        const frame = pageFrameOf(sender);
        const record = await lookups.recordOf(data.lookupId);
        // Only the frame the lookup was issued to may start it.
        if (!frame || record?.tabId !== frame.tabId || record.frameId !== frame.frameId) return null;
        return (await lookups.start(data.lookupId)) ? cards.ticket(frame, data.lookupId) : null;
      },
      refused: null,
    },
    focusCard: {
      from: fromContentScript,
      // Only the page frame's own card: the one that frame's content script placed and that claimed its lookups.
      handle: async (_data, sender) => {
        const frame = pageFrameOf(sender);
        return frame ? cards.focus(frame) : false;
      },
      refused: false,
    },
    knownLeads: {
      // The marks script runs in a site's top frame only; a frame of another site inside it is
      // not that site.
      from: (sender) => fromContentScript(sender) && (sender.frameId ?? 0) === 0,
      handle: (data, sender) =>
        marks.known(data, { site: markSiteOf(sender.tab?.url ?? sender.url), tabId: sender.tab?.id ?? -1 }),
      refused: null,
    },
    getLookup: {
      from: fromExtensionPage,
      handle: async (data, sender) =>
        (await cards.isCardOf(data.lookupId, sender))
          ? lookups.view(data.lookupId, data.retry, data.awaitRefresh)
          : { state: 'expired' },
      refused: { state: 'expired' },
    },
    closeCard: {
      from: fromExtensionPage,
      handle: async (data, sender) => {
        if (!(await cards.isCardOf(data.lookupId, sender))) return;
        await relayToFrame(lookups, data.lookupId, (target) => sendMessage('closeCard', data, target));
      },
      refused: undefined,
    },
    hideMatch: {
      from: fromExtensionPage,
      // Only the card that claimed the lookup may change what it shows.
      handle: async (data, sender) =>
        (await cards.isCardOf(data.lookupId, sender))
          ? lookups.hideMatch(data.lookupId, data.leadId)
          : { state: 'expired' },
      refused: { state: 'expired' },
    },
    unhideMatch: {
      from: fromExtensionPage,
      handle: async (data, sender) =>
        (await cards.isCardOf(data.lookupId, sender))
          ? lookups.unhideMatch(data.lookupId, data.leadId)
          : { state: 'expired' },
      refused: { state: 'expired' },
    },
    addInWindow: {
      from: fromExtensionPage,
      handle: async (data, sender) =>
        (await cards.isCardOf(data.lookupId, sender)) ? addWindows.open(data.lookupId) : null,
      refused: null,
    },
    openSettings: { from: fromThisExtension, handle: () => browser.runtime.openOptionsPage(), refused: undefined },
    searchLeads: {
      from: fromExtensionPage,
      handle: (data) => leads.search(data),
      refused: { ok: false, cancelled: true },
    },
    createLead: {
      from: fromExtensionPage,
      handle: async (data, sender) => {
        const reply = await leads.create(data);
        addWindows.added(sender.tab?.windowId, reply);
        return reply;
      },
      refused: invalidRequest(),
    },
    addDraft: {
      from: fromExtensionPage,
      handle: (_data, sender) => addWindows.draft(sender.tab?.windowId),
      refused: null,
    },
    testConnection: { from: fromExtensionPage, handle: (data) => connection.test(data), refused: invalidRequest() },
    previewMerge: { from: fromExtensionPage, handle: (data) => leads.previewMerge(data), refused: null },
    ownersSeen: { from: fromExtensionPage, handle: () => leads.ownersSeen(), refused: [] },
    deviceCopyStatus: { from: fromExtensionPage, handle: () => copy.status(), refused: null },
    syncDeviceCopy: { from: fromExtensionPage, handle: () => copy.syncNow(), refused: null },
    deleteDeviceCopy: { from: fromExtensionPage, handle: () => copy.deleteCopy(), refused: undefined },
    searchDevice: { from: fromExtensionPage, handle: (data) => copy.search(data), refused: null },
    // The clipboard is read for the extension's own pages only: no content script, so no page, can
    // have it read.
    lookUpCopied: {
      from: fromExtensionPage,
      handle: () => copied.lookUpForPage(),
      refused: { outcome: 'not-contact' },
    },
    takeCopiedLookup: { from: fromExtensionPage, handle: () => copied.takeWaiting(), refused: null },
    marksStopped: { from: fromExtensionPage, handle: (data) => marks.stoppedIn(data.tabId), refused: null },
    panelRows: { from: fromExtensionPage, handle: (data) => panel.rows(data.values), refused: null },
    panelCheck: {
      from: fromExtensionPage,
      handle: (data) => panel.check(data.values),
      refused: { values: [], stopped: { kind: 'bad_request', reason: 'invalid-request' } },
    },
    panelPreview: { from: fromExtensionPage, handle: (data) => panel.preview(data.rows), refused: invalidRequest() },
    panelAdd: {
      from: fromExtensionPage,
      handle: (data) => panel.add(data.rows, data.idempotencyKey),
      refused: invalidRequest(),
    },
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
export async function answer<K extends Name>(
  routes: Routes,
  name: K,
  data: unknown,
  sender: Sender,
): Promise<Reply<K>> {
  const route = routes[name];
  const parsed = toBackground[name].data.safeParse(data);
  if (!parsed.success || !route.from(sender)) return route.refused;
  return route.handle(parsed.data as Data<K>, sender);
}

/** `languageLoaded`: the replies word things (errors, labels), so they wait for the chosen language. */
export function registerRoutes(routes: Routes, languageLoaded: Promise<unknown> = Promise.resolve()): void {
  for (const name of Object.keys(routes) as Name[]) {
    // Each message is registered once; the messaging library keeps one listener per name.
    onMessage(name, async ({ data, sender }) => {
      await languageLoaded;
      return answer(routes, name, data, sender);
    });
  }
}

/** A port as `runtime.onConnect` hands it over, as far as the card's port needs it. */
export interface ConnectingPort extends CardPort {
  readonly name: string;
  readonly sender?: Sender;
  onMessage: { addListener(callback: (message: unknown) => void): void };
}

/**
 * The card frame's port (see `cardPort` in the protocol): only an extension page may open it, and
 * its one message, `claimCard`, must match its schema; any other port or message is closed.
 */
export function answerCardPort(cards: Cards, port: ConnectingPort): void {
  if (port.name !== CARD_PORT) return;
  if (!port.sender || !fromExtensionPage(port.sender)) {
    port.disconnect();
    return;
  }
  let claimed = false;
  port.onMessage.addListener((message) => {
    const type = (message as { type?: unknown } | null)?.type;
    const parsed = cardPort.claimCard.data.safeParse((message as { data?: unknown } | null)?.data);
    // One claim per port: a frame that wants other lookups must be given a new key.
    if (type !== 'claimCard' || !parsed.success || claimed) {
      port.disconnect();
      return;
    }
    claimed = cards.claim(parsed.data.key, port);
  });
}

export function registerCardPort(cards: Cards): void {
  browser.runtime.onConnect.addListener((port) => answerCardPort(cards, port as unknown as ConnectingPort));
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

/**
 * The background's message handlers, one per message of the protocol. Each checks who is asking
 * (this extension's own contexts only) and what (the protocol's schemas) before acting.
 */
import { browser, type Browser } from 'wxt/browser';
import type { z } from 'zod';
import { t } from '@/utils/i18n';
import { incoming } from '@/utils/message-schemas';
import { onMessage, sendMessage } from '@/utils/messaging';
import type { LookupService } from './lookups';
import { readSettings, readToken } from '@/utils/storage';

type Sender = Browser.runtime.MessageSender;

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

function parse<T extends z.ZodType>(schema: T, data: unknown): z.infer<T> | undefined {
  const result = schema.safeParse(data);
  return result.success ? result.data : undefined;
}

function hostOf(url: string | undefined): string {
  try {
    return url ? new URL(url).hostname : '';
  } catch {
    return '';
  }
}

export function registerRoutes(service: LookupService): void {
  onMessage('prepareLookup', async ({ data, sender }) => {
    const request = parse(incoming.prepareLookup, data);
    if (!request || !fromContentScript(sender)) return { action: 'ignore' };
    return service.prepare(request.text, request.source, {
      tabId: sender.tab?.id ?? null,
      frameId: sender.frameId ?? null,
      // The tab's site decides whether lookups are off, also for selections inside its frames.
      host: hostOf(sender.tab?.url ?? sender.url),
    });
  });

  onMessage('startLookup', async ({ data, sender }) => {
    const request = parse(incoming.startLookup, data);
    if (request && fromContentScript(sender)) await service.start(request.lookupId);
  });

  onMessage('getLookup', async ({ data, sender }) => {
    const request = parse(incoming.getLookup, data);
    if (!request || !fromExtensionPage(sender)) return { state: 'expired' };
    return service.view(request.lookupId, request.retry);
  });

  onMessage('resizePopover', async ({ data, sender }) => {
    const request = parse(incoming.resizePopover, data);
    if (!request || !fromExtensionPage(sender)) return;
    await relayToFrame(service, request.lookupId, (target) =>
      sendMessage('layoutPopover', { lookupId: request.lookupId, height: request.height }, target),
    );
  });

  onMessage('closePopover', async ({ data, sender }) => {
    const request = parse(incoming.closePopover, data);
    if (!request || !fromExtensionPage(sender)) return;
    await relayToFrame(service, request.lookupId, (target) =>
      sendMessage('hidePopover', { lookupId: request.lookupId }, target),
    );
  });

  onMessage('openSettings', async ({ sender }) => {
    if (fromThisExtension(sender)) await browser.runtime.openOptionsPage();
  });

  onMessage('searchLeads', async ({ data, sender }) => {
    const request = parse(incoming.searchLeads, data);
    if (!request || !fromExtensionPage(sender)) return { ok: false, cancelled: true };
    return service.search(request);
  });

  onMessage('createLead', async ({ data, sender }) => {
    const request = parse(incoming.createLead, data);
    if (!request || !fromExtensionPage(sender)) {
      return { ok: false, failure: { kind: 'bad_request', message: t('failureInvalidRequest') } };
    }
    return service.create(request);
  });

  onMessage('testConnection', async ({ data, sender }) => {
    const request = parse(incoming.testConnection, data);
    if (!request || !fromExtensionPage(sender)) {
      return { ok: false, failure: { kind: 'bad_request', message: t('failureInvalidRequest') } };
    }
    return service.testConnection(request);
  });

  onMessage('connectionStatus', async ({ sender }) => {
    if (!fromExtensionPage(sender)) return { configured: false };
    const [settings, token] = await Promise.all([readSettings(), readToken()]);
    return token && settings.customerId
      ? { configured: true, baseUrl: settings.baseUrl }
      : { configured: false };
  });
}

async function relayToFrame(
  service: LookupService,
  lookupId: string,
  send: (target: { tabId: number; frameId?: number }) => Promise<void>,
): Promise<void> {
  const record = await service.recordOf(lookupId);
  if (record?.tabId == null) return;
  // The frame may have navigated away meanwhile; nothing is left to lay out then.
  await send({ tabId: record.tabId, frameId: record.frameId ?? undefined }).catch(() => undefined);
}

/**
 * The content script's messaging, set up only when first needed: touching the extension APIs is
 * most of what a content script costs at page load, and most pages never see a selection that can
 * be looked up. It speaks the wire format of `@webext-core/messaging` (utils/messaging.ts), which
 * the rest of the extension uses, in a few lines instead of the library, for the same reason.
 *
 * It imports the protocol's types only; the content script holds no zod.
 */
import type { Browser } from 'wxt/browser';
import type { ProtocolMap } from '@/utils/protocol';
import { extensionApi } from './extension-api';

type Name = keyof ProtocolMap;
type DataOf<K extends Name> = Parameters<ProtocolMap[K]>[0];
type ReplyOf<K extends Name> = ReturnType<ProtocolMap[K]>;

/** A handler's answer; `undefined` means this frame does not answer (another frame may). */
export type Handlers = {
  [K in Name]?: (
    data: DataOf<K>,
    sender: Browser.runtime.MessageSender,
  ) => ReplyOf<K> | Promise<ReplyOf<K>> | undefined;
};

interface WireMessage {
  id?: number;
  type?: unknown;
  data?: unknown;
  timestamp?: unknown;
}

export function createMessenger(handlers: Handlers) {
  let listening = false;
  let nextId = Math.floor(Math.random() * 10_000);

  function listen(): void {
    if (listening) return;
    listening = true;
    const { runtime } = extensionApi();
    runtime.onMessage.addListener((message: WireMessage, sender, sendResponse) => {
      // Only this extension's own background and pages can reach runtime.onMessage; check anyway.
      if (sender.id !== runtime.id || typeof message?.type !== 'string') return false;
      const handler = handlers[message.type as Name] as
        ((data: unknown, sender: Browser.runtime.MessageSender) => unknown) | undefined;
      const result = handler?.(message.data, sender);
      if (result === undefined) return false;
      Promise.resolve(result).then(
        (res) => sendResponse({ res }),
        (error: unknown) => sendResponse({ err: { message: String(error) } }),
      );
      return true;
    });
  }

  function send<K extends Name>(type: K, data: DataOf<K>): Promise<Awaited<ReplyOf<K>>> {
    const message = { id: nextId++, type, data, timestamp: Date.now() };
    const { runtime } = extensionApi();
    const reply = new Promise<Awaited<ReplyOf<K>>>((resolve, reject) => {
      runtime.sendMessage(message, (answer?: { res?: Awaited<ReplyOf<K>>; err?: { message?: string } }) => {
        const failed = runtime.lastError;
        if (failed || !answer || answer.err)
          reject(new Error(failed?.message ?? answer?.err?.message ?? 'No response'));
        else resolve(answer.res as Awaited<ReplyOf<K>>);
      });
    });
    // After sending: the message is on its way while the listener is set up.
    listen();
    return reply;
  }

  return { listen, send };
}

export type Messenger = ReturnType<typeof createMessenger>;

/**
 * The runtime messenger for the protocol declared in `./protocol.ts`, for the background and the
 * extension's pages. It imports the protocol's types only, so a page that sends messages bundles no
 * zod. The content script does not use it: it speaks the same wire format without the library
 * (entrypoints/content/messenger.ts).
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { ProtocolMap } from './protocol';

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>({ logger: undefined });

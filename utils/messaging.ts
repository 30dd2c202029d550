/**
 * The runtime messenger for the protocol declared in `./protocol.ts`. It imports the protocol's
 * types only, so a context that sends messages (the content script above all) never bundles zod.
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { ProtocolMap } from './protocol';

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>({ logger: undefined });

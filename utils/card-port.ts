/**
 * The name of the card frame's port to the background (its messages are `cardPort` in
 * protocol.ts). Apart from the protocol so the card frame can import it without the protocol's zod
 * schemas, which stay in the background's bundle.
 */
export const CARD_PORT = 'lead-lens-card';

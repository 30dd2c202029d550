// The people, numbers and credentials the browser cases, the demo and the screenshots use, written
// once. The tokens are the local MEGA server's fixed fake ones (server/credentials.ts); the known
// people are the seed's anchor leads, which every reset brings back.
import {
  DEMO_ACCOUNTS,
  DEMO_CUSTOMER_ID,
  DEMO_TOKEN,
  OTHER_CUSTOMER_ID,
  OTHER_CUSTOMER_TOKEN,
  READ_ONLY_TOKEN,
} from '../../server/credentials.ts';
import { ANCHORS, OTHER_CUSTOMER_ANCHORS } from '../../server/seed.ts';

export { DEMO_CUSTOMER_ID, DEMO_TOKEN, OTHER_CUSTOMER_ID, OTHER_CUSTOMER_TOKEN, READ_ONLY_TOKEN };

/** Well-formed (mega_ and 64 hex digits) but issued to nobody: the server answers 401. */
export const WRONG_TOKEN = `mega_${'0123456789abcdef'.repeat(4)}`;

/** What the options page asks for to reach a MEGA account. */
export interface Connection {
  token: string;
  customerId: string;
  baseUrl: string;
}

/** The demo customer on the local server at `baseUrl`, with the full token unless told otherwise. */
export function demoConnection(baseUrl: string, token: string = DEMO_TOKEN): Connection {
  return { token, customerId: DEMO_CUSTOMER_ID, baseUrl };
}

/** An account as the options page adds it: its name and what it connects to. */
export interface NamedConnection extends Connection {
  name: string;
}

/**
 * The local server's two customers as two accounts ("Demo customer", "Second customer"), each
 * with its own token: the same phone number is Jane Cooper in the first and Jordan Reyes in the
 * second.
 */
export function demoAccounts(baseUrl: string): [NamedConnection, NamedConnection] {
  const [first, second] = DEMO_ACCOUNTS;
  return [
    { name: first.label, token: first.token, customerId: first.customerId, baseUrl },
    { name: second.label, token: second.token, customerId: second.customerId, baseUrl },
  ];
}

/** Leads the server always has. */
export const JANE = ANCHORS.jane; // "+1 (415) 555-0134"
export const LUKAS = ANCHORS.lukas; // "+49 30 12345678"
export const OLIVER = ANCHORS.oliver;
export const AMELIE = ANCHORS.amelie;
/** Custom fields holding a list (tags: vip, spanish) and an object (address: Austin, 78701). */
export const VALERIA = ANCHORS.valeria; // "+1 (737) 555-0172"
/** The second customer's lead on Jane's number. */
export const JORDAN = OTHER_CUSTOMER_ANCHORS.jordan;
/** Jane's address as people write it: mixed case on purpose. */
export const JANE_EMAIL_AS_WRITTEN = 'JANE.Cooper@Acme.com';

/** Numbers no seeded lead has (the cases check that the card says so before relying on it). */
export const UNKNOWN_PHONE = '+1 (646) 555-0177';
export const OTHER_UNKNOWN_PHONE = '+1 (646) 555-0188';

/** Someone a case adds to MEGA from the card: a name and a number nobody in MEGA has yet. */
export interface NewLead {
  name: string;
  phone: string;
}

/** Dana Whitfield on UNKNOWN_PHONE, or whoever the overrides make of her. */
export function newLead(overrides: Partial<NewLead> = {}): NewLead {
  return { name: 'Dana Whitfield', phone: UNKNOWN_PHONE, ...overrides };
}

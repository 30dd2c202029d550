/**
 * The one protocol between Lead Lens's contexts: every message, declared once, grouped by who
 * sends it to whom (see docs/architecture.md, "The protocol").
 *
 * A message the background receives is declared with the zod schema its data must match, and the
 * background checks both the schema and the sender before acting (`entrypoints/background/routes.ts`).
 * A message for a content script is declared by its type alone: the content script holds no zod,
 * and it hears only this extension (a web page cannot reach `runtime.onMessage`).
 *
 * Contexts other than the background import this module with `import type` only, so its zod
 * schemas stay in the background's bundle; `utils/messaging.ts` is the runtime messenger.
 *
 * One file past 400 lines: the protocol is declared once (see above), so every message, its schema
 * and its reply type stay in the one place the background's routes and every sender read.
 */
import { z } from 'zod';
import type { ApiFailure } from './api/errors';
import type { RateBudgetStatus } from './api/rate-budget';
import { LEAD_LINES, MAX_BULK_ROWS, SORT_DIRECTIONS, SORT_FIELDS } from './api/constants';
import type { BulkImportResult, Lead, LeadPage, Owner, Stage } from './api/schemas';
import type { Contact } from './contact';
import type { CustomFieldLabels } from './custom-fields';
import type { IndexStatus } from './device-copy-status';
import { MAX_VALUES_ASKED, type MarksStop } from './marks';
import { MAX_PAGE_CONTACTS, type PageContact } from './page-contacts';

/** A message's type without a run-time schema (its receiver trusts its only possible sender). */
function typed<T>(): T {
  return undefined as T;
}

/** A message that carries no data. */
const nothing = z.undefined();
const lookupId = z.string().uuid();

/** `mark`: a click on a known-lead mark (see `utils/marks.ts`), which is the user asking, like the menu. */
export const LOOKUP_SOURCES = ['selection', 'context-menu', 'shortcut', 'mark'] as const;
export type LookupSource = (typeof LOOKUP_SOURCES)[number];

/**
 * What the content script needs to show a card: the lookup, and when the page frame has no card
 * frame that already claimed its lookups, the one-time key its new (or reloaded) card frame
 * claims them with. The key goes from the content script to its own frame only, by postMessage to
 * the extension's origin; the lead itself goes from the background to that frame.
 */
export interface CardTicket {
  lookupId: string;
  claim: string | null;
  /**
   * The card frame's name for screen readers. The background words it (and the button's label
   * below): a content script's first read of the extension's messages holds the page's thread for
   * milliseconds, right when the card frame is to be made.
   */
  title: string;
}

export type PrepareLookupReply =
  /** Not a phone or email, lookups are off here, or the trigger setting says to wait. */
  | { action: 'ignore' }
  /**
   * Show the small button; the lookup starts when it is clicked. For the "button first" trigger,
   * and once a tab has started many lookups in a short time.
   */
  | { action: 'offer'; lookupId: string; label: string }
  /** The lookup has started (or was answered from the cache): show the card now. */
  | ({ action: 'show' } & CardTicket);

/** A value on the page that is a known lead: how its mark looks (never who the lead is). */
export interface KnownValue {
  value: string;
  /** The lead's stage colour as #rrggbb, or null for the neutral mark. */
  color: string | null;
  /** The stage's name. */
  stage: string | null;
  /** What the mark is announced as ("Known lead in MEGA, Qualified. Open the card"). */
  label: string;
}
export interface KnownLeads {
  known: KnownValue[];
  /** Set when the page has asked about more values than its budget: marks stop there (utils/marks.ts). */
  stopped?: MarksStop;
}

/** The user's own settings for how a card reads: who they are in MEGA, custom field names, the lead link. */
export interface CardDisplay {
  me: { id?: string; name: string } | null;
  leadUrlTemplate: string;
  customFieldLabels: CustomFieldLabels;
}

/** What the card shows for a lookup. */
export type LookupView =
  /** `hidden`: how many matches the user hid with "Not this person" for this value. */
  | {
      state: 'found';
      contact: Contact;
      leads: Lead[];
      total: number;
      hidden: number;
      display: CardDisplay;
      /** Shown from the on-device copy, as synced at this time (ms). */
      asOf?: number;
      /** A newer version is being asked for: `getLookup` with `awaitRefresh` answers it. */
      refreshing?: boolean;
    }
  /** Nothing matches; `stages` are the pipeline stages seen in recent answers, for Add to MEGA. */
  | { state: 'none'; contact: Contact; canCreate: boolean; stages: Stage[]; hidden: number }
  | { state: 'error'; contact: Contact | null; failure: ApiFailure }
  | { state: 'unconfigured' }
  /** The id is unknown: the lookup is too old, or was never issued to this browser. */
  | { state: 'expired' };

export type SearchReply =
  { ok: true; page: LeadPage } | { ok: false; cancelled: true } | { ok: false; cancelled: false; failure: ApiFailure };

/** `merged`: MEGA merged the new details into a lead that existed before. */
export type CreateLeadReply = { ok: true; lead: Lead; merged: boolean } | { ok: false; failure: ApiFailure };
/** A lead added in the Add to MEGA window, for the card that opened it. */
export type AddedLead = { lead: Lead; merged: boolean };
/** What the Add to MEGA window adds: the lookup that found nobody, its value and the stages to pick from. */
export type AddDraft = { lookupId: string; contact: Contact; stages: Stage[] };

/** The lead MEGA would merge a new lead into (same email, or same last 10 phone digits). */
export type MergePreview = { lead: Lead; reason: 'email' | 'phone' } | null;
export type TestConnectionReply = { ok: true; total: number } | { ok: false; failure: ApiFailure };
/** An account as the popup's picker names it; its credentials stay in the background. */
export interface AccountChoice {
  id: string;
  name: string;
}
/**
 * Whether searches and lookups can run, and with which of the accounts in effect. `budget`: where
 * the active account's rate budget stands, once an answer from MEGA has said.
 */
export type ConnectionStatus = (
  { configured: false } | { configured: true; baseUrl: string; budget?: RateBudgetStatus }
) & {
  accounts: AccountChoice[];
  activeAccountId: string | null;
};

/** Who a value on the page is, as the panel shows it ("Leads on this page"). */
export type PanelAnswer =
  /** Not in the copy on this device, and not asked of MEGA yet. */
  | { state: 'unchecked' }
  /** `hidden`: leads the user said are not this person, left out of `leads`. */
  | { state: 'known'; leads: Lead[]; hidden: number }
  | { state: 'none'; hidden: number };

/** A value from the page, read with the user's region (E.164, or a lower-cased email), and its answer. */
export interface PanelValue {
  /** As the page writes it (one of its spellings): the key the panel knows it by. */
  written: string;
  contact: Contact;
  answer: PanelAnswer;
}

export interface PanelRows {
  values: PanelValue[];
  /** The card's settings, for the full card the panel opens. */
  display: CardDisplay;
  /** Answered from the copy on this device: nothing was asked of MEGA. */
  fromCopy: boolean;
  /** Pipeline stages seen in recent answers, for the stage of the leads added. */
  stages: Stage[];
  /** Whether adding leads is allowed (the settings, or the administrator, may turn it off). */
  canCreate: boolean;
}

/** The panel's check with MEGA of values the copy could not answer; `stopped`: why it stopped early. */
export interface PanelCheck {
  values: PanelValue[];
  stopped: ApiFailure | null;
}

/** The bulk import's answer: each row's outcome (or, for a dry run, what it would be), or why it failed. */
export type BulkImportReply = { ok: true; result: BulkImportResult } | { ok: false; failure: ApiFailure };

/** One row the panel adds with the bulk import; the background reads its phone with the user's region. */
const panelBulkRowSchema = z.object({
  row_ref: z.string().min(1).max(64),
  contact_name: z.string().trim().min(1).max(200).optional(),
  contact_phone: z.string().trim().min(1).max(60).optional(),
  contact_email: z.string().trim().min(1).max(254).optional(),
  stage_slug: z.string().min(1).max(100).optional(),
});
export type PanelBulkRow = z.infer<typeof panelBulkRowSchema>;
const panelBulkRowsSchema = z.array(panelBulkRowSchema).min(1).max(MAX_BULK_ROWS);
/**
 * What "Look up what I copied" (the popup's button, or the shortcut where nothing was selected)
 * found on the clipboard. The clipboard's text itself is never part of it: only a value that
 * parsed as a phone number or email goes on, as the lookup's contact.
 */
export type CopiedLookup =
  /** The clipboard may not be read yet: the user grants it from an extension page. */
  | { outcome: 'no-permission' }
  /** Empty, unreadable, or not a phone number or email: nothing was sent. */
  | { outcome: 'not-contact' }
  /** Lookups are off for the site of the tab the shortcut was pressed in. */
  | { outcome: 'off-here' }
  | { outcome: 'looked-up'; view: LookupView };

/** What "Add to MEGA" sends; the background normalises the phone with the user's region. */
export const addLeadInputSchema = z.object({
  contact_name: z.string().trim().min(1).max(200).optional(),
  contact_phone: z.string().trim().min(1).max(60).optional(),
  contact_email: z.string().trim().min(1).max(254).optional(),
  stage_slug: z.string().min(1).max(100).optional(),
  lead_line: z.enum(LEAD_LINES).optional(),
});
export type AddLeadInput = z.infer<typeof addLeadInputSchema>;

const searchRequestSchema = z.object({
  /** One id per popup instance, so a new search cancels that popup's previous one. */
  channel: z.string().min(1).max(64),
  search: z.string().max(256),
  status: z.string().max(40).optional(),
  lead_line: z.enum(LEAD_LINES).optional(),
  sort_by: z.enum(SORT_FIELDS),
  sort_dir: z.enum(SORT_DIRECTIONS),
  cursor: z.string().max(2000).optional(),
  limit: z.number().int().min(1).max(100).optional(),
});
export type SearchRequest = z.infer<typeof searchRequestSchema>;

const deviceSearchSchema = searchRequestSchema.omit({ channel: true, cursor: true }).extend({
  offset: z.number().int().min(0).max(1_000_000).optional(),
});

const idempotencyKeySchema = z
  .string()
  .min(8)
  .max(100)
  .regex(/^[\x21-\x7e]+$/);

/** Values the panel checks with MEGA in one message: a Stop lands between two of these. */
export const PANEL_CHECK_BATCH = 5;

const createLeadRequestSchema = z.object({
  /** The lookup that found nothing, so the new lead answers it from now on. */
  lookupId: lookupId.optional(),
  /** The same for every attempt of one user action (see IdempotencyKeys). */
  idempotencyKey: idempotencyKeySchema,
  input: addLeadInputSchema,
});
export type CreateLeadRequest = z.infer<typeof createLeadRequestSchema>;

const connectionDraftSchema = z.object({
  /** The saved account being edited, whose saved token may be used for its own address. */
  accountId: z.string().max(100).optional(),
  baseUrl: z.string().max(2000),
  customerId: z.string().max(100),
  /** A token typed but not saved yet; without it the saved token is used. */
  token: z.string().max(500).optional(),
});
export type ConnectionDraft = z.infer<typeof connectionDraftSchema>;

/** Content script → background: a selection to look up, and an offered lookup to start. */
export const contentToBackground = {
  prepareLookup: {
    data: z.object({ text: z.string().min(1).max(200), source: z.enum(LOOKUP_SOURCES) }),
    reply: typed<PrepareLookupReply>(),
  },
  /** The small button was clicked; null when the lookup is unknown (too old). */
  startLookup: { data: z.object({ lookupId }), reply: typed<CardTicket | null>() },
  /**
   * Firefox: the shortcut again, with a card shown; the page cannot move focus into the card's
   * frame there, so the background asks that frame to take it (`takeFocus` over its port).
   */
  focusCard: { data: nothing, reply: typed<boolean>() },
  /**
   * The marks script: which of these values, as written on the page, are leads in the device copy.
   * Answered from the copy alone (nothing leaves the browser); null when marks are not on for the
   * page's site, or there is no copy to answer from. `load`: the marks script's own name for this
   * load of the page, which its budget counts by; `bulk`: the script stopped, since the page added
   * values in bulk (said in the popup).
   */
  knownLeads: {
    data: z.object({
      values: z.array(z.string().min(1).max(254)).max(MAX_VALUES_ASKED),
      load: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
      bulk: z.literal(true).optional(),
    }),
    reply: typed<KnownLeads | null>(),
  },
};

/**
 * Card frame → background. A card asks only about the lookups it claimed (see `cardPort`); any
 * other frame, a copy of the card framed by a page included, gets "expired" and nothing else.
 */
export const frameToBackground = {
  /** The lookup again (the card's "Try again"); its answer is also pushed to the card. */
  getLookup: {
    data: z.object({ lookupId, retry: z.boolean().optional(), awaitRefresh: z.boolean().optional() }),
    reply: typed<LookupView>(),
  },
  closeCard: { data: z.object({ lookupId }), reply: typed<void>() },
  /** "Not this person": leave this lead out for this lookup's value (and back in, on Undo). */
  hideMatch: { data: z.object({ lookupId, leadId: z.string().min(1).max(200) }), reply: typed<LookupView>() },
  unhideMatch: { data: z.object({ lookupId, leadId: z.string().min(1).max(200) }), reply: typed<LookupView>() },
  /**
   * Add to MEGA in a window of its own, where no page can draw over the form (Firefox, where the
   * card cannot tell it is covered); answered once the window closes: with the lead added there, or null.
   */
  addInWindow: { data: z.object({ lookupId }), reply: typed<AddedLead | null>() },
};

export { CARD_PORT } from './card-port';

/**
 * Over the card frame's port (`runtime.connect({ name: CARD_PORT })`), one message each way: the
 * frame claims the lookups of the page frame that placed it, with the key that page frame's
 * content script posted to it; the background then pushes each of those lookups to it, at once
 * and again when its answer is in, with no request from the frame in between.
 */
export const cardPort = {
  /** Card frame → background. */
  claimCard: { data: z.object({ key: z.string().regex(/^[A-Za-z0-9_-]{22,64}$/) }) },
  /** Background → card frame: the lookup to show; `view` is null while its request runs. */
  showLookup: { data: typed<{ lookupId: string; view: LookupView | null }>() },
  /** Background → card frame: the user asked to move into the card (see `focusCard`). */
  takeFocus: { data: typed<undefined>() },
};
export type CardPortMessage<K extends keyof typeof cardPort = keyof typeof cardPort> = {
  [N in K]: { type: N; data: DataOf<(typeof cardPort)[N]['data']> };
}[K];

/** Extension pages (card, popup, options) → background. */
export const pagesToBackground = {
  openSettings: { data: nothing, reply: typed<void>() },
  searchLeads: { data: searchRequestSchema, reply: typed<SearchReply>() },
  createLead: { data: createLeadRequestSchema, reply: typed<CreateLeadReply>() },
  /** The Add to MEGA window: what it adds, known by the window it is in; null when it is no such window. */
  addDraft: { data: nothing, reply: typed<AddDraft | null>() },
  testConnection: { data: connectionDraftSchema, reply: typed<TestConnectionReply>() },
  connectionStatus: { data: nothing, reply: typed<ConnectionStatus>() },
  previewMerge: {
    data: z.object({
      contact_phone: z.string().trim().max(60).optional(),
      contact_email: z.string().trim().max(254).optional(),
    }),
    reply: typed<MergePreview>(),
  },
  /** Lead owners seen in the active account's answers, for "Your name in MEGA". */
  ownersSeen: { data: nothing, reply: typed<Owner[]>() },
  /** The active account's copy of its leads on this device; null when it keeps none. */
  deviceCopyStatus: { data: nothing, reply: typed<IndexStatus | null>() },
  syncDeviceCopy: { data: nothing, reply: typed<IndexStatus | null>() },
  deleteDeviceCopy: { data: nothing, reply: typed<void>() },
  /** The popup's search over the device copy, answered at once; null: there is no copy to search. */
  searchDevice: { data: deviceSearchSchema, reply: typed<{ leads: Lead[]; total: number } | null>() },
  /** The last leads looked up under the active account, for the popup's empty search box. */
  recentLeads: { data: nothing, reply: typed<Lead[]>() },
  /** "Look up what I copied": the clipboard read once, now, and its phone number or email looked up. */
  lookUpCopied: { data: nothing, reply: typed<CopiedLookup>() },
  /**
   * What the shortcut looked up from the clipboard for a page that could not show a card, left for
   * the popup it opened (or the side panel) to show; null when nothing is waiting. Taken once.
   */
  takeCopiedLookup: { data: nothing, reply: typed<CopiedLookup | null>() },
  /** Why known-lead marks stopped on the page open in this tab, for the popup's marks switch; null: they did not. */
  marksStopped: { data: z.object({ tabId: z.number().int().nonnegative() }), reply: typed<MarksStop | null>() },
  /**
   * The panel: who each value on the page is, from the copy on this device alone (no request);
   * values it cannot answer come back unchecked.
   */
  panelRows: {
    data: z.object({ values: z.array(z.string().min(1).max(254)).max(MAX_PAGE_CONTACTS) }),
    reply: typed<PanelRows | null>(),
  },
  /** The panel checks a few unchecked values with MEGA, within the lookups' share of the rate budget. */
  panelCheck: {
    data: z.object({ values: z.array(z.string().min(1).max(254)).min(1).max(PANEL_CHECK_BATCH) }),
    reply: typed<PanelCheck>(),
  },
  /** "Add N to MEGA": the bulk import's dry run, what each row would become. */
  panelPreview: { data: z.object({ rows: panelBulkRowsSchema }), reply: typed<BulkImportReply>() },
  /** "Add": the bulk import, with the key of the user's action (the same on a retry). */
  panelAdd: {
    data: z.object({ rows: panelBulkRowsSchema, idempotencyKey: idempotencyKeySchema }),
    reply: typed<BulkImportReply>(),
  },
};

/**
 * Background → content script. `closeCard` is the card's own message, relayed under the same
 * name to the content script of the tab and frame that placed the card.
 */
export const backgroundToContent = {
  /** The context menu's lookup, for the frame the menu was opened in. */
  showCard: { data: typed<CardTicket>(), reply: typed<void>() },
  closeCard: { data: typed<{ lookupId: string }>(), reply: typed<void>() },
  /**
   * The shortcut: only the frame that has the focus answers: true once it looked up its selection
   * or moved into its card, false when it has nothing selected (the clipboard is read then).
   */
  lookupSelectionNow: { data: typed<undefined>(), reply: typed<boolean>() },
  /** The marks script reads its page again: the account, its copy or the sites with marks changed. */
  refreshMarks: { data: typed<undefined>(), reply: typed<boolean>() },
};

/** Background → the clipboard reader (Chrome's offscreen document): the clipboard's text, read now. */
export const backgroundToClipboardReader = {
  readClipboard: { data: typed<undefined>(), reply: typed<string>() },
};

/** Popup → content script (top frame): the page's scheme and host ("https://example.com"), which the popup cannot read without `tabs`. */
export const popupToContent = {
  pageHost: { data: typed<undefined>(), reply: typed<string | null>() },
};

/**
 * Page-reading script → panel: a frame's contacts, whenever it has read its page (again). Every
 * extension page hears it; the panel takes only its followed tab's, and checks the shape itself.
 */
export const contentToPanel = {
  pageContacts: { data: typed<{ contacts: PageContact[] }>(), reply: typed<boolean>() },
};

/** Every message the background receives, with its schema. */
export const toBackground = { ...contentToBackground, ...frameToBackground, ...pagesToBackground };
export type ToBackground = typeof toBackground;

/** A relayed message keeps its name and data, so its declaration as received by the background serves. */
type Declarations = ToBackground &
  Omit<typeof backgroundToContent, keyof ToBackground> &
  typeof popupToContent &
  typeof contentToPanel &
  typeof backgroundToClipboardReader;
type DataOf<D> = D extends z.ZodType ? z.infer<D> : D;

/** The protocol as `@webext-core/messaging` types it: each message's data and reply. */
export type ProtocolMap = {
  [K in keyof Declarations]: (data: DataOf<Declarations[K]['data']>) => Declarations[K]['reply'];
};

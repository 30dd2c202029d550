import { describe, expect, it } from 'vitest';
import { CLAIM_TTL_MS, createCards, type CardBindingStore, type CardPort, type FrameSender } from './cards';
import type { Contact } from '@/utils/contact';
import type { LookupView } from '@/utils/protocol';
import type { LookupRecord } from '@/utils/storage';

const JANE: Contact = { kind: 'email', value: 'jane@acme.com', display: 'jane@acme.com' };
const FOUND: LookupView = {
  state: 'found',
  contact: JANE,
  leads: [],
  total: 0,
  hidden: 0,
  display: { me: null, leadUrlTemplate: '', customFieldLabels: {} },
};

/** A card frame's port as the background sees it, keeping what was pushed to it. */
function port(sender: FrameSender) {
  const pushed: Array<{ lookupId: string; view: LookupView | null }> = [];
  const focusAsked: number[] = [];
  const onDisconnect: Array<() => void> = [];
  let connected = true;
  const card: CardPort & {
    pushed: typeof pushed;
    focusAsked: typeof focusAsked;
    connected: () => boolean;
    goAway: () => void;
  } = {
    sender,
    pushed,
    focusAsked,
    connected: () => connected,
    postMessage: (message) => {
      if (message.type === 'takeFocus') focusAsked.push(1);
      else pushed.push(message.data);
    },
    disconnect: () => {
      connected = false;
    },
    onDisconnect: { addListener: (callback) => void onDisconnect.push(callback) },
    goAway: () => {
      connected = false;
      for (const callback of onDisconnect) callback();
    },
  };
  return card;
}

/** Lookups whose answers are ready at once (cached), or when `answer` is called (a request). */
function setup(options: { pending?: boolean; bindings?: CardBindingStore; records?: Map<string, LookupRecord> } = {}) {
  const records = options.records ?? new Map<string, LookupRecord>();
  const answers: Array<() => void> = [];
  let clock = 1_000;
  let keys = 0;
  const cards = createCards({
    lookups: {
      recordOf: async (lookupId) => records.get(lookupId),
      view: (lookupId) =>
        options.pending
          ? new Promise<LookupView>((resolve) =>
              answers.push(() => resolve(records.has(lookupId) ? FOUND : { state: 'expired' })),
            )
          : Promise.resolve(records.has(lookupId) ? FOUND : { state: 'expired' }),
    },
    randomKey: () => `key-${(keys += 1)}-abcdefghijklmnopqrstu`,
    now: () => clock,
    ...(options.bindings ? { bindings: options.bindings } : {}),
  });
  const issue = (lookupId: string, tabId = 7, frameId = 0) => {
    records.set(lookupId, { contact: JANE, partition: 'acme#1', tabId, frameId, createdAt: clock });
    return cards.ticket({ tabId, frameId }, lookupId);
  };
  return {
    cards,
    issue,
    records,
    answerAll: () => answers.splice(0).forEach((answer) => answer()),
    tick: (ms: number) => (clock += ms),
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('a card frame shows the lookups it claimed, and no other frame does', () => {
  it('gives a key with the first lookup of a page frame; the frame that hands it back is shown the lookup', async () => {
    const { cards, issue } = setup();
    const ticket = issue('lookup-1');
    expect(ticket.claim).toEqual(expect.any(String));
    // The frame's name for screen readers comes with it: the content script reads no messages.
    expect(ticket.title).toBe('Lead Lens');
    const card = port({ tab: { id: 7 }, frameId: 3 });
    expect(cards.claim(ticket.claim!, card)).toBe(true);
    await settle();
    expect(card.pushed).toEqual([{ lookupId: 'lookup-1', view: FOUND }]);
  });

  it('pushes the next lookups of that page frame to the same card, with no key and no request from it', async () => {
    const { cards, issue } = setup();
    const card = port({ tab: { id: 7 }, frameId: 3 });
    cards.claim(issue('lookup-1').claim!, card);
    await settle();
    const next = issue('lookup-2');
    expect(next.claim).toBeNull();
    await settle();
    expect(card.pushed.map((push) => push.lookupId)).toEqual(['lookup-1', 'lookup-2']);
  });

  it('says "loading" at once while the request runs, then pushes the answer', async () => {
    const { cards, issue, answerAll } = setup({ pending: true });
    const card = port({ tab: { id: 7 }, frameId: 3 });
    cards.claim(issue('lookup-1').claim!, card);
    await settle();
    expect(card.pushed).toEqual([{ lookupId: 'lookup-1', view: null }]);
    answerAll();
    await settle();
    expect(card.pushed).toEqual([
      { lookupId: 'lookup-1', view: null },
      { lookupId: 'lookup-1', view: FOUND },
    ]);
  });

  it('drops an answer that comes after the page frame moved on to another lookup', async () => {
    const { cards, issue, answerAll } = setup({ pending: true });
    const card = port({ tab: { id: 7 }, frameId: 3 });
    cards.claim(issue('lookup-1').claim!, card);
    issue('lookup-2');
    answerAll();
    await settle();
    expect(card.pushed.filter((push) => push.view !== null).map((push) => push.lookupId)).toEqual(['lookup-2']);
  });

  it.each<[what: string, sender: FrameSender]>([
    ['a frame in another tab', { tab: { id: 8 }, frameId: 3 }],
    ['something that is not in a tab', { frameId: 3 }],
  ])('refuses a key handed back by %s: it is told "expired" and its port is closed', async (_what, sender) => {
    const { cards, issue } = setup();
    const ticket = issue('lookup-1');
    const intruder = port(sender);
    expect(cards.claim(ticket.claim!, intruder)).toBe(false);
    await settle();
    expect(intruder.pushed).toEqual([{ lookupId: '', view: { state: 'expired' } }]);
    expect(intruder.connected()).toBe(false);
  });

  it('takes a key once: a second frame with the same key (a copy the page framed) gets nothing', async () => {
    const { cards, issue } = setup();
    const ticket = issue('lookup-1');
    const ours = port({ tab: { id: 7 }, frameId: 3 });
    const copy = port({ tab: { id: 7 }, frameId: 4 });
    expect(cards.claim(ticket.claim!, ours)).toBe(true);
    expect(cards.claim(ticket.claim!, copy)).toBe(false);
    await settle();
    issue('lookup-2');
    await settle();
    expect(copy.pushed.map((push) => push.view)).toEqual([{ state: 'expired' }]);
    expect(ours.pushed.map((push) => push.lookupId)).toEqual(['lookup-1', 'lookup-2']);
  });

  it('refuses an unknown key and one claimed too late', () => {
    const { cards, issue, tick } = setup();
    expect(cards.claim('made-up-key-0123456789abcdef', port({ tab: { id: 7 }, frameId: 3 }))).toBe(false);
    const ticket = issue('lookup-1');
    tick(CLAIM_TTL_MS);
    expect(cards.claim(ticket.claim!, port({ tab: { id: 7 }, frameId: 3 }))).toBe(false);
  });

  it('issues a new key once the card frame has gone (reloaded, or the background restarted)', async () => {
    const { cards, issue } = setup();
    const first = port({ tab: { id: 7 }, frameId: 3 });
    cards.claim(issue('lookup-1').claim!, first);
    first.goAway();
    const ticket = issue('lookup-2');
    expect(ticket.claim).toEqual(expect.any(String));
    const second = port({ tab: { id: 7 }, frameId: 5 });
    cards.claim(ticket.claim!, second);
    await settle();
    expect(second.pushed.map((push) => push.lookupId)).toEqual(['lookup-2']);
  });

  it('keeps page frames apart: a card shows only its own page frame’s lookups', async () => {
    const { cards, issue } = setup();
    const top = port({ tab: { id: 7 }, frameId: 3 });
    cards.claim(issue('top-lookup', 7, 0).claim!, top);
    const inner = issue('frame-lookup', 7, 2);
    expect(inner.claim).toEqual(expect.any(String));
    await settle();
    expect(top.pushed.map((push) => push.lookupId)).toEqual(['top-lookup']);
  });
});

describe('moving into the card (Firefox, where the page cannot)', () => {
  it("asks only the page frame's own card frame to take the focus", async () => {
    const { cards, issue } = setup();
    const mine = port({ tab: { id: 7 }, frameId: 3 });
    const other = port({ tab: { id: 7 }, frameId: 4 });
    cards.claim(issue('lookup-1', 7, 0).claim!, mine);
    cards.claim(issue('lookup-2', 7, 1).claim!, other);
    await settle();
    expect(cards.focus({ tabId: 7, frameId: 0 })).toBe(true);
    expect(mine.focusAsked).toHaveLength(1);
    expect(other.focusAsked).toHaveLength(0);
  });

  it('says so when the page frame has no card frame', () => {
    const { cards, issue } = setup();
    issue('lookup-1');
    expect(cards.focus({ tabId: 7, frameId: 0 })).toBe(false);
    expect(cards.focus({ tabId: 8, frameId: 0 })).toBe(false);
  });
});

describe('who may ask about a lookup', () => {
  it('is the card frame that claimed it, in the same document', async () => {
    const { cards, issue } = setup();
    cards.claim(issue('lookup-1').claim!, port({ tab: { id: 7 }, frameId: 3, documentId: 'doc-a' }));
    expect(await cards.isCardOf('lookup-1', { tab: { id: 7 }, frameId: 3, documentId: 'doc-a' })).toBe(true);
    expect(await cards.isCardOf('lookup-1', { tab: { id: 7 }, frameId: 3, documentId: 'doc-b' })).toBe(false);
    expect(await cards.isCardOf('lookup-1', { tab: { id: 7 }, frameId: 4 })).toBe(false);
    expect(await cards.isCardOf('lookup-1', { tab: { id: 8 }, frameId: 3 })).toBe(false);
    expect(await cards.isCardOf('unknown', { tab: { id: 7 }, frameId: 3 })).toBe(false);
  });
});

describe('a restart of the background in the middle of a request', () => {
  /** Session storage, as a restarted background finds it. */
  function sessionStore(): CardBindingStore {
    let saved: Record<string, FrameSender> | null = null;
    return { load: async () => structuredClone(saved), save: async (value) => void (saved = structuredClone(value)) };
  }
  const CARD = { tab: { id: 7 }, frameId: 3, documentId: 'doc-a' };

  it('lets the card that claimed the lookup ask for it again, and no other frame', async () => {
    const bindings = sessionStore();
    const before = setup({ bindings });
    before.cards.claim(before.issue('lookup-1').claim!, port(CARD));
    await settle();
    const after = setup({ bindings, records: before.records });
    expect(await after.cards.isCardOf('lookup-1', CARD)).toBe(true);
    expect(await after.cards.isCardOf('lookup-1', { ...CARD, documentId: 'doc-b' })).toBe(false);
    expect(await after.cards.isCardOf('lookup-1', { ...CARD, frameId: 4 })).toBe(false);
  });

  it('forgets a card frame that went away before the restart', async () => {
    const bindings = sessionStore();
    const before = setup({ bindings });
    const card = port(CARD);
    before.cards.claim(before.issue('lookup-1').claim!, card);
    await settle();
    card.goAway();
    await settle();
    const after = setup({ bindings, records: before.records });
    expect(await after.cards.isCardOf('lookup-1', CARD)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { linkCard, type CardLinkDeps } from './card-link';
import type { LookupView } from '@/utils/protocol';

type Listener = (message: unknown) => void;

/** The frame's side: its ports, the messages posted to its window, and its one timer. */
function frame() {
  const parent = { name: 'parent window' };
  const ports: Array<{ sent: unknown[]; open: boolean; push: Listener; drop: () => void }> = [];
  const onMessage: Array<(event: { source: unknown; data: unknown }) => void> = [];
  let timer: (() => void) | undefined;
  const deps: CardLinkDeps = {
    connect: () => {
      const listeners: Listener[] = [];
      const gone: Array<() => void> = [];
      const record = {
        sent: [] as unknown[],
        open: true,
        push: (message: unknown) => listeners.forEach((listener) => listener(message)),
        drop: () => gone.forEach((callback) => callback()),
      };
      ports.push(record);
      return {
        postMessage: (message: unknown) => void record.sent.push(message),
        disconnect: () => {
          record.open = false;
        },
        onMessage: { addListener: (listener: Listener) => void listeners.push(listener) },
        onDisconnect: { addListener: (callback: () => void) => void gone.push(callback) },
      } as unknown as ReturnType<CardLinkDeps['connect']>;
    },
    window: {
      parent: parent as unknown as Window,
      addEventListener: ((type: string, listener: (event: { source: unknown; data: unknown }) => void) => {
        if (type === 'message') onMessage.push(listener);
      }) as Window['addEventListener'],
    },
    setTimeout: (callback) => {
      timer = callback;
    },
  };
  const shown: Array<[string, LookupView | null]> = [];
  let hidden = 0;
  const lost: string[] = [];
  let covered = 0;
  let focused = 0;
  linkCard(
    {
      show: (lookupId, view) => shown.push([lookupId, view]),
      hide: () => (hidden += 1),
      lost: (lookupId) => lost.push(lookupId),
      covered: () => (covered += 1),
      focus: () => (focused += 1),
    },
    deps,
  );
  return {
    ports,
    shown,
    lost,
    post: (data: unknown, source: unknown = parent) => onMessage.forEach((listener) => listener({ source, data })),
    expire: () => timer?.(),
    hidden: () => hidden,
    covered: () => covered,
    focused: () => focused,
  };
}

const KEY = 'q2Xh0c5l1yV3ZJm4K8pR6tNw9sFbAeUd';

describe('moving into the card', () => {
  it('takes the focus when the background asks over its port, and not when a page posts it', () => {
    const card = frame();
    card.post({ leadLensClaim: KEY });
    card.post({ type: 'takeFocus' });
    expect(card.focused()).toBe(0);
    card.ports[0]!.push({ type: 'takeFocus', data: undefined });
    expect(card.focused()).toBe(1);
  });
});

describe('the card frame claims its lookups with the key its page frame posts to it', () => {
  it('hands the key from its parent to the background over its port, then shows what is pushed', () => {
    const card = frame();
    card.post({ leadLensClaim: KEY });
    expect(card.ports).toHaveLength(1);
    expect(card.ports[0]!.sent).toEqual([{ type: 'claimCard', data: { key: KEY } }]);
    card.ports[0]!.push({ type: 'showLookup', data: { lookupId: 'lookup-1', view: null } });
    expect(card.shown).toEqual([['lookup-1', null]]);
    card.expire();
    expect(card.shown).toHaveLength(1);
  });

  it('ignores keys from anything but its parent window, and messages that are not keys', () => {
    const card = frame();
    card.post({ leadLensClaim: KEY }, { name: 'another frame' });
    card.post({ leadLensClaim: 42 });
    card.post('hello');
    expect(card.ports[0]!.sent).toEqual([]);
  });

  it('says "expired" when nobody gives it a key (a copy of the card framed by a page)', () => {
    const card = frame();
    card.expire();
    expect(card.shown).toEqual([['', { state: 'expired' }]]);
  });

  it('claims a second key over a new port (the background restarted in between)', () => {
    const card = frame();
    card.post({ leadLensClaim: KEY });
    card.ports[0]!.drop();
    card.post({ leadLensClaim: `${KEY}2` });
    expect(card.ports).toHaveLength(2);
    expect(card.ports[1]!.sent).toEqual([{ type: 'claimCard', data: { key: `${KEY}2` } }]);
  });
});

describe('the card frame forgets a lookup when its page frame hides the card', () => {
  it('clears what it shows when its parent says the card was hidden, and shows the next push', () => {
    const card = frame();
    card.post({ leadLensClaim: KEY });
    card.ports[0]!.push({ type: 'showLookup', data: { lookupId: 'lookup-1', view: null } });
    card.post({ leadLensHidden: true });
    expect(card.hidden()).toBe(1);
    card.ports[0]!.push({ type: 'showLookup', data: { lookupId: 'lookup-2', view: null } });
    expect(card.shown.map(([lookupId]) => lookupId)).toEqual(['lookup-1', 'lookup-2']);
  });

  it('takes that only from its parent window', () => {
    const card = frame();
    card.post({ leadLensHidden: true }, { name: 'another frame' });
    card.post({ leadLensHidden: 'yes' });
    expect(card.hidden()).toBe(0);
  });
});

describe('a card whose background stopped in the middle of the request', () => {
  it('asks for the lookup it was waiting for once the port closes, and only then', () => {
    const card = frame();
    card.post({ leadLensClaim: KEY });
    const port = card.ports.at(-1)!;
    port.push({ type: 'showLookup', data: { lookupId: 'lookup-1', view: null } });
    expect(card.lost).toEqual([]);
    port.drop();
    expect(card.lost).toEqual(['lookup-1']);
  });

  it('asks nothing when the answer was already in, or the card was hidden', () => {
    const answered = frame();
    answered.post({ leadLensClaim: KEY });
    answered.ports.at(-1)!.push({ type: 'showLookup', data: { lookupId: 'lookup-1', view: null } });
    answered.ports.at(-1)!.push({ type: 'showLookup', data: { lookupId: 'lookup-1', view: { state: 'expired' } } });
    answered.ports.at(-1)!.drop();
    expect(answered.lost).toEqual([]);

    const hidden = frame();
    hidden.post({ leadLensClaim: KEY });
    hidden.ports.at(-1)!.push({ type: 'showLookup', data: { lookupId: 'lookup-2', view: null } });
    hidden.post({ leadLensHidden: true });
    hidden.ports.at(-1)!.drop();
    expect(hidden.lost).toEqual([]);
  });
});

describe('the card after one the page kept covering', () => {
  it('says so when its page frame tells it, and from nowhere else', () => {
    const card = frame();
    card.post({ leadLensCovered: true }, { name: 'another frame' });
    expect(card.covered()).toBe(0);
    card.post({ leadLensClaim: KEY });
    card.post({ leadLensCovered: true });
    expect(card.covered()).toBe(1);
  });
});

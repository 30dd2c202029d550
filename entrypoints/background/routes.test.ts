import { describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { answer, createRoutes, fromContentScript, fromExtensionPage, type Services } from './routes';
import type { Cards } from './cards';
import { answerCardPort, type ConnectingPort, type Sender } from './routes';
import { MAX_VALUES_ASKED } from '@/utils/marks';
import { CARD_PORT } from '@/utils/protocol';

describe('who may ask the background', () => {
  const page = browser.runtime.getURL('/card.html');
  const ours = browser.runtime.id;

  it('tells the card and popup (extension pages) from content scripts', () => {
    expect(fromExtensionPage({ id: ours, url: page })).toBe(true);
    expect(fromContentScript({ id: ours, url: page })).toBe(false);
    const contentScript = { id: ours, url: 'https://example.com/', tab: { id: 7 } } as never;
    expect(fromContentScript(contentScript)).toBe(true);
    expect(fromExtensionPage(contentScript)).toBe(false);
  });

  it('ignores every other extension and the web', () => {
    expect(fromExtensionPage({ id: 'another-extension', url: page })).toBe(false);
    expect(fromContentScript({ id: 'another-extension', url: 'https://example.com/', tab: { id: 7 } } as never)).toBe(
      false,
    );
    expect(fromExtensionPage({ url: 'https://example.com/' })).toBe(false);
  });
});

describe('the route table', () => {
  const ours = browser.runtime.id;
  const contentScript = {
    id: ours,
    url: 'https://mail.example.com/inbox',
    tab: { id: 7, url: 'https://www.Mail.example.com/inbox' },
    frameId: 2,
  } as never;
  const extensionPage = { id: ours, url: browser.runtime.getURL('/popup.html') } as never;
  const stranger = { id: 'another-extension', url: 'https://evil.example/' } as never;
  const lookupId = '5b0f7d1e-7a8e-4d38-9f0e-2f1c3a4b5c6d';

  function routes(
    decision: unknown = { action: 'show', lookupId },
    topHost = async (_tabId: number) => null as string | null,
  ) {
    const calls: Array<[string, unknown[]]> = [];
    const record =
      (name: string, result: unknown) =>
      async (...args: unknown[]) => {
        calls.push([name, args]);
        return result;
      };
    const services = {
      lookups: {
        prepare: record('prepare', decision),
        start: record('start', undefined),
        view: record('view', { state: 'expired' }),
        recordOf: record('recordOf', undefined),
      },
      leads: { search: record('search', { ok: false, cancelled: true }), create: record('create', { ok: true }) },
      connection: {
        test: record('test', { ok: true, total: 1 }),
        load: record('load', { account: null, token: null }),
      },
      cards: {
        ticket: (_frame: unknown, id: string) => ({ lookupId: id, claim: 'claim-key' }),
        focus: (frame: unknown) => (calls.push(['focus', [frame]]), true),
      },
      marks: { known: record('known', { known: [] }), stoppedIn: record('stoppedIn', 'page') },
      panel: {
        rows: record('rows', null),
        check: record('check', { values: [], stopped: null }),
        preview: record('preview', { ok: true }),
        add: record('add', { ok: true }),
      },
      copied: {
        lookUpForPage: record('lookUpForPage', { outcome: 'looked-up', view: { state: 'expired' } }),
        takeWaiting: record('takeWaiting', null),
      },
      topHost: async (tabId: number) => {
        calls.push(['topHost', [tabId]]);
        return topHost(tabId);
      },
    } as unknown as Services;
    return { table: createRoutes(services), calls };
  }

  it("asks the card of the content script's own frame to take the focus, for a content script only", async () => {
    const { table, calls } = routes();
    expect(await answer(table, 'focusCard', undefined, extensionPage)).toBe(false);
    expect(calls).toEqual([]);
    expect(await answer(table, 'focusCard', undefined, contentScript)).toBe(true);
    expect(calls).toEqual([['focus', [{ tabId: 7, frameId: 2 }]]]);
  });

  it('reads the clipboard for an extension page only, never for a content script', async () => {
    const { table, calls } = routes();
    expect(await answer(table, 'lookUpCopied', undefined, contentScript)).toEqual({ outcome: 'not-contact' });
    expect(await answer(table, 'lookUpCopied', undefined, stranger)).toEqual({ outcome: 'not-contact' });
    expect(await answer(table, 'takeCopiedLookup', undefined, contentScript)).toBeNull();
    expect(calls).toEqual([]);
    expect(await answer(table, 'lookUpCopied', undefined, extensionPage)).toEqual({
      outcome: 'looked-up',
      view: { state: 'expired' },
    });
    expect(calls.map(([name]) => name)).toEqual(['lookUpForPage']);
  });

  it('hands a content script selection to lookups with the tab, frame and sites it came from', async () => {
    const { table, calls } = routes();
    const reply = await answer(table, 'prepareLookup', { text: 'jane@acme.com', source: 'selection' }, contentScript);
    expect(reply).toEqual({ action: 'show', lookupId, claim: 'claim-key' });
    expect(calls).toEqual([
      ['prepare', ['jane@acme.com', 'selection', { tabId: 7, frameId: 2, sites: ['mail.example.com'] }]],
    ]);
  });

  describe('the sites of a selection in a frame: its own and its top page’s', () => {
    const prepared = async (sender: object, topHost?: (tabId: number) => Promise<string | null>) => {
      const { table, calls } = routes(undefined, topHost);
      await answer(table, 'prepareLookup', { text: 'jane@acme.com', source: 'selection' }, {
        id: ours,
        ...sender,
      } as never);
      return calls;
    };
    const frame = { url: 'https://maps.example.net/embed?q=1', frameId: 3 };

    it('takes the top page from the tab where the browser names it (Chromium)', async () => {
      const calls = await prepared({ ...frame, tab: { id: 7, url: 'https://crm.example.com/deals' } });
      expect(calls).toEqual([
        [
          'prepare',
          ['jane@acme.com', 'selection', { tabId: 7, frameId: 3, sites: ['maps.example.net', 'crm.example.com'] }],
        ],
      ]);
    });

    it('asks the top frame where the browser does not (Firefox)', async () => {
      const calls = await prepared({ ...frame, tab: { id: 7 } }, async () => 'crm.example.com');
      expect(calls).toEqual([
        ['topHost', [7]],
        [
          'prepare',
          ['jane@acme.com', 'selection', { tabId: 7, frameId: 3, sites: ['maps.example.net', 'crm.example.com'] }],
        ],
      ]);
    });

    it('asks nothing for the top frame itself, whose address is its page’s', async () => {
      const calls = await prepared({ url: 'https://crm.example.com/deals', frameId: 0, tab: { id: 7 } });
      expect(calls).toEqual([
        ['prepare', ['jane@acme.com', 'selection', { tabId: 7, frameId: 0, sites: ['crm.example.com'] }]],
      ]);
    });

    it('says the sites are not known when the top frame does not answer', async () => {
      const calls = await prepared({ ...frame, tab: { id: 7 } });
      expect(calls).toEqual([
        ['topHost', [7]],
        ['prepare', ['jane@acme.com', 'selection', { tabId: 7, frameId: 3, sites: null }]],
      ]);
    });
  });

  it("words the button it offers for the content script, which reads none of the extension's messages itself", async () => {
    const { table } = routes({ action: 'offer', lookupId });
    const reply = await answer(table, 'prepareLookup', { text: 'jane@acme.com', source: 'selection' }, contentScript);
    expect(reply).toEqual({ action: 'offer', lookupId, label: 'Look up in MEGA' });
  });

  it.each([
    ['prepareLookup', { text: 'jane@acme.com', source: 'selection' }, extensionPage, { action: 'ignore' }],
    ['prepareLookup', { text: 'jane@acme.com', source: 'selection' }, stranger, { action: 'ignore' }],
    ['getLookup', { lookupId }, contentScript, { state: 'expired' }],
    [
      'searchLeads',
      { channel: 'p', search: 'a', sort_by: 'updated_at', sort_dir: 'asc' },
      contentScript,
      { ok: false, cancelled: true },
    ],
    ['testConnection', { baseUrl: 'https://x.example', customerId: 'c' }, contentScript, { ok: false }],
    ['createLead', { idempotencyKey: 'action-0001', input: {} }, contentScript, { ok: false }],
    ['connectionStatus', undefined, contentScript, { configured: false }],
    // A page's script may not check its values with MEGA, nor add them: only the panel asks.
    ['panelCheck', { values: ['jane@acme.com'] }, contentScript, { values: [] }],
    ['panelPreview', { rows: [{ row_ref: 'row-1', contact_email: 'a@b.example' }] }, contentScript, { ok: false }],
    [
      'panelAdd',
      { rows: [{ row_ref: 'row-1', contact_email: 'a@b.example' }], idempotencyKey: 'action-0001' },
      contentScript,
      { ok: false },
    ],
  ] as const)('refuses %s from the wrong sender', async (name, data, sender, refused) => {
    const { table, calls } = routes();
    expect(await answer(table, name, data, sender)).toMatchObject(refused);
    expect(calls).toEqual([]);
  });

  it('refuses panelRows from a content script: a page may not learn who its values are', async () => {
    const { table, calls } = routes();
    expect(await answer(table, 'panelRows', { values: ['jane@acme.com'] }, contentScript)).toBeNull();
    expect(calls).toEqual([]);
  });

  it.each([
    ['prepareLookup', { text: 'x'.repeat(201), source: 'selection' }, contentScript],
    ['getLookup', { lookupId: 'jane@acme.com' }, extensionPage],
    ['searchLeads', { channel: 'p', search: 'a', sort_by: 'name', sort_dir: 'asc' }, extensionPage],
    ['testConnection', null, extensionPage],
    ['panelCheck', { values: ['a', 'b', 'c', 'd', 'e', 'f'] }, extensionPage],
    ['panelAdd', { rows: [{ row_ref: 'row-1' }], idempotencyKey: 'short' }, extensionPage],
  ] as const)('refuses %s with data of the wrong shape, without calling its handler', async (name, data, sender) => {
    const { table, calls } = routes();
    await answer(table, name, data, sender);
    expect(calls).toEqual([]);
  });

  describe('knownLeads (the marks script)', () => {
    const topFrame = {
      id: ours,
      url: 'https://mail.example.com/inbox',
      tab: { id: 7, url: 'https://www.Mail.example.com/inbox' },
      frameId: 0,
    } as never;

    const load = 'Qk3tR0aZ-pL_9xWc';

    it("asks the marks with the values, the page load, and the site of the tab's address (https)", async () => {
      const { table, calls } = routes();
      const values = ['(415) 555-0134', 'jane@acme.com'];
      expect(await answer(table, 'knownLeads', { values, load }, topFrame)).toEqual({ known: [] });
      expect(calls).toEqual([
        [
          'known',
          [
            { values, load },
            { site: 'mail.example.com', tabId: 7 },
          ],
        ],
      ]);
    });

    it("names an http page's site as the http site it is", async () => {
      const { table, calls } = routes();
      const httpFrame = { ...(topFrame as object), tab: { id: 7, url: 'http://mail.example.com/inbox' } } as never;
      await answer(table, 'knownLeads', { values: ['jane@acme.com'], load }, httpFrame);
      expect(calls).toEqual([
        [
          'known',
          [
            { values: ['jane@acme.com'], load },
            { site: 'http://mail.example.com', tabId: 7 },
          ],
        ],
      ]);
    });

    it.each<[string, unknown, unknown]>([
      ['an extension page', { values: ['jane@acme.com'], load }, extensionPage],
      ['another extension', { values: ['jane@acme.com'], load }, stranger],
      ['a content script in a frame of the page', { values: ['jane@acme.com'], load }, contentScript],
      [
        'too many values',
        { values: Array.from({ length: MAX_VALUES_ASKED + 1 }, (_, i) => `lead${i}@example.com`), load },
        topFrame,
      ],
      ['a value too long', { values: [`${'a'.repeat(250)}@acme.com`], load }, topFrame],
      ['an empty value', { values: [''], load }, topFrame],
      ['no list of values', { values: 'jane@acme.com', load }, topFrame],
      ['no page load', { values: ['jane@acme.com'] }, topFrame],
      ['a page load that is not a name of its own', { values: ['jane@acme.com'], load: 'x' }, topFrame],
    ])('refuses %s, with null and without asking', async (_what, data, sender) => {
      const { table, calls } = routes();
      expect(await answer(table, 'knownLeads', data, sender as Sender)).toBeNull();
      expect(calls).toEqual([]);
    });

    it(`takes ${MAX_VALUES_ASKED} values at once`, async () => {
      const { table, calls } = routes();
      const values = Array.from({ length: MAX_VALUES_ASKED }, (_, i) => `lead${i}@example.com`);
      await answer(table, 'knownLeads', { values, load }, topFrame);
      expect(calls).toHaveLength(1);
    });
  });

  describe("marksStopped (the popup's marks switch)", () => {
    it('tells an extension page why marks stopped in a tab', async () => {
      const { table, calls } = routes();
      expect(await answer(table, 'marksStopped', { tabId: 7 }, extensionPage)).toBe('page');
      expect(calls).toEqual([['stoppedIn', [7]]]);
    });

    it('tells a content script nothing', async () => {
      const { table, calls } = routes();
      expect(await answer(table, 'marksStopped', { tabId: 7 }, contentScript)).toBeNull();
      expect(calls).toEqual([]);
    });
  });

  it('passes a well-formed search from an extension page to the lead search', async () => {
    const { table, calls } = routes();
    const request = { channel: 'p', search: 'garcia', sort_by: 'updated_at', sort_dir: 'desc' } as const;
    await answer(table, 'searchLeads', request, extensionPage);
    expect(calls).toEqual([['search', [request]]]);
  });
});

describe("the card frame's port", () => {
  const page = browser.runtime.getURL('/card.html');
  const ours = browser.runtime.id;

  function connecting(sender: Sender, name = CARD_PORT) {
    const listeners: Array<(message: unknown) => void> = [];
    let open = true;
    const port: ConnectingPort & { send: (message: unknown) => void; open: () => boolean } = {
      name,
      sender,
      postMessage: () => undefined,
      disconnect: () => {
        open = false;
      },
      onMessage: { addListener: (listener) => void listeners.push(listener) },
      onDisconnect: { addListener: () => undefined },
      send: (message) => listeners.forEach((listener) => listener(message)),
      open: () => open,
    };
    return port;
  }

  function cardsSpy() {
    const claims: string[] = [];
    const cards = { claim: (key: string) => (claims.push(key), true) } as unknown as Cards;
    return { cards, claims };
  }

  const key = 'q2Xh0c5l1yV3ZJm4K8pR6tNw9sFbAeUd';

  it('passes one well-formed claim from the card page on', () => {
    const { cards, claims } = cardsSpy();
    const port = connecting({ id: ours, url: page, tab: { id: 7 } as never, frameId: 3 });
    answerCardPort(cards, port);
    port.send({ type: 'claimCard', data: { key } });
    expect(claims).toEqual([key]);
    expect(port.open()).toBe(true);
  });

  it.each<[what: string, sender: Sender]>([
    ['a content script', { id: ours, url: 'https://example.com/', tab: { id: 7 } as never }],
    ['another extension', { id: 'another-extension', url: page }],
  ])('closes a card port opened by %s', (_what, sender) => {
    const { cards, claims } = cardsSpy();
    const port = connecting(sender);
    answerCardPort(cards, port);
    port.send({ type: 'claimCard', data: { key } });
    expect(claims).toEqual([]);
    expect(port.open()).toBe(false);
  });

  it.each<[what: string, message: unknown]>([
    ['a malformed key', { type: 'claimCard', data: { key: '<script>' } }],
    ['another message', { type: 'getLookup', data: { lookupId: 'x' } }],
    ['nothing', null],
  ])('closes the port on %s', (_what, message) => {
    const { cards, claims } = cardsSpy();
    const port = connecting({ id: ours, url: page, tab: { id: 7 } as never, frameId: 3 });
    answerCardPort(cards, port);
    port.send(message);
    expect(claims).toEqual([]);
    expect(port.open()).toBe(false);
  });

  it('lets a port claim once', () => {
    const { cards, claims } = cardsSpy();
    const port = connecting({ id: ours, url: page, tab: { id: 7 } as never, frameId: 3 });
    answerCardPort(cards, port);
    port.send({ type: 'claimCard', data: { key } });
    port.send({ type: 'claimCard', data: { key: `${key}2` } });
    expect(claims).toEqual([key]);
    expect(port.open()).toBe(false);
  });

  it('leaves ports by other names alone', () => {
    const { cards, claims } = cardsSpy();
    const port = connecting({ id: ours, url: page }, 'something-else');
    answerCardPort(cards, port);
    port.send({ type: 'claimCard', data: { key } });
    expect(claims).toEqual([]);
    expect(port.open()).toBe(true);
  });
});

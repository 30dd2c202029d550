import { describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import type { Cards } from './cards';
import { answerCardPort, fromContentScript, fromExtensionPage, type ConnectingPort, type Sender } from './routes';
import { CARD_PORT } from '@/utils/protocol';

describe('who may ask the background', () => {
  const page = browser.runtime.getURL('/popover.html');
  const ours = browser.runtime.id;

  it('tells the popover and popup (extension pages) from content scripts', () => {
    expect(fromExtensionPage({ id: ours, url: page })).toBe(true);
    expect(fromContentScript({ id: ours, url: page })).toBe(false);
    const contentScript = { id: ours, url: 'https://example.com/', tab: { id: 7 } } as never;
    expect(fromContentScript(contentScript)).toBe(true);
    expect(fromExtensionPage(contentScript)).toBe(false);
  });

  it('ignores every other extension and the web', () => {
    expect(fromExtensionPage({ id: 'another-extension', url: page })).toBe(false);
    expect(fromContentScript({ id: 'another-extension', url: 'https://example.com/', tab: { id: 7 } } as never)).toBe(false);
    expect(fromExtensionPage({ url: 'https://example.com/' })).toBe(false);
  });
});

describe("the card frame's port", () => {
  const page = browser.runtime.getURL('/popover.html');
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

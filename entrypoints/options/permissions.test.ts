import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { needsHostPermission, releaseHostAccess, requestHostAccess } from './permissions';

beforeEach(() => {
  fakeBrowser.reset();
});

afterEach(() => {
  vi.restoreAllMocks();
});

type Permissions = typeof fakeBrowser.permissions;

/** The fake browser leaves `permissions` unimplemented: each test says how the user answers. */
function answerPrompt(answer: boolean | Error) {
  const request = vi.fn(async (_asked: { origins?: string[] }) => {
    if (answer instanceof Error) throw answer;
    return answer;
  });
  const remove = vi.fn(async (_removed: { origins?: string[] }) => true);
  // The promise forms of these overloaded methods are the ones the code under test calls.
  vi.spyOn(fakeBrowser.permissions, 'request').mockImplementation(request as Permissions['request']);
  vi.spyOn(fakeBrowser.permissions, 'remove').mockImplementation(remove as Permissions['remove']);
  return { request, remove };
}

describe('needsHostPermission', () => {
  it.each<[string, boolean]>([
    ['https://app.gomega.ai', false],
    ['https://app.gomega.ai/api', false],
    ['http://127.0.0.1:8787', false],
    ['http://localhost:8787', false],
    ['http://[::1]:8787', false],
    ['https://localhost:8443', false],
    ['https://mega.example.com', true],
    ['https://gomega.ai', true],
    ['https://eu.app.gomega.ai', true],
  ])('%s → %s', (baseUrl, expected) => {
    expect(needsHostPermission(baseUrl)).toBe(expected);
  });
});

describe('requestHostAccess', () => {
  it.each(['https://app.gomega.ai', 'http://127.0.0.1:8787', 'http://localhost:3000', 'http://[::1]:8787'])(
    'asks nothing for %s',
    async (baseUrl) => {
      const { request } = answerPrompt(false);
      expect(await requestHostAccess(baseUrl)).toEqual({ state: 'not-needed' });
      expect(request).not.toHaveBeenCalled();
    },
  );

  it('asks for the origin of another https server', async () => {
    const { request } = answerPrompt(true);
    expect(await requestHostAccess('https://mega.example.com:8443/api')).toEqual({
      state: 'granted',
      origin: 'https://mega.example.com/*',
    });
    expect(request).toHaveBeenCalledWith({ origins: ['https://mega.example.com/*'] });
  });

  it('asks synchronously, while the browser still sees the user gesture', () => {
    const { request } = answerPrompt(true);
    void requestHostAccess('https://mega.example.com');
    expect(request).toHaveBeenCalledTimes(1);
  });

  it('reports a refusal', async () => {
    answerPrompt(false);
    expect(await requestHostAccess('https://mega.example.com')).toEqual({
      state: 'refused',
      origin: 'https://mega.example.com/*',
    });
  });

  it('reports a browser that cannot ask', async () => {
    answerPrompt(new Error('Only permissions specified in the manifest may be requested.'));
    expect(await requestHostAccess('https://mega.example.com')).toEqual({
      state: 'failed',
      origin: 'https://mega.example.com/*',
    });
  });

  it('reports a request that throws at once', async () => {
    const permissions = {
      request: () => {
        throw new Error('not allowed here');
      },
      remove: async () => true,
    };
    expect(await requestHostAccess('https://mega.example.com', permissions)).toEqual({
      state: 'failed',
      origin: 'https://mega.example.com/*',
    });
  });
});

describe('releaseHostAccess', () => {
  it('gives back the access an old server needed once no account uses it', async () => {
    const { remove } = answerPrompt(true);
    expect(await releaseHostAccess('https://old.example.com', ['https://app.gomega.ai'])).toBe(true);
    expect(remove).toHaveBeenCalledWith({ origins: ['https://old.example.com/*'] });
  });

  it.each<[string, string, string[]]>([
    ['the manifest origin', 'https://app.gomega.ai', ['https://mega.example.com']],
    ['a loopback server', 'http://127.0.0.1:8787', ['https://app.gomega.ai']],
    ['an origin another account uses, on another path', 'https://mega.example.com/v1', ['https://mega.example.com/v2']],
    ['an unreadable old value', 'not a url', ['https://app.gomega.ai']],
  ])('keeps %s', async (_, previous, inUse) => {
    const { remove } = answerPrompt(true);
    expect(await releaseHostAccess(previous, inUse)).toBe(false);
    expect(remove).not.toHaveBeenCalled();
  });

  it('gives it back when the last account is gone, past an unreadable value', async () => {
    const { remove } = answerPrompt(true);
    expect(await releaseHostAccess('https://old.example.com', ['not a url'])).toBe(true);
    expect(remove).toHaveBeenCalledOnce();
  });

  it('shrugs off a browser error', async () => {
    const { remove } = answerPrompt(true);
    remove.mockRejectedValue(new Error('nope'));
    expect(await releaseHostAccess('https://old.example.com', [])).toBe(false);
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  marksOnFor,
  readMarksOnSite,
  turnMarksOff,
  turnMarksOn,
  watchMarksOnSite,
  type MarksBrowser,
} from './marks-toggle';
import { MARKS_HOOK, MARKS_SCRIPT_FILE } from '@/utils/marks';
import { DEFAULT_SETTINGS, readSettings, settingsItem, type Account } from '@/utils/storage';

const EXAMPLE_ORIGINS = ['https://example.com/*', 'https://www.example.com/*'];
const world = globalThis as unknown as Record<string, unknown>;

beforeEach(() => {
  fakeBrowser.reset();
});

afterEach(() => {
  delete world[MARKS_HOOK];
});

interface Injection {
  target: { tabId: number };
  files?: string[];
  func?: (...args: unknown[]) => void;
  args?: unknown[];
}

/** The browser's access prompt (answered `answer`) and a tab that runs what it is given. */
function fakeApi(answer: boolean | Error = true) {
  const requested: string[][] = [];
  const removed: string[][] = [];
  const injected: Injection[] = [];
  const api = {
    permissions: {
      request: (permissions: { origins?: string[] }) => {
        requested.push(permissions.origins ?? []);
        return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
      },
      remove: async (permissions: { origins?: string[] }) => {
        removed.push(permissions.origins ?? []);
        return true;
      },
    },
    scripting: {
      executeScript: async (injection: Injection) => {
        injected.push(injection);
        injection.func?.(...(injection.args ?? []));
        return [];
      },
    },
  };
  // The browser's own overloads are wider than this fake needs to be.
  return { api: api as unknown as MarksBrowser, requested, removed, injected };
}

function account(baseUrl: string): Account {
  return { id: 'a1', name: 'Acme', customerId: 'c1', baseUrl, tokenMemory: 'local', revision: 1 };
}

describe('turning marks on for a site', () => {
  it("asks for the site's https pages, www. too, writes the site once, and runs the marks script in the tab", async () => {
    const { api, requested, injected } = fakeApi(true);
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, markSites: ['other.example'], trigger: 'button' });

    expect(await turnMarksOn('WWW.Example.com', 3, api)).toEqual({ ok: true });
    expect(await turnMarksOn('example.com', 3, api)).toEqual({ ok: true });

    expect(requested).toEqual([EXAMPLE_ORIGINS, EXAMPLE_ORIGINS]);
    expect(await readSettings()).toMatchObject({ markSites: ['other.example', 'example.com'], trigger: 'button' });
    expect(injected).toEqual([
      { target: { tabId: 3 }, files: [`/${MARKS_SCRIPT_FILE}`] },
      { target: { tabId: 3 }, files: [`/${MARKS_SCRIPT_FILE}`] },
    ]);
    expect(await readMarksOnSite('www.example.com')).toBe(true);
  });

  it('asks for access at once, before anything is awaited (Firefox prompts only during the click)', () => {
    const { api, requested } = fakeApi(true);
    void turnMarksOn('example.com', 3, api);
    expect(requested).toEqual([EXAMPLE_ORIGINS]);
  });

  it('asks for an address site without www.', async () => {
    const { api, requested } = fakeApi(true);
    await turnMarksOn('127.0.0.1', undefined, api);
    expect(requested).toEqual([['https://127.0.0.1/*']]);
  });

  it("turned on from an http page, asks for the site's http pages only, and lists the site as http", async () => {
    const { api, requested } = fakeApi(true);
    expect(await turnMarksOn('http://WWW.Intranet.example', 3, api)).toEqual({ ok: true });
    expect(requested).toEqual([['http://intranet.example/*', 'http://www.intranet.example/*']]);
    expect((await readSettings()).markSites).toEqual(['http://intranet.example']);
    expect(await readMarksOnSite('http://intranet.example')).toBe(true);
    expect(await readMarksOnSite('intranet.example')).toBe(false);
  });

  it('writes nothing and runs nothing when the user refuses access', async () => {
    const { api, injected } = fakeApi(false);
    expect(await turnMarksOn('example.com', 3, api)).toEqual({ ok: false, reason: 'refused' });
    expect((await readSettings()).markSites).toEqual([]);
    expect(injected).toEqual([]);
  });

  it('says it failed when the browser cannot ask', async () => {
    const { api } = fakeApi(new Error('not during a user gesture'));
    expect(await turnMarksOn('example.com', 3, api)).toEqual({ ok: false, reason: 'failed' });
    const throwing = {
      ...api,
      permissions: {
        ...api.permissions,
        request: () => {
          throw new Error('permissions.request is not allowed here');
        },
      },
    } as MarksBrowser;
    expect(await turnMarksOn('example.com', 3, throwing)).toEqual({ ok: false, reason: 'failed' });
    expect((await readSettings()).markSites).toEqual([]);
  });

  it('is still on when the open tab cannot run scripts (its next pages get them)', async () => {
    const { api } = fakeApi(true);
    const failing = {
      ...api,
      scripting: { executeScript: () => Promise.reject(new Error('Cannot access contents')) },
    } as unknown as MarksBrowser;
    expect(await turnMarksOn('example.com', 3, failing)).toEqual({ ok: true });
    expect((await readSettings()).markSites).toEqual(['example.com']);
  });
});

describe('turning marks off for a site', () => {
  it('stops the marks in the tab, takes the site out and gives the access back', async () => {
    const { api, removed } = fakeApi();
    const stop = vi.fn();
    world[MARKS_HOOK] = { refresh: () => undefined, stop };
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, markSites: ['other.example', 'www.example.com'] });

    expect(await turnMarksOff('example.com', 3, api)).toEqual({ ok: true });

    expect(stop).toHaveBeenCalledOnce();
    expect((await readSettings()).markSites).toEqual(['other.example']);
    expect(removed).toEqual([EXAMPLE_ORIGINS]);
  });

  it("keeps the access an account's MEGA address on the same site needs", async () => {
    const { api, removed } = fakeApi();
    await settingsItem.setValue({
      ...DEFAULT_SETTINGS,
      accounts: [account('https://www.example.com/api'), account('not a url')],
      markSites: ['example.com'],
    });
    await turnMarksOff('example.com', undefined, api);
    expect(removed).toEqual([['https://example.com/*']]);
  });

  it("keeps the access a deployed account's MEGA address on the same site needs", async () => {
    const { api, removed } = fakeApi();
    await fakeBrowser.storage.managed.set({
      accounts: [{ name: 'Head office', customerId: 'customer-1', baseUrl: 'https://example.com/api' }],
    });
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, markSites: ['example.com'] });
    await turnMarksOff('example.com', undefined, api);
    expect(removed).toEqual([['https://www.example.com/*']]);
  });

  it('takes the site out even when the tab is gone', async () => {
    const { api } = fakeApi();
    const gone = {
      ...api,
      scripting: { executeScript: () => Promise.reject(new Error('No tab with id: 3')) },
    } as unknown as MarksBrowser;
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, markSites: ['example.com'] });
    expect(await turnMarksOff('example.com', 3, gone)).toEqual({ ok: true });
    expect(await readMarksOnSite('example.com')).toBe(false);
  });
});

describe("the switch's position", () => {
  it('is on for a listed site however either is spelt', () => {
    expect(marksOnFor({ markSites: ['Example.com'] }, 'www.example.com')).toBe(true);
    expect(marksOnFor({ markSites: ['example.com'] }, 'mail.example.com')).toBe(false);
  });

  it('follows a change made elsewhere', async () => {
    const heard: boolean[] = [];
    const stop = watchMarksOnSite('example.com', (on) => heard.push(on));
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, markSites: ['www.example.com'] });
    await vi.waitFor(() => expect(heard).toEqual([true]));
    stop();
  });
});

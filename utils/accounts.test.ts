import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  checkAccountName,
  removeAccount,
  removeOwnToken,
  saveAccount,
  saveOwnToken,
  setActiveAccount,
  setKeepCopy,
  withAccount,
  withKeepCopy,
  withoutAccount,
  type AccountDraft,
} from './accounts';
import { managedAccountId } from './managed-policy';
import { readEffectiveSettings } from './settings';
import { DEFAULT_SETTINGS, readSettings, settingsItem, type Account, type Settings } from './storage';
import { readToken, tokenInEffect, writeToken } from './token-vault';

const TOKEN = `mega_${'ab'.repeat(32)}`;
const NEW_TOKEN = `mega_${'cd'.repeat(32)}`;
const ACME_ID = '3f2a9c4e-1b7d-4e8a-9c0f-2d5e6a7b8c9d';
const GLOBEX_ID = '9e1f0c2a-5b6d-4c7e-8f90-a1b2c3d4e5f6';

function account(id: string, name: string, patch: Partial<Account> = {}): Account {
  return {
    id,
    name,
    customerId: ACME_ID,
    baseUrl: 'https://app.gomega.ai',
    tokenMemory: 'local',
    revision: 1,
    ...patch,
  };
}

const ACME = account('a1', 'Acme');
const GLOBEX = account('a2', 'Globex', { customerId: GLOBEX_ID });
const INITECH = account('a3', 'Initech');
const DEPLOYED = account('managed-x', 'Head office', { managed: true });

function settingsWith(accounts: Account[], activeAccountId: string | null = accounts[0]?.id ?? null): Settings {
  return { ...DEFAULT_SETTINGS, accounts, activeAccountId };
}

function draft(patch: Partial<AccountDraft> = {}): AccountDraft {
  return {
    name: 'Acme',
    customerId: ACME_ID,
    baseUrl: 'https://app.gomega.ai',
    tokenMemory: 'local',
    token: TOKEN,
    ...patch,
  };
}

let ids = 0;
const nextId = () => `new-${++ids}`;

beforeEach(async () => {
  fakeBrowser.reset();
  await readToken('nobody'); // the vault creates its database on first use
  const db = await openDB('lead-lens-vault');
  await db.clear('tokens');
  db.close();
});

describe('checkAccountName', () => {
  it.each<[string, string, RegExp | null]>([
    ['a new name', 'Initech', null],
    ['a name with spaces around it', '  Initech  ', null],
    ['an empty name', '', /Give the account a name/],
    ['only spaces', '   ', /Give the account a name/],
    ['81 characters', 'x'.repeat(81), /at most 80 characters/],
    ['another account’s name', 'Globex', /already called “Globex”/],
    ['another account’s name in other case and spacing', ' gLoBeX ', /already called “gLoBeX”/],
  ])('%s', (_, name, problem) => {
    const found = checkAccountName(name, [ACME, GLOBEX], ACME.id);
    if (problem === null) expect(found).toBeNull();
    else expect(found).toMatch(problem);
  });

  it('lets an account keep its own name', () => {
    expect(checkAccountName('ACME', [ACME, GLOBEX], ACME.id)).toBeNull();
    expect(checkAccountName('ACME', [ACME, GLOBEX])).toMatch(/already called/);
  });
});

describe('withAccount', () => {
  it('adds the first account and makes it active', () => {
    const { settings, account: added } = withAccount(DEFAULT_SETTINGS, draft({ name: '  Acme ' }), () => 'x1');
    expect(added).toEqual({
      id: 'x1',
      name: 'Acme',
      customerId: ACME_ID,
      baseUrl: 'https://app.gomega.ai',
      tokenMemory: 'local',
      revision: 1,
    });
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, accounts: [added], activeAccountId: 'x1' });
  });

  it('adds another account at the end and leaves the active one', () => {
    const { settings } = withAccount(settingsWith([ACME, GLOBEX], GLOBEX.id), draft({ name: 'Initech' }), () => 'x2');
    expect(settings.accounts.map((a) => a.name)).toEqual(['Acme', 'Globex', 'Initech']);
    expect(settings.activeAccountId).toBe(GLOBEX.id);
  });

  it.each<[string, Partial<AccountDraft>, number]>([
    ['a new token', { token: NEW_TOKEN }, 2],
    ['another customer id', { token: null, customerId: GLOBEX_ID }, 2],
    ['another base URL', { token: null, baseUrl: 'http://127.0.0.1:8787' }, 2],
    ['only a new name', { token: null, name: 'Acme Europe' }, 1],
    ['only where the token is kept', { token: null, tokenMemory: 'session' }, 1],
  ])('an edit with %s leaves revision %i', (_, patch, revision) => {
    const { settings, account: saved } = withAccount(
      settingsWith([ACME, GLOBEX]),
      draft({ id: ACME.id, ...patch }),
      nextId,
    );
    expect(saved.id).toBe(ACME.id);
    expect(saved.revision).toBe(revision);
    expect(settings.accounts.map((a) => a.id)).toEqual([ACME.id, GLOBEX.id]);
  });

  it.each<[string, Settings, AccountDraft, RegExp]>([
    ['a name another account has', settingsWith([ACME, GLOBEX]), draft({ name: 'globex' }), /already called/],
    ['an edit of an account removed meanwhile', settingsWith([GLOBEX]), draft({ id: ACME.id }), /removed meanwhile/],
    [
      'an edit of an account the administrator set up',
      settingsWith([DEPLOYED]),
      draft({ id: DEPLOYED.id }),
      /administrator/,
    ],
  ])('refuses %s', (_, settings, attempt, message) => {
    expect(() => withAccount(settings, attempt, nextId)).toThrow(message);
  });
});

describe('withoutAccount', () => {
  it.each<[string, Account[], string, string, string[], string | null]>([
    ['the active one: the next becomes active', [ACME, GLOBEX, INITECH], ACME.id, ACME.id, ['a2', 'a3'], GLOBEX.id],
    ['the last and active one: the one before becomes active', [ACME, GLOBEX], GLOBEX.id, GLOBEX.id, ['a1'], ACME.id],
    ['another one: the active one stays', [ACME, GLOBEX, INITECH], INITECH.id, GLOBEX.id, ['a1', 'a3'], INITECH.id],
    ['the only one: none is active', [ACME], ACME.id, ACME.id, [], null],
    ['one that is not there: nothing changes', [ACME], ACME.id, 'gone', ['a1'], ACME.id],
  ])('removes %s', (_, accounts, active, removed, left, nextActive) => {
    const settings = withoutAccount(settingsWith(accounts, active), removed);
    expect(settings.accounts.map((a) => a.id)).toEqual(left);
    expect(settings.activeAccountId).toBe(nextActive);
  });

  it('no longer keeps a copy for the account removed, and still does for the others', () => {
    const settings = withoutAccount({ ...settingsWith([ACME, GLOBEX]), keepCopyFor: [ACME.id, GLOBEX.id] }, ACME.id);
    expect(settings.keepCopyFor).toEqual([GLOBEX.id]);
  });

  it('refuses to remove an account the administrator set up', () => {
    expect(() => withoutAccount(settingsWith([DEPLOYED, ACME]), DEPLOYED.id)).toThrow(/administrator/);
  });
});

describe('withKeepCopy', () => {
  it.each<[string, string[], string, boolean, string[]]>([
    ['turns it on', [], 'a1', true, ['a1']],
    ['turns it on beside another account', ['a2'], 'a1', true, ['a2', 'a1']],
    ['keeps the account once when it is already on', ['a1'], 'a1', true, ['a1']],
    ['turns it off, leaving the others', ['a1', 'a2'], 'a1', false, ['a2']],
    ['turns off what was off', ['a2'], 'a1', false, ['a2']],
    ['turns it on for a deployed account', [], DEPLOYED.id, true, [DEPLOYED.id]],
  ])('%s', (_, before, accountId, on, after) => {
    const settings = withKeepCopy({ ...settingsWith([ACME, GLOBEX, DEPLOYED]), keepCopyFor: before }, accountId, on);
    expect(settings.keepCopyFor).toEqual(after);
    expect(settings.accounts).toEqual([ACME, GLOBEX, DEPLOYED]);
  });
});

describe('saving, removing and switching accounts', () => {
  it('turns the on-device copy on and off in one settings write, and writes nothing when it is already so', async () => {
    await settingsItem.setValue(settingsWith([ACME, GLOBEX], ACME.id));
    const changes: Settings[] = [];
    const stop = settingsItem.watch((value) => changes.push(value));
    await setKeepCopy(GLOBEX.id, true);
    await setKeepCopy(GLOBEX.id, true);
    await setKeepCopy(GLOBEX.id, false);
    stop();
    expect(changes.map((value) => value.keepCopyFor)).toEqual([[GLOBEX.id], []]);
    expect((await readSettings()).activeAccountId).toBe(ACME.id);
  });

  it('saves the token apart from the settings that name its account', async () => {
    const saved = await saveAccount(draft(), { newId: nextId });
    expect(await readToken(saved.id)).toBe(TOKEN);
    expect(await readSettings()).toMatchObject({ accounts: [saved], activeAccountId: saved.id });
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain(TOKEN);
  });

  it('adds no account when its token cannot be stored', async () => {
    const encrypt = vi.spyOn(crypto.subtle, 'encrypt').mockRejectedValueOnce(new Error('disk full'));
    await expect(saveAccount(draft(), { newId: nextId })).rejects.toThrow('disk full');
    encrypt.mockRestore();
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('keeps the saved token when none is typed, and moves it when asked', async () => {
    const saved = await saveAccount(draft(), { newId: nextId });
    await saveAccount(draft({ id: saved.id, token: null, tokenMemory: 'session' }), { newId: nextId });
    expect(await readToken(saved.id)).toBe(TOKEN);
    const session = (await fakeBrowser.storage.session.get('tokens')).tokens as Record<string, string>;
    expect(session[saved.id]).toBe(TOKEN);
    expect((await readSettings()).accounts[0]).toMatchObject({ tokenMemory: 'session', revision: 1 });
  });

  it('stores nothing when the name is taken', async () => {
    await saveAccount(draft(), { newId: nextId });
    const before = await fakeBrowser.storage.local.get(null);
    await expect(saveAccount(draft({ name: 'ACME', token: NEW_TOKEN }), { newId: nextId })).rejects.toThrow(
      /already called/,
    );
    expect(await fakeBrowser.storage.local.get(null)).toEqual(before);
  });

  it('removes an account with its token; the next one becomes active', async () => {
    const acme = await saveAccount(draft(), { newId: nextId });
    const globex = await saveAccount(draft({ name: 'Globex', customerId: GLOBEX_ID, token: NEW_TOKEN }), {
      newId: nextId,
    });
    await removeAccount(acme.id);
    expect(await readSettings()).toMatchObject({ accounts: [globex], activeAccountId: globex.id });
    expect(await readToken(acme.id)).toBeNull();
    expect(await readToken(globex.id)).toBe(NEW_TOKEN);
  });

  it('switches the active account, and writes nothing when it already is', async () => {
    await settingsItem.setValue(settingsWith([ACME, GLOBEX], ACME.id));
    await setActiveAccount(GLOBEX.id);
    expect((await readSettings()).activeAccountId).toBe(GLOBEX.id);

    const changes: unknown[] = [];
    const stop = settingsItem.watch((value) => changes.push(value));
    await setActiveAccount(GLOBEX.id);
    stop();
    expect(changes).toEqual([]);
  });

  it('keeps a token saved for one account away from another', async () => {
    await writeToken(ACME.id, TOKEN, 'local');
    await settingsItem.setValue(settingsWith([ACME]));
    const globex = await saveAccount(draft({ name: 'Globex', customerId: GLOBEX_ID, token: NEW_TOKEN }), {
      newId: nextId,
    });
    expect(await readToken(ACME.id)).toBe(TOKEN);
    expect(await readToken(globex.id)).toBe(NEW_TOKEN);
  });
});

describe('switching accounts under an administrator’s policy', () => {
  const deployed = (name: string, customerId: string) => ({ name, customerId, baseUrl: 'https://app.gomega.ai' });

  it('keeps the region and trigger the policy suggests when the switch is the first thing saved', async () => {
    await fakeBrowser.storage.managed.set({
      accounts: [deployed('Head office', ACME_ID), deployed('Branch', GLOBEX_ID)],
      trigger: 'button',
      defaultRegion: 'GB',
    });
    const branch = managedAccountId('Branch');
    await setActiveAccount(branch);
    // National numbers are still read as British ones, and a selection still shows the button first.
    expect((await readEffectiveSettings('en-US')).settings).toMatchObject({
      activeAccountId: branch,
      trigger: 'button',
      defaultRegion: 'GB',
    });
  });
});

describe('the user’s own token for a deployed account', () => {
  const HEAD_OFFICE = { name: 'Head office', customerId: ACME_ID, baseUrl: 'https://app.gomega.ai' };
  const id = managedAccountId('Head office');
  const deploy = (patch: Record<string, unknown> = {}) =>
    fakeBrowser.storage.managed.set({ accounts: [{ ...HEAD_OFFICE, ...patch }], lockedSettings: ['accounts'] });
  /** The deployed account as the settings in effect give it, and the token it is used with. */
  async function inEffect() {
    const effective = await readEffectiveSettings('en-US');
    const account = effective.settings.accounts.find((candidate) => candidate.id === id)!;
    return { account, token: await tokenInEffect(effective, account) };
  }
  let clock = 1_000;
  const now = () => clock;

  beforeEach(async () => {
    clock = 1_000;
    await deploy();
  });

  it('is taken into the vault, out of the settings, and the account is used with it, its details still the policy’s', async () => {
    expect((await inEffect()).token).toBeNull();
    await saveOwnToken({ accountId: id, token: TOKEN, tokenMemory: 'local' }, { now });
    const { account, token } = await inEffect();
    expect(token).toBe(TOKEN);
    expect(account).toMatchObject({ name: 'Head office', customerId: ACME_ID, baseUrl: HEAD_OFFICE.baseUrl });
    expect(await readToken(id)).toBe(TOKEN);
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain(TOKEN);
    expect(JSON.stringify(await fakeBrowser.storage.session.get(null))).not.toContain(TOKEN);
    expect((await readSettings()).accounts).toEqual([]);
  });

  it('starts a new partition with each new token, and keeps it when only where it is kept changes', async () => {
    await saveOwnToken({ accountId: id, token: TOKEN, tokenMemory: 'local' }, { now });
    const first = (await inEffect()).account.revision;
    await saveOwnToken({ accountId: id, token: NEW_TOKEN, tokenMemory: 'local' }, { now });
    const second = await inEffect();
    expect(second.token).toBe(NEW_TOKEN);
    expect(second.account.revision).not.toBe(first);

    await saveOwnToken({ accountId: id, token: null, tokenMemory: 'session' }, { now });
    const moved = await inEffect();
    expect(moved).toMatchObject({
      token: NEW_TOKEN,
      account: { tokenMemory: 'session', revision: second.account.revision },
    });
    const session = (await fakeBrowser.storage.session.get('tokens')).tokens as Record<string, string>;
    expect(session[id]).toBe(NEW_TOKEN);
  });

  it('is removed again: the account has no token, and the vault none for it', async () => {
    await saveOwnToken({ accountId: id, token: TOKEN, tokenMemory: 'local' }, { now });
    await removeOwnToken(id);
    expect((await inEffect()).token).toBeNull();
    expect(await readToken(id)).toBeNull();
    expect((await readSettings()).ownTokens).toEqual({});
  });

  it('gives way to a token the administrator deploys later, and comes back when it is withdrawn', async () => {
    await saveOwnToken({ accountId: id, token: TOKEN, tokenMemory: 'local' }, { now });
    await deploy({ apiToken: NEW_TOKEN });
    expect((await inEffect()).token).toBe(NEW_TOKEN);
    await expect(saveOwnToken({ accountId: id, token: TOKEN, tokenMemory: 'local' }, { now })).rejects.toThrow(
      /deployed a token/,
    );
    await deploy();
    expect((await inEffect()).token).toBe(TOKEN);
  });

  it('is not sent to another address the policy moves the account to; the user enters it again there', async () => {
    await saveOwnToken({ accountId: id, token: TOKEN, tokenMemory: 'local' }, { now });
    await deploy({ baseUrl: 'https://mega.example.com' });
    expect((await inEffect()).token).toBeNull();
    await expect(saveOwnToken({ accountId: id, token: null, tokenMemory: 'local' }, { now })).rejects.toThrow(
      /Enter the API token/,
    );
    await saveOwnToken({ accountId: id, token: TOKEN, tokenMemory: 'local' }, { now });
    expect((await inEffect()).token).toBe(TOKEN);
  });

  it('is refused for an account of the user’s own, or one no longer deployed', async () => {
    await settingsItem.setValue(settingsWith([ACME]));
    await fakeBrowser.storage.managed.clear();
    for (const accountId of [ACME.id, id]) {
      await expect(saveOwnToken({ accountId, token: TOKEN, tokenMemory: 'local' }, { now })).rejects.toThrow(
        /removed meanwhile/,
      );
    }
    expect(await readToken(ACME.id)).toBeNull();
    expect(await readToken(id)).toBeNull();
  });
});

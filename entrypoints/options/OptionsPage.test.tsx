// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { openDB } from 'idb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ConnectionDraft, TestConnectionReply } from '@/utils/protocol';
import {
  DEFAULT_SETTINGS,
  readSettings,
  settingsItem,
  type Account,
  type Settings,
  type TokenMemory,
} from '@/utils/storage';
import { readToken, writeToken } from '@/utils/token-vault';
import { writeLookupsOnSite } from '../popup/site-toggle';
import type { HostPermissions } from './permissions';
import { OptionsPage } from './OptionsPage';

const TOKEN = `mega_${'0123456789abcdef'.repeat(3)}0123456789ab7f3e`;
const NEW_TOKEN = `mega_${'f'.repeat(60)}c0de`;
const CUSTOMER = '3f2a9c4e-1b7d-4e8a-9c0f-2d5e6a7b8c9d';
const OTHER_CUSTOMER = '9e1f0c2a-5b6d-4c7e-8f90-a1b2c3d4e5f6';

function account(id: string, name: string, patch: Partial<Account> = {}): Account {
  return {
    id,
    name,
    customerId: CUSTOMER,
    baseUrl: 'https://app.gomega.ai',
    tokenMemory: 'local',
    revision: 1,
    ...patch,
  };
}

const ACME = account('a1', 'Acme');
const GLOBEX = account('a2', 'Globex', { customerId: OTHER_CUSTOMER, baseUrl: 'https://mega.example.com' });

/** Saved accounts (and their tokens), as an earlier visit to the page left them. */
async function saved(
  accounts: Account[],
  tokens: Record<string, [string, TokenMemory]> = {},
  patch: Partial<Settings> = {},
) {
  for (const [id, [token, memory]] of Object.entries(tokens)) await writeToken(id, token, memory);
  await settingsItem.setValue({ ...DEFAULT_SETTINGS, accounts, activeAccountId: accounts[0]?.id ?? null, ...patch });
}

function fakePermissions(granted = true) {
  const request = vi.fn(async (_asked: { origins?: string[] }) => granted);
  const remove = vi.fn(async (_removed: { origins?: string[] }) => true);
  return { request, remove, permissions: { request, remove } as unknown as HostPermissions };
}

function renderPage(options: { granted?: boolean; reply?: () => Promise<TestConnectionReply>; locale?: string } = {}) {
  const perms = fakePermissions(options.granted);
  const testConnection = vi.fn<(draft: ConnectionDraft) => Promise<TestConnectionReply>>(
    options.reply ?? (async () => ({ ok: true, total: 1234 })),
  );
  render(
    <OptionsPage locale={options.locale ?? 'en-US'} permissions={perms.permissions} testConnection={testConnection} />,
  );
  return { ...perms, testConnection };
}

async function field(name: string): Promise<HTMLInputElement> {
  return (await screen.findByLabelText(name, { exact: true })) as HTMLInputElement;
}

/** Picks a region once the list offers it (it loads just after the settings show, see regions.ts). */
async function chooseRegion(code: string): Promise<void> {
  const select = await field('Default phone region');
  await waitFor(() =>
    expect([...(select as unknown as HTMLSelectElement).options].map((o) => o.value)).toContain(code),
  );
  fireEvent.change(select, { target: { value: code } });
}

async function type(name: string, value: string): Promise<void> {
  fireEvent.input(await field(name), { target: { value } });
}

const accountsCard = () => screen.getByRole('region', { name: 'Accounts' });
const settingsForm = () => screen.getByRole('form', { name: 'Lookups' });
const status = () => within(accountsCard()).getByRole('status');
const settingsStatus = () => within(settingsForm()).getByRole('status');
const button = (name: string) => screen.getByRole('button', { name });
const save = () => fireEvent.click(button('Save'));

/** The list entry of the account with this name. */
function row(name: string): HTMLElement {
  const found = within(accountsCard())
    .queryAllByRole('listitem')
    .find((item) => within(item).queryByRole('heading', { name }));
  if (!found) throw new Error(`no account "${name}" in the list`);
  return found;
}

async function openEdit(name: string): Promise<void> {
  await screen.findByRole('heading', { name });
  fireEvent.click(within(row(name)).getByRole('button', { name: 'Edit' }));
  await screen.findByRole('form', { name: `Edit “${name}”` });
}

async function addFirstAccount(): Promise<void> {
  await type('API token', TOKEN);
  await type('Customer ID', CUSTOMER);
  await type('API base URL', 'http://127.0.0.1:8787');
  save();
  await waitFor(() => expect(status().textContent).toMatch(/^Settings saved\./));
}

beforeEach(async () => {
  fakeBrowser.reset();
  await readToken('nobody'); // the vault creates its database on first use
  const db = await openDB('lead-lens-vault');
  await db.clear('tokens');
  db.close();
});

afterEach(() => {
  cleanup();
});

describe('options page, first visit', () => {
  it('opens on the Add account form and names every field as the user sees it', async () => {
    renderPage();
    expect(await screen.findByRole('form', { name: 'Add account' })).toBeTruthy();
    for (const name of [
      'Account name',
      'API token',
      'Customer ID',
      'API base URL',
      'Default phone region',
      'Sites where lookups are off',
    ]) {
      expect(await field(name)).toBeTruthy();
    }
    expect(screen.getByRole('radio', { name: 'On this device' })).toHaveProperty('checked', true);
    expect(screen.getByRole('radio', { name: 'Until the browser closes' })).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'Automatically when I select a phone number or email' })).toHaveProperty(
      'checked',
      true,
    );
    expect(screen.getByRole('radio', { name: 'Show a small button first' })).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'Only from the context menu or keyboard shortcut' })).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: 'Offer “Add to MEGA” when no lead matches' })).toHaveProperty(
      'checked',
      true,
    );
    expect((await field('API base URL')).value).toBe('https://app.gomega.ai');
    expect(button('Test connection')).toBeTruthy();
    expect(button('Save settings')).toBeTruthy();
    // Nothing to go back to yet: the form is the way in.
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
    expect(status().getAttribute('aria-live')).toBe('polite');
    expect(settingsStatus().getAttribute('aria-live')).toBe('polite');
  });

  it('suggests the phone region of the browser language until one is saved, and keeps it once an account is saved', async () => {
    renderPage({ locale: 'de-DE' });
    expect((await field('Default phone region')).value).toBe('DE');
    await addFirstAccount();
    expect((await readSettings()).defaultRegion).toBe('DE');
    expect((await field('Default phone region')).value).toBe('DE');
  });

  it('saves nothing while a field is invalid, says what to fix and goes to the first field that needs it', async () => {
    renderPage();
    await type('API token', 'mega_123');
    await type('Customer ID', 'acme');
    await type('API base URL', 'http://mega.example.com');
    save();

    await waitFor(() => expect(status().textContent).toBe('Not saved. 3 fields need fixing.'));
    const token = await field('API token');
    expect(token.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(token.getAttribute('aria-describedby')!.split(' ')[0]!)?.textContent).toMatch(
      /64 characters; this one has 3/,
    );
    expect((await field('Customer ID')).getAttribute('aria-invalid')).toBe('true');
    expect((await field('API base URL')).getAttribute('aria-invalid')).toBe('true');
    expect((await field('Account name')).getAttribute('aria-invalid')).toBeNull();
    expect(document.activeElement).toBe(token);

    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });

  it('clears a field’s error as soon as the user edits it', async () => {
    renderPage();
    await type('Customer ID', 'acme');
    save();
    await waitFor(async () => expect((await field('Customer ID')).getAttribute('aria-invalid')).toBe('true'));
    await type('Customer ID', CUSTOMER);
    expect((await field('Customer ID')).getAttribute('aria-invalid')).toBeNull();
  });

  it('masks the token until the user asks to see it', async () => {
    renderPage();
    const token = await field('API token');
    expect(token.type).toBe('password');

    const show = button('Show token');
    expect(show.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(show);
    expect(token.type).toBe('text');
    const hide = button('Hide token');
    expect(hide.getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(hide);
    expect(token.type).toBe('password');
  });

  it('saves every field, then shows only the last four characters of the token', async () => {
    const { request } = renderPage();
    await type('Account name', '  Acme  ');
    await type('API token', `  Bearer ${TOKEN} `);
    await type('Customer ID', CUSTOMER.toUpperCase());
    await type('API base URL', 'http://127.0.0.1:8787/');
    fireEvent.click(button('Show token'));
    save();

    await waitFor(() => expect(status().textContent).toMatch(/^Settings saved\./));
    const settings = await readSettings();
    expect(settings.accounts).toEqual([
      {
        id: expect.any(String),
        name: 'Acme',
        customerId: CUSTOMER,
        baseUrl: 'http://127.0.0.1:8787',
        tokenMemory: 'local',
        revision: 1,
      },
    ]);
    expect(settings.activeAccountId).toBe(settings.accounts[0]!.id);
    expect(await readToken(settings.accounts[0]!.id)).toBe(TOKEN);
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain(TOKEN);
    // A loopback server needs no host permission, so nothing prompts.
    expect(request).not.toHaveBeenCalled();

    // The form now edits the saved account, so Test connection can follow.
    expect(await screen.findByRole('form', { name: 'Edit “Acme”' })).toBeTruthy();
    const token = await field('API token');
    expect(token.value).toBe('');
    expect(token.type).toBe('password');
    expect(within(row('Acme')).getByText('Saved token ending in •••• 7f3e')).toBeTruthy();
    expect(within(row('Acme')).getByText('Active')).toBeTruthy();
    expect(document.body.textContent).not.toContain(TOKEN);
    expect(document.body.innerHTML).not.toContain(TOKEN.slice(5, 20));
  });

  it('names an account after its customer when the name is left empty', async () => {
    renderPage();
    await type('Customer ID', CUSTOMER);
    expect((await field('Account name')).placeholder).toBe('Customer 3f2a9c4e');
    await type('API token', TOKEN);
    save();
    await waitFor(() => expect(status().textContent).toMatch(/^Settings saved\./));
    expect((await readSettings()).accounts.map((saved) => saved.name)).toEqual(['Customer 3f2a9c4e']);
  });

  it('keeps a token meant for the session out of this device', async () => {
    renderPage();
    fireEvent.click(await screen.findByRole('radio', { name: 'Until the browser closes' }));
    await addFirstAccount();
    expect(status().textContent).toContain('The token is kept until the browser closes.');
    const id = (await readSettings()).accounts[0]!.id;
    expect((await fakeBrowser.storage.session.get('tokens')).tokens).toEqual({ [id]: TOKEN });
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain(TOKEN);
  });
});

describe('options page, accounts', () => {
  it('lists each account with its customer, server and token, the active one marked', async () => {
    await saved([ACME, { ...GLOBEX, tokenMemory: 'session' }], { a1: [TOKEN, 'local'] });
    renderPage();
    await screen.findByRole('heading', { name: 'Acme' });
    expect(within(row('Acme')).getByText('Active')).toBeTruthy();
    expect(row('Acme').textContent).toContain(CUSTOMER);
    expect(row('Acme').textContent).toContain('MEGA API at app.gomega.ai');
    expect(row('Acme').textContent).toContain('Saved token ending in •••• 7f3e');
    expect(within(row('Globex')).queryByText('Active')).toBeNull();
    expect(row('Globex').textContent).toContain('MEGA API at mega.example.com');
    expect(row('Globex').textContent).toContain('it was kept until the browser closed');
    // Accounts exist: the form waits until the user asks for it.
    expect(screen.queryByRole('form', { name: 'Add account' })).toBeNull();
  });

  it('adds a second account without changing the one lookups use, and switches when asked', async () => {
    await saved([ACME], { a1: [TOKEN, 'local'] });
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: 'Add account' }));
    expect(document.activeElement).toBe(await field('Account name'));
    await type('Account name', 'Globex');
    await type('API token', NEW_TOKEN);
    await type('Customer ID', OTHER_CUSTOMER);
    save();
    await waitFor(() =>
      expect(status().textContent).toBe('Settings saved. Lookups still use “Acme”; choose Make active to switch.'),
    );

    const settings = await readSettings();
    expect(settings.accounts.map((saved) => saved.name)).toEqual(['Acme', 'Globex']);
    expect(settings.activeAccountId).toBe(ACME.id);
    expect(await readToken(settings.accounts[1]!.id)).toBe(NEW_TOKEN);
    expect(await readToken(ACME.id)).toBe(TOKEN);

    fireEvent.click(button('Close'));
    const makeActive = await within(row('Globex')).findByRole('button', { name: 'Make active' });
    expect(makeActive.getAttribute('aria-describedby')).toBe(within(row('Globex')).getByRole('heading').id);
    fireEvent.click(makeActive);
    await waitFor(() => expect(status().textContent).toBe('Lookups and searches now use “Globex”.'));
    expect((await readSettings()).activeAccountId).toBe(settings.accounts[1]!.id);
    expect(within(row('Globex')).getByText('Active')).toBeTruthy();
  });

  it.each<[string, string]>([
    ['the same name', 'Acme'],
    ['the same name in other case and spacing', '  aCME '],
  ])('refuses a second account with %s, at the name field', async (_, name) => {
    await saved([ACME], { a1: [TOKEN, 'local'] });
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: 'Add account' }));
    await type('Account name', name);
    await type('API token', NEW_TOKEN);
    await type('Customer ID', OTHER_CUSTOMER);
    save();

    await waitFor(() => expect(status().textContent).toBe('Not saved. One field needs fixing.'));
    const nameField = await field('Account name');
    expect(nameField.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(nameField.getAttribute('aria-describedby')!.split(' ')[0]!)?.textContent).toMatch(
      /Another account is already called/,
    );
    expect(document.activeElement).toBe(nameField);
    expect((await readSettings()).accounts).toEqual([ACME]);
  });

  it('edits an account: its saved details fill the form, the token field stays empty', async () => {
    await saved([ACME], { a1: [TOKEN, 'local'] });
    renderPage();
    await openEdit('Acme');
    expect(document.activeElement).toBe(await field('Account name'));
    expect((await field('Account name')).value).toBe('Acme');
    expect((await field('Customer ID')).value).toBe(CUSTOMER);
    expect((await field('API base URL')).value).toBe('https://app.gomega.ai');
    expect((await field('API token')).value).toBe('');
    expect((await field('API token')).placeholder).toBe('Leave empty to keep the saved token');

    await type('Account name', 'Acme Europe');
    expect(screen.getByText('Unsaved changes')).toBeTruthy();
    save();
    await waitFor(() => expect(status().textContent).toBe('Settings saved.'));
    expect((await readSettings()).accounts).toEqual([{ ...ACME, name: 'Acme Europe' }]);
    expect(await readToken(ACME.id)).toBe(TOKEN);
    expect(await screen.findByRole('heading', { name: 'Acme Europe' })).toBeTruthy();

    fireEvent.click(button('Close'));
    await waitFor(() =>
      expect(document.activeElement).toBe(within(row('Acme Europe')).getByRole('button', { name: 'Edit' })),
    );
  });

  it('keeps the saved token when the field is left empty, and moves it when asked', async () => {
    await saved([ACME], { a1: [TOKEN, 'local'] });
    renderPage();
    await openEdit('Acme');
    fireEvent.click(screen.getByRole('radio', { name: 'Until the browser closes' }));
    save();
    await waitFor(() => expect(status().textContent).toMatch(/^Settings saved\./));
    expect((await fakeBrowser.storage.session.get('tokens')).tokens).toEqual({ a1: TOKEN });
    expect((await readSettings()).accounts[0]).toMatchObject({ tokenMemory: 'session', revision: 1 });
  });

  it('replaces the saved token with a new one', async () => {
    await saved([ACME], { a1: [TOKEN, 'local'] });
    renderPage();
    await openEdit('Acme');
    await type('API token', NEW_TOKEN);
    save();
    await waitFor(() => expect(status().textContent).toMatch(/^Settings saved\./));
    expect(await readToken(ACME.id)).toBe(NEW_TOKEN);
    expect((await readSettings()).accounts[0]!.revision).toBe(2);
    expect(screen.getAllByText(/Saved token ending in •••• c0de/).length).toBeGreaterThan(0);
  });

  it('asks for the token again before a saved one would go to a new address', async () => {
    await saved([ACME], { a1: [TOKEN, 'local'] });
    const { testConnection } = renderPage();
    await openEdit('Acme');
    await type('API base URL', 'http://127.0.0.1:8787');

    fireEvent.click(button('Test connection'));
    await waitFor(() => expect(status().textContent).toBe('Connection not tested. One field needs fixing.'));
    expect(testConnection).not.toHaveBeenCalled();
    save();
    await waitFor(() => expect(status().textContent).toBe('Not saved. One field needs fixing.'));
    const token = await field('API token');
    expect(token.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(token);
    expect((await readSettings()).accounts).toEqual([ACME]);

    await type('API token', TOKEN);
    save();
    await waitFor(() => expect(status().textContent).toMatch(/^Settings saved\./));
    expect((await readSettings()).accounts[0]).toMatchObject({ baseUrl: 'http://127.0.0.1:8787', revision: 2 });
  });

  it('removes an account and its token after a confirm step; the next one becomes active', async () => {
    await saved([ACME, GLOBEX], { a1: [TOKEN, 'local'], a2: [NEW_TOKEN, 'session'] });
    const { remove } = renderPage();
    await openEdit('Acme');
    fireEvent.click(button('Remove account'));
    const confirm = await screen.findByRole('group', { name: /Remove “Acme” and its saved token/ });
    expect(document.activeElement).toBe(within(confirm).getByRole('button', { name: 'Keep account' }));

    fireEvent.click(within(confirm).getByRole('button', { name: 'Keep account' }));
    await waitFor(() => expect(screen.queryByRole('group', { name: /Remove “Acme”/ })).toBeNull());
    expect((await readSettings()).accounts).toHaveLength(2);

    fireEvent.click(button('Remove account'));
    fireEvent.click(await screen.findByRole('button', { name: 'Remove' }));
    await waitFor(() =>
      expect(status().textContent).toBe('“Acme” was removed, with its token. Lookups and searches now use “Globex”.'),
    );
    expect(await readSettings()).toMatchObject({ accounts: [GLOBEX], activeAccountId: GLOBEX.id });
    expect(await readToken(ACME.id)).toBeNull();
    expect(await readToken(GLOBEX.id)).toBe(NEW_TOKEN);
    expect(screen.queryByRole('heading', { name: 'Acme' })).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(button('Add account')));
    // Acme's server (the manifest's own) needed no optional permission; Globex still uses its own.
    expect(remove).not.toHaveBeenCalled();
  });

  it('gives back host access when the last account using a server is removed, and says none is left', async () => {
    await saved([GLOBEX], { a2: [NEW_TOKEN, 'local'] });
    const { remove } = renderPage();
    await openEdit('Globex');
    fireEvent.click(button('Remove account'));
    fireEvent.click(await screen.findByRole('button', { name: 'Remove' }));
    await waitFor(() =>
      expect(status().textContent).toBe(
        '“Globex” was removed, with its token. Lookups are off until you add an account.',
      ),
    );
    expect(remove).toHaveBeenCalledWith({ origins: ['https://mega.example.com/*'] });
    expect(screen.getByText('No account yet. Add one to look up leads.')).toBeTruthy();
  });

  it('asks for access to another https server, and saves nothing when refused', async () => {
    const { request } = renderPage({ granted: false });
    await type('API token', TOKEN);
    await type('Customer ID', CUSTOMER);
    await type('API base URL', 'https://mega.example.com');
    save();

    expect(request).toHaveBeenCalledWith({ origins: ['https://mega.example.com/*'] });
    await waitFor(() =>
      expect(status().textContent).toBe(
        'Settings not saved: the browser did not allow Lead Lens to connect to mega.example.com. Try again and choose “Allow” when the browser asks.',
      ),
    );
    expect((await field('API base URL')).getAttribute('aria-invalid')).toBe('true');
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('saves another https server once the browser allows it', async () => {
    renderPage({ granted: true });
    await type('API token', TOKEN);
    await type('Customer ID', CUSTOMER);
    await type('API base URL', 'https://mega.example.com');
    save();
    await waitFor(() =>
      expect(status().textContent).toBe('Settings saved. Lead Lens may now connect to mega.example.com.'),
    );
    expect((await readSettings()).accounts[0]!.baseUrl).toBe('https://mega.example.com');
  });

  it('follows changes made elsewhere, and closes the form of an account removed meanwhile', async () => {
    await saved([ACME, GLOBEX], { a1: [TOKEN, 'local'] });
    renderPage();
    await openEdit('Globex');
    await settingsItem.setValue({
      ...DEFAULT_SETTINGS,
      accounts: [{ ...ACME, name: 'Acme Europe' }],
      activeAccountId: ACME.id,
    });
    await waitFor(() => expect(status().textContent).toBe('This account was removed meanwhile.'));
    expect(screen.queryByRole('form', { name: /Edit/ })).toBeNull();
    expect(screen.getByRole('heading', { name: 'Acme Europe' })).toBeTruthy();
  });
});

describe('options page, Test connection', () => {
  it('tests the typed values and reports the result', async () => {
    let answer!: (reply: TestConnectionReply) => void;
    const { testConnection } = renderPage({
      reply: () => new Promise<TestConnectionReply>((resolve) => (answer = resolve)),
    });
    await type('API token', TOKEN);
    await type('Customer ID', CUSTOMER);
    await type('API base URL', 'http://localhost:8787');
    const test = button('Test connection') as HTMLButtonElement;
    fireEvent.click(test);

    await waitFor(() => expect(status().textContent).toBe('Testing connection…'));
    expect(test.disabled).toBe(true);
    expect(test.getAttribute('aria-busy')).toBe('true');
    expect(testConnection).toHaveBeenCalledWith({
      baseUrl: 'http://localhost:8787',
      customerId: CUSTOMER,
      token: TOKEN,
    });

    answer({ ok: true, total: 1234 });
    await waitFor(() => expect(status().textContent).toBe('Connected to MEGA: 1,234 leads.'));
    expect(test.disabled).toBe(false);
    expect(test.getAttribute('aria-busy')).toBe('false');
    // Testing stores nothing.
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('names the saved account instead of sending a token when none is typed', async () => {
    await saved([ACME], { a1: [TOKEN, 'local'] });
    const { testConnection } = renderPage({
      reply: async () => ({ ok: false, failure: { kind: 'unauthenticated', status: 401, message: 'x' } }),
    });
    await openEdit('Acme');
    fireEvent.click(button('Test connection'));
    await waitFor(() => expect(status().textContent).toMatch(/token was rejected/));
    expect(testConnection).toHaveBeenCalledWith({
      accountId: ACME.id,
      baseUrl: 'https://app.gomega.ai',
      customerId: CUSTOMER,
    });
  });

  it('sends a typed token, not the account, when one is typed', async () => {
    await saved([ACME], { a1: [TOKEN, 'local'] });
    const { testConnection } = renderPage();
    await openEdit('Acme');
    await type('API token', NEW_TOKEN);
    fireEvent.click(button('Test connection'));
    await waitFor(() => expect(status().textContent).toBe('Connected to MEGA: 1,234 leads.'));
    expect(testConnection).toHaveBeenCalledWith({
      baseUrl: 'https://app.gomega.ai',
      customerId: CUSTOMER,
      token: NEW_TOKEN,
    });
  });

  it('does not test a connection it knows is incomplete', async () => {
    const { testConnection } = renderPage();
    fireEvent.click(await screen.findByRole('button', { name: 'Test connection' }));
    await waitFor(() => expect(status().textContent).toBe('Connection not tested. 2 fields need fixing.'));
    expect(testConnection).not.toHaveBeenCalled();
  });
});

describe('options page, settings for every account', () => {
  it('saves them with their own Save, leaving the accounts as they are', async () => {
    await saved([ACME], { a1: [TOKEN, 'local'] });
    renderPage();
    await type('Sites where lookups are off', 'Mail.Example.com\n\nhttps://crm.example/inbox');
    await chooseRegion('GB');
    fireEvent.click(screen.getByRole('radio', { name: 'Show a small button first' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Offer “Add to MEGA” when no lead matches' }));
    fireEvent.click(button('Save settings'));

    await waitFor(() => expect(settingsStatus().textContent).toBe('Settings saved.'));
    expect(await readSettings()).toEqual({
      accounts: [ACME],
      activeAccountId: ACME.id,
      defaultRegion: 'GB',
      trigger: 'button',
      disabledSites: ['mail.example.com', 'crm.example'],
      allowCreate: false,
      // Settings version 3 added for the card; nothing to carry over from version 2.
      me: null,
      leadUrlTemplate: '',
      customFieldLabels: {},
      keepCopyFor: [],
      markSites: [],
      ownTokens: {},
      language: 'auto',
    });
    expect(await readToken(ACME.id)).toBe(TOKEN);
  });

  it('stores the language as soon as it is picked, every language named in itself', async () => {
    await saved([ACME]);
    renderPage();
    const language = (await field('Language of Lead Lens')) as unknown as HTMLSelectElement;
    expect(language.value).toBe('auto');
    const names = [...language.options].map((option) => option.textContent);
    expect(names).toContain('Deutsch');
    expect(names).toContain('العربية');
    expect(names).toContain('日本語');
    expect([...language.options].find((option) => option.value === 'ja')?.lang).toBe('ja');

    fireEvent.change(language, { target: { value: 'ja' } });
    await waitFor(async () => expect((await readSettings()).language).toBe('ja'));
    // The accounts and the other settings stay as they were.
    expect(await readSettings()).toMatchObject({ accounts: [ACME], trigger: 'auto' });
  });

  it('saves nothing while the site list is wrong, and goes to it', async () => {
    renderPage();
    await type('Sites where lookups are off', 'ok.example\nbad host');
    fireEvent.click(await screen.findByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(settingsStatus().textContent).toBe('Not saved. One field needs fixing.'));
    expect(document.activeElement).toBe(await field('Sites where lookups are off'));
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('follows a change made elsewhere, e.g. the popup’s site switch', async () => {
    await saved([ACME]);
    renderPage();
    await screen.findByRole('heading', { name: 'Acme' });
    await settingsItem.setValue({ ...(await readSettings()), disabledSites: ['mail.example.com'] });
    await waitFor(async () => expect((await field('Sites where lookups are off')).value).toBe('mail.example.com'));
  });
});

describe('options page and the popup’s site switch', () => {
  it('keeps a site the popup turned lookups off for when the settings are saved afterwards', async () => {
    await saved([ACME]);
    renderPage();
    await chooseRegion('GB');
    await writeLookupsOnSite('mail.example.com', false);
    await waitFor(async () => expect((await readSettings()).disabledSites).toEqual(['mail.example.com']));
    fireEvent.click(button('Save settings'));

    await waitFor(() => expect(settingsStatus().textContent).toBe('Settings saved.'));
    expect(await readSettings()).toMatchObject({ defaultRegion: 'GB', disabledSites: ['mail.example.com'] });
    await waitFor(async () => expect((await field('Sites where lookups are off')).value).toBe('mail.example.com'));
  });

  it('keeps both the popup’s site and the sites the user typed meanwhile', async () => {
    await saved([ACME], {}, { disabledSites: ['old.example'] });
    renderPage();
    await waitFor(async () => expect((await field('Sites where lookups are off')).value).toBe('old.example'));
    await type('Sites where lookups are off', 'crm.example');
    await writeLookupsOnSite('mail.example.com', false);
    await waitFor(async () =>
      expect((await readSettings()).disabledSites).toEqual(['old.example', 'mail.example.com']),
    );
    fireEvent.click(button('Save settings'));

    await waitFor(() => expect(settingsStatus().textContent).toBe('Settings saved.'));
    // The user took old.example out and put crm.example in; the popup put mail.example.com in.
    expect((await readSettings()).disabledSites).toEqual(['mail.example.com', 'crm.example']);
  });
});

describe('options page, administrator’s policy', () => {
  const HEAD_OFFICE = {
    name: 'Head office',
    customerId: OTHER_CUSTOMER,
    baseUrl: 'https://app.gomega.ai',
    apiToken: NEW_TOKEN,
  };

  it('marks managed settings, makes locked ones read-only, and shows what was skipped', async () => {
    await saved([ACME], {}, { trigger: 'auto', defaultRegion: 'GB' });
    await fakeBrowser.storage.managed.set({
      trigger: 'manual',
      allowCreate: false,
      defaultRegion: 'France',
      lockedSettings: ['trigger'],
    });
    renderPage();

    const policy = await screen.findByRole('region', { name: 'From your administrator' });
    expect(policy.textContent).toContain(
      "Your administrator's setting “defaultRegion” could not be read and was skipped.",
    );
    expect(policy.textContent).toContain(
      'Your administrator has locked “trigger”: their value now applies instead of yours.',
    );

    const trigger = screen.getByRole('group', { name: 'Lookup trigger' });
    expect(trigger.hasAttribute('disabled')).toBe(true);
    expect(screen.getByRole('radio', { name: 'Only from the context menu or keyboard shortcut' })).toHaveProperty(
      'checked',
      true,
    );
    expect(within(trigger).getByText('Set by your administrator')).toBeTruthy();

    // Not locked: the user's own saved value applies, and they may change it.
    const allowCreate = screen.getByRole('checkbox', {
      name: 'Offer “Add to MEGA” when no lead matches',
    }) as HTMLInputElement;
    expect(allowCreate.disabled).toBe(false);
    expect(document.getElementById(allowCreate.getAttribute('aria-describedby')!.split(' ')[0]!)?.textContent).toBe(
      'Set by your administrator; you can change it.',
    );
    expect((await field('Default phone region')).disabled).toBe(false);

    fireEvent.click(allowCreate);
    fireEvent.click(button('Save settings'));
    await waitFor(() => expect(settingsStatus().textContent).toBe('Settings saved.'));
    // The locked setting keeps the user's own value underneath; the policy's applies on top.
    expect(await readSettings()).toMatchObject({ trigger: 'auto', allowCreate: false, defaultRegion: 'GB' });
  });

  it("shows a locked language read-only, in the administrator's choice", async () => {
    await saved([ACME], {}, { language: 'fr' });
    await fakeBrowser.storage.managed.set({ language: 'de', lockedSettings: ['language'] });
    renderPage();

    const language = (await field('Language of Lead Lens')) as unknown as HTMLSelectElement;
    expect(language.value).toBe('de');
    expect(language.disabled).toBe(true);
    expect(document.getElementById(language.getAttribute('aria-describedby')!.split(' ')[0]!)?.textContent).toBe(
      'Set by your administrator',
    );
  });

  it('shows a deployed account read-only, marked as set by the administrator', async () => {
    await saved([ACME], { a1: [TOKEN, 'local'] });
    await fakeBrowser.storage.managed.set({ accounts: [HEAD_OFFICE] });
    renderPage();

    await screen.findByRole('heading', { name: 'Head office' });
    const deployed = row('Head office');
    expect(within(deployed).getByText('Set by your administrator')).toBeTruthy();
    expect(deployed.textContent).toContain('Saved token ending in •••• c0de');
    expect(within(deployed).queryByRole('button', { name: 'Edit' })).toBeNull();
    expect(within(row('Acme')).getByRole('button', { name: 'Edit' })).toBeTruthy();
    expect(document.body.innerHTML).not.toContain(NEW_TOKEN.slice(5, 30));
  });

  it('takes the user’s own token for a deployed account without one, its details read-only, and removes it again', async () => {
    const { name, customerId, baseUrl } = HEAD_OFFICE;
    await fakeBrowser.storage.managed.set({ accounts: [{ name, customerId, baseUrl }], lockedSettings: ['accounts'] });
    const { testConnection } = renderPage();
    await screen.findByRole('heading', { name });
    expect(row(name).textContent).toContain('No token: your administrator deployed none.');
    fireEvent.click(within(row(name)).getByRole('button', { name: 'Enter token' }));

    const form = within(row(name)).getByRole('form', { name: `Your API token for “${name}”` });
    for (const [label, value] of [
      ['Account name', name],
      ['Customer ID', customerId],
      ['API base URL', baseUrl],
    ] as const) {
      const shown = within(form).getByLabelText(label) as HTMLInputElement;
      expect({ label, value: shown.value, disabled: shown.disabled }).toEqual({ label, value, disabled: true });
    }
    save();
    await waitFor(() => expect(status().textContent).toBe('Not saved. One field needs fixing.'));
    expect(document.activeElement).toBe(within(form).getByLabelText('API token'));

    await type('API token', TOKEN);
    save();
    await waitFor(() => expect(status().textContent).toBe('Settings saved.'));
    const id = 'managed-head%20office';
    expect(await readToken(id)).toBe(TOKEN);
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain(TOKEN);
    await waitFor(() => expect(row(name).textContent).toContain('Saved token ending in •••• 7f3e'));

    // Test connection with nothing typed names the account: the background uses the saved token.
    fireEvent.click(within(form).getByRole('button', { name: 'Test connection' }));
    await waitFor(() => expect(testConnection).toHaveBeenCalledWith({ baseUrl, customerId, accountId: id }));

    fireEvent.click(within(form).getByRole('button', { name: 'Remove token' }));
    await waitFor(() => expect(status().textContent).toBe(`Your token for “${name}” was removed.`));
    expect(await readToken(id)).toBeNull();
    await waitFor(() => expect(row(name).textContent).toContain('No token: your administrator deployed none.'));
  });

  it('says in the row that a token the administrator deploys wins over the user’s own, and offers no field', async () => {
    await settingsItem.setValue({
      ...DEFAULT_SETTINGS,
      ownTokens: { 'managed-head%20office': { tokenMemory: 'local', baseUrl: HEAD_OFFICE.baseUrl, savedAt: 1 } },
    });
    await writeToken('managed-head%20office', TOKEN, 'local');
    await fakeBrowser.storage.managed.set({ accounts: [HEAD_OFFICE] });
    renderPage();
    await screen.findByRole('heading', { name: 'Head office' });
    const deployed = row('Head office');
    expect(deployed.textContent).toContain('Saved token ending in •••• c0de');
    expect(deployed.textContent).toContain('Your administrator has deployed a token for this account: theirs is used');
    expect(within(deployed).queryByRole('button', { name: /token/ })).toBeNull();
  });

  it('refuses an account of the user named like a deployed one', async () => {
    await fakeBrowser.storage.managed.set({ accounts: [HEAD_OFFICE] });
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: 'Add account' }));
    await type('Account name', 'head office');
    await type('API token', TOKEN);
    await type('Customer ID', CUSTOMER);
    save();
    await waitFor(async () => expect((await field('Account name')).getAttribute('aria-invalid')).toBe('true'));
    expect((await readSettings()).accounts).toEqual([]);
  });

  it('closes the new-account form it opened on an empty list once a policy read late deploys locked accounts', async () => {
    renderPage();
    await screen.findByRole('form', { name: 'Add account' });
    const { name, customerId, baseUrl } = HEAD_OFFICE;
    await fakeBrowser.storage.managed.set({ accounts: [{ name, customerId, baseUrl }], lockedSettings: ['accounts'] });
    await screen.findByRole('heading', { name });
    await waitFor(() => expect(screen.queryByRole('form', { name: 'Add account' })).toBeNull());
    // With no form open, the row offers what the deployed account needs: the user's own token.
    expect(within(row(name)).getByRole('button', { name: 'Enter token' })).toBeTruthy();
  });

  it('closes a new-account form the user opened, and says why, when a policy now locks the accounts', async () => {
    await fakeBrowser.storage.managed.set({ accounts: [HEAD_OFFICE] });
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: 'Add account' }));
    await screen.findByRole('form', { name: 'Add account' });
    await fakeBrowser.storage.managed.set({ accounts: [HEAD_OFFICE], lockedSettings: ['accounts'] });
    await waitFor(() =>
      expect(status().textContent).toBe(
        'Your administrator manages the accounts: they cannot be added or changed here.',
      ),
    );
    expect(screen.queryByRole('form', { name: 'Add account' })).toBeNull();
  });

  it('offers no way to add an account when the administrator locks the list', async () => {
    await fakeBrowser.storage.managed.set({ accounts: [HEAD_OFFICE], lockedSettings: ['accounts'] });
    renderPage();
    await screen.findByRole('heading', { name: 'Head office' });
    expect(
      screen.getByText('Your administrator manages the accounts: they cannot be added or changed here.'),
    ).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Add account' })).toBeNull();
    expect(screen.queryByRole('form', { name: 'Add account' })).toBeNull();
  });
});

// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ConnectionDraft, TestConnectionReply } from '@/utils/protocol';
import type { HostPermissions } from './permissions';
import { DEFAULT_SETTINGS, readSettings, readToken, settingsItem, writeToken } from '@/utils/storage';
import { OptionsPage } from './OptionsPage';

const TOKEN = `mega_${'0123456789abcdef'.repeat(3)}0123456789ab7f3e`;
const NEW_TOKEN = `mega_${'f'.repeat(60)}c0de`;
const CUSTOMER = '3f2a9c4e-1b7d-4e8a-9c0f-2d5e6a7b8c9d';

function fakePermissions(granted = true) {
  const request = vi.fn(async (_asked: { origins?: string[] }) => granted);
  const remove = vi.fn(async (_removed: { origins?: string[] }) => true);
  return { request, remove, permissions: { request, remove } as unknown as HostPermissions };
}

function renderPage(options: { granted?: boolean; reply?: () => Promise<TestConnectionReply> } = {}) {
  const perms = fakePermissions(options.granted);
  const testConnection = vi.fn<(draft: ConnectionDraft) => Promise<TestConnectionReply>>(
    options.reply ?? (async () => ({ ok: true, total: 1234 })),
  );
  render(<OptionsPage locale="en-US" permissions={perms.permissions} testConnection={testConnection} />);
  return { ...perms, testConnection };
}

async function field(name: string): Promise<HTMLInputElement> {
  return (await screen.findByLabelText(name, { exact: true })) as HTMLInputElement;
}

async function type(name: string, value: string): Promise<void> {
  fireEvent.input(await field(name), { target: { value } });
}

const status = () => screen.getByRole('status');
const save = () => fireEvent.click(screen.getByRole('button', { name: 'Save' }));

async function tokenAreas() {
  const [local, session] = await Promise.all([
    fakeBrowser.storage.local.get('apiToken'),
    fakeBrowser.storage.session.get('apiToken'),
  ]);
  return { local: local.apiToken, session: session.apiToken };
}

beforeEach(() => {
  fakeBrowser.reset();
});

afterEach(() => {
  cleanup();
});

describe('options page', () => {
  it('names every field as the user sees it', async () => {
    renderPage();
    for (const name of ['API token', 'Customer ID', 'API base URL', 'Default phone region', 'Sites where lookups are off']) {
      expect(await field(name)).toBeTruthy();
    }
    expect(screen.getByRole('radio', { name: 'Automatically when I select a phone number or email' })).toHaveProperty('checked', true);
    expect(screen.getByRole('radio', { name: 'Show a small button first' })).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'Only from the context menu or keyboard shortcut' })).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'On this device' })).toHaveProperty('checked', true);
    expect(screen.getByRole('radio', { name: 'Until the browser closes' })).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: 'Offer “Add to MEGA” when no lead matches' })).toHaveProperty('checked', true);
    expect((await field('API base URL')).value).toBe('https://app.gomega.ai');
    expect(status().getAttribute('aria-live')).toBe('polite');
  });

  it('suggests the phone region of the browser language until one is saved', async () => {
    render(<OptionsPage locale="de-DE" permissions={fakePermissions().permissions} />);
    expect((await field('Default phone region')).value).toBe('DE');
  });

  it('saves nothing while a field is invalid, and says what to fix', async () => {
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
    expect((await field('Default phone region')).getAttribute('aria-invalid')).toBeNull();
    expect(document.activeElement).toBe(token);

    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    expect(await tokenAreas()).toEqual({ local: undefined, session: undefined });
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

    const show = screen.getByRole('button', { name: 'Show token' });
    expect(show.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(show);
    expect(token.type).toBe('text');
    const hide = screen.getByRole('button', { name: 'Hide token' });
    expect(hide.getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(hide);
    expect(token.type).toBe('password');
  });

  it('saves every field, then shows only the last four characters of the token', async () => {
    const { request } = renderPage();
    await type('API token', `  Bearer ${TOKEN} `);
    await type('Customer ID', CUSTOMER.toUpperCase());
    await type('API base URL', 'http://127.0.0.1:8787/');
    await type('Sites where lookups are off', 'Mail.Example.com\n\nhttps://crm.example/inbox');
    fireEvent.change(await field('Default phone region'), { target: { value: 'GB' } });
    fireEvent.click(screen.getByRole('radio', { name: 'Show a small button first' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Offer “Add to MEGA” when no lead matches' }));
    fireEvent.click(screen.getByRole('button', { name: 'Show token' }));
    save();

    await waitFor(() => expect(status().textContent).toMatch(/^Settings saved\./));
    expect(await readSettings()).toEqual({
      baseUrl: 'http://127.0.0.1:8787',
      customerId: CUSTOMER,
      defaultRegion: 'GB',
      trigger: 'button',
      disabledSites: ['mail.example.com', 'crm.example'],
      tokenMemory: 'local',
      allowCreate: false,
    });
    expect(await tokenAreas()).toEqual({ local: TOKEN, session: undefined });
    // A loopback server needs no host permission, so nothing prompts.
    expect(request).not.toHaveBeenCalled();

    const token = await field('API token');
    expect(token.value).toBe('');
    expect(token.type).toBe('password');
    expect(document.body.textContent).toContain('Saved token ending in •••• 7f3e');
    expect(document.body.textContent).not.toContain(TOKEN);
    expect(document.body.innerHTML).not.toContain(TOKEN.slice(5, 20));
  });

  it('keeps the saved token when the field is left empty, and moves it when asked', async () => {
    await writeToken(TOKEN, 'local');
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, customerId: CUSTOMER });
    renderPage();
    await screen.findByText(/Saved token ending in •••• 7f3e/);
    expect((await field('API token')).value).toBe('');

    fireEvent.click(screen.getByRole('radio', { name: 'Until the browser closes' }));
    save();
    await waitFor(() => expect(status().textContent).toMatch(/^Settings saved\./));
    expect(await tokenAreas()).toEqual({ local: undefined, session: TOKEN });
    expect((await readSettings()).tokenMemory).toBe('session');
  });

  it('replaces the saved token with a new one', async () => {
    await writeToken(TOKEN, 'local');
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, customerId: CUSTOMER });
    renderPage();
    await type('API token', NEW_TOKEN);
    save();
    await waitFor(() => expect(status().textContent).toMatch(/^Settings saved\./));
    expect(await readToken()).toBe(NEW_TOKEN);
    expect(screen.getByText(/Saved token ending in •••• c0de/)).toBeTruthy();
  });

  it('removes the saved token', async () => {
    await writeToken(TOKEN, 'session');
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: 'Remove token' }));
    await waitFor(() => expect(status().textContent).toMatch(/^Token removed\./));
    expect(await tokenAreas()).toEqual({ local: undefined, session: undefined });
    expect(screen.queryByText(/Saved token ending/)).toBeNull();
    expect(document.activeElement).toBe(await field('API token'));
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
    expect((await readSettings()).baseUrl).toBe('https://mega.example.com');
  });

  it('tests the typed values and reports the result', async () => {
    let answer!: (reply: TestConnectionReply) => void;
    const { testConnection } = renderPage({
      reply: () => new Promise<TestConnectionReply>((resolve) => (answer = resolve)),
    });
    await type('API token', TOKEN);
    await type('Customer ID', CUSTOMER);
    await type('API base URL', 'http://localhost:8787');
    const button = screen.getByRole('button', { name: 'Test connection' }) as HTMLButtonElement;
    fireEvent.click(button);

    await waitFor(() => expect(status().textContent).toBe('Testing connection…'));
    expect(button.disabled).toBe(true);
    expect(button.getAttribute('aria-busy')).toBe('true');
    expect(testConnection).toHaveBeenCalledWith({ baseUrl: 'http://localhost:8787', customerId: CUSTOMER, token: TOKEN });

    answer({ ok: true, total: 1234 });
    await waitFor(() => expect(status().textContent).toBe('Connected to MEGA: 1,234 leads.'));
    expect(button.disabled).toBe(false);
    expect(button.getAttribute('aria-busy')).toBe('false');
    // Testing stores nothing.
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('tests with the saved token when none is typed', async () => {
    await writeToken(TOKEN, 'local');
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, customerId: CUSTOMER });
    const { testConnection } = renderPage({
      reply: async () => ({ ok: false, failure: { kind: 'unauthenticated', status: 401, message: 'x' } }),
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Test connection' }));
    await waitFor(() => expect(status().textContent).toMatch(/token was rejected/));
    expect(testConnection).toHaveBeenCalledWith({ baseUrl: 'https://app.gomega.ai', customerId: CUSTOMER });
  });

  it('does not test a connection it knows is incomplete', async () => {
    const { testConnection } = renderPage();
    fireEvent.click(await screen.findByRole('button', { name: 'Test connection' }));
    await waitFor(() => expect(status().textContent).toBe('Connection not tested. 2 fields need fixing.'));
    expect(testConnection).not.toHaveBeenCalled();
  });
});

// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Lead } from '@/utils/api/schemas';
import type { ConnectionStatus, SearchReply, SearchRequest } from '@/utils/protocol';
import type { DeviceCopyAsk } from '@/components/use-device-copy';
import type { IndexStatus } from '@/utils/device-copy-status';
import type { DeviceSearchReply, DeviceSearchRequest } from './search/request';
import type { CurrentSite } from './site-toggle';
import { DEFAULT_SETTINGS, readSettings, settingsItem, type Account } from '@/utils/storage';
import { PopupApp } from './PopupApp';

function lead(id: string, name: string): Lead {
  return {
    id,
    customer_id: 'customer',
    source_platform: 'direct',
    source_type: 'form',
    status: 'active',
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-02T00:00:00Z',
    contact_name: name,
    contact_email: `${id}@example.com`,
  };
}

/** A background with `count` leads named "Garcia 1", "Garcia 2", … served two to a page. */
function fakeSearch(count: number) {
  const leads = Array.from({ length: count }, (_, i) => lead(`l${i + 1}`, `Garcia ${i + 1}`));
  return vi.fn(async (request: SearchRequest): Promise<SearchReply> => {
    const matching = leads.filter((l) => l.contact_name!.toLowerCase().includes(request.search.toLowerCase()));
    const start = request.cursor ? Number(request.cursor) : 0;
    const end = start + 2;
    return {
      ok: true,
      page: {
        leads: matching.slice(start, end),
        total: matching.length,
        limit: 2,
        offset: start,
        next_cursor: end < matching.length ? String(end) : null,
      },
    };
  });
}

const ACME = { id: 'a1', name: 'Acme' };
const configured = async (): Promise<ConnectionStatus> => ({
  configured: true,
  baseUrl: 'http://127.0.0.1:8787',
  accounts: [ACME],
  activeAccountId: ACME.id,
});
const webSite = async (): Promise<CurrentSite> => ({ kind: 'site', host: 'example.com', secure: true, tabId: 3 });

function renderPopup(
  options: {
    search?: ReturnType<typeof fakeSearch>;
    searchDevice?: (request: DeviceSearchRequest) => Promise<DeviceSearchReply>;
    recentLeads?: () => Promise<Lead[]>;
    deviceCopy?: DeviceCopyAsk;
    connectionStatus?: () => Promise<ConnectionStatus>;
    switchAccount?: (accountId: string) => Promise<void>;
    findSite?: () => Promise<CurrentSite>;
  } = {},
) {
  const search = options.search ?? fakeSearch(5);
  const openSettings = vi.fn();
  render(
    <PopupApp
      search={search}
      // No copy on this device and nothing looked up yet, unless the test says otherwise.
      searchDevice={options.searchDevice ?? (async () => null)}
      recentLeads={options.recentLeads ?? (async () => [])}
      deviceCopy={options.deviceCopy ?? { status: async () => null, sync: async () => null }}
      connectionStatus={options.connectionStatus ?? configured}
      {...(options.switchAccount ? { switchAccount: options.switchAccount } : {})}
      findSite={options.findSite ?? webSite}
      openSettings={openSettings}
    />,
  );
  return { search, openSettings };
}

const searchBox = () => screen.getByRole('searchbox', { name: 'Search leads' }) as HTMLInputElement;
const rows = () => within(screen.getByRole('list', { name: 'Results' })).getAllByRole('button', { expanded: false });

beforeEach(() => {
  fakeBrowser.reset();
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('toolbar popup', () => {
  it('focuses the search box and lists the most recently updated leads', async () => {
    const { search } = renderPopup();
    await waitFor(() => expect(document.activeElement).toBe(searchBox()));
    await screen.findByText('5 leads');
    expect(search).toHaveBeenCalledWith(
      expect.objectContaining({ search: '', sort_by: 'updated_at', sort_dir: 'desc' }),
    );
    expect(rows().map((row) => row.querySelector('.lead-row__name')?.textContent)).toEqual(['Garcia 1', 'Garcia 2']);
    expect(screen.getByText('127.0.0.1:8787')).toBeTruthy();
  });

  it("says, beside the API host, how much of the token's rate budget is left", async () => {
    const budget = { remaining: 12, limit: 60, resetAt: Date.now() + 30_000, low: true };
    renderPopup({
      connectionStatus: async () => ({
        configured: true,
        baseUrl: 'http://127.0.0.1:8787',
        budget,
        accounts: [],
        activeAccountId: null,
      }),
    });
    const host = await screen.findByText('127.0.0.1:8787');
    expect(host.getAttribute('title')).toBe('MEGA API at http://127.0.0.1:8787\nMEGA budget: 12 of 60 this minute');
    // Under a fifth of the budget left, it is said in the popup itself.
    expect(screen.getByRole('status').textContent).toBe('MEGA budget: 12 of 60 this minute');
  });

  it('names every control', async () => {
    renderPopup();
    await screen.findByText('5 leads');
    for (const name of ['Status', 'Lead line', 'Sort by']) expect(screen.getByRole('combobox', { name })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Load more' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Settings' })).toBeTruthy();
    expect(await screen.findByRole('switch', { name: 'Lookups on this site' })).toBeTruthy();
  });

  it('loads more with the cursor until every lead is shown, then moves focus to the new rows', async () => {
    const { search } = renderPopup();
    await screen.findByText('5 leads');
    for (let shown = 2; shown < 5; shown += 2) {
      fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
      await waitFor(() =>
        expect(screen.getByRole('list', { name: 'Results' }).children).toHaveLength(Math.min(shown + 2, 5)),
      );
    }
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    expect(search.mock.calls.map(([request]) => request.cursor)).toEqual([undefined, '2', '4']);
    await waitFor(() => expect(document.activeElement?.textContent).toContain('Garcia 5'));
  });

  it('searches once after typing, and says when nothing matches', async () => {
    const { search } = renderPopup();
    await screen.findByText('5 leads');
    vi.useFakeTimers();
    for (const text of ['x', 'xy', 'xyz']) fireEvent.input(searchBox(), { target: { value: text } });
    await act(async () => {
      await vi.advanceTimersByTimeAsync(300);
    });
    vi.useRealTimers();
    expect(search).toHaveBeenCalledTimes(2);
    expect(await screen.findByText('No leads match “xyz”')).toBeTruthy();
  });

  it('offers “Add to MEGA” for a search that finds nobody as the settings in effect say, the administrator’s lock applied', async () => {
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, allowCreate: false });
    await fakeBrowser.storage.managed.set({ allowCreate: true, lockedSettings: ['allowCreate'] });
    renderPopup();
    await screen.findByText('5 leads');
    fireEvent.input(searchBox(), { target: { value: 'xyz' } });
    expect(await screen.findByText('No leads match “xyz”')).toBeTruthy();
    expect(await screen.findByRole('button', { name: 'Add to MEGA' })).toBeTruthy();
  });

  it('moves from the search box into the results with ArrowDown, and back with ArrowUp', async () => {
    renderPopup();
    await screen.findByText('5 leads');
    fireEvent.keyDown(searchBox(), { key: 'ArrowDown' });
    expect(document.activeElement).toBe(rows()[0]);
    fireEvent.keyDown(rows()[0]!, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(searchBox());
  });

  it('asks to open the settings and searches nothing when not set up', async () => {
    const search = fakeSearch(5);
    const { openSettings } = renderPopup({
      search,
      connectionStatus: async () => ({ configured: false, accounts: [], activeAccountId: null }),
    });
    const button = await screen.findByRole('button', { name: 'Open settings' });
    await waitFor(() => expect(document.activeElement).toBe(button));
    expect(searchBox().disabled).toBe(true);
    fireEvent.click(button);
    expect(openSettings).toHaveBeenCalledOnce();
    expect(search).not.toHaveBeenCalled();
  });

  it('explains a failure in plain words and tries again', async () => {
    const search = fakeSearch(5);
    search.mockResolvedValueOnce({
      ok: false,
      cancelled: false,
      failure: { kind: 'server', status: 503 },
    });
    renderPopup({ search });
    expect(await screen.findByText('MEGA had a problem')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await screen.findByText('5 leads');
  });

  it('turns lookups off for the site and on again', async () => {
    renderPopup();
    const toggle = (await screen.findByRole('switch', { name: 'Lookups on this site' })) as HTMLInputElement;
    await waitFor(() => expect(toggle.disabled).toBe(false));
    expect(toggle.checked).toBe(true);
    expect(screen.getByText('example.com')).toBeTruthy();

    fireEvent.click(toggle);
    // Shown at once, and busy until saved: once it is no longer busy, the settings hold the choice.
    expect(toggle.checked).toBe(false);
    expect(toggle.getAttribute('aria-busy')).toBe('true');
    await waitFor(() => expect(toggle.getAttribute('aria-busy')).toBe('false'));
    expect((await readSettings()).disabledSites).toEqual(['example.com']);

    fireEvent.click(toggle);
    await waitFor(async () => expect((await readSettings()).disabledSites).toEqual([]));
    expect(toggle.checked).toBe(true);
  });

  /** What a screen reader reads after a control's name: the texts its aria-describedby names. */
  const descriptionOf = (control: Element) =>
    (control.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' ');

  it('shows lookups off, read-only, on a site the administrator locked them off for, and says who did', async () => {
    await fakeBrowser.storage.managed.set({ disabledSites: ['example.com'], lockedSettings: ['disabledSites'] });
    renderPopup();
    const toggle = (await screen.findByRole('switch', { name: 'Lookups on this site' })) as HTMLInputElement;
    await waitFor(() => expect(toggle.checked).toBe(false));
    expect(toggle.disabled).toBe(true);
    expect(descriptionOf(toggle)).toContain('Set by your administrator');
  });

  it('says the administrator turned lookups off on the site, and lets the user turn them on when not locked', async () => {
    await fakeBrowser.storage.managed.set({ disabledSites: ['example.com', 'mail.example.org'] });
    renderPopup();
    const toggle = (await screen.findByRole('switch', { name: 'Lookups on this site' })) as HTMLInputElement;
    await waitFor(() => expect(toggle.checked).toBe(false));
    expect(toggle.disabled).toBe(false);
    expect(descriptionOf(toggle)).toContain('Set by your administrator; you can change it.');

    fireEvent.click(toggle);
    await waitFor(async () => expect((await readSettings()).disabledSites).toEqual(['mail.example.org']));
    expect(toggle.checked).toBe(true);
    expect(descriptionOf(toggle)).not.toContain('administrator');
  });

  it('shows no switch on a page that is not a web site, and says why', async () => {
    renderPopup({ findSite: async () => ({ kind: 'not-web' }) });
    expect(await screen.findByText(/only looks up text on web pages/)).toBeTruthy();
    expect(screen.queryByRole('switch')).toBeNull();
  });
});

describe('accounts in the popup', () => {
  const account = (id: string, name: string): Account => ({
    id,
    name,
    customerId: `customer-${id}`,
    baseUrl: 'http://127.0.0.1:8787',
    tokenMemory: 'local',
    revision: 1,
  });
  const accounts = [account('a1', 'Acme'), account('a2', 'Globex')];

  /** A background that reads the stored settings, as the real one does, and finds each account's own leads. */
  function backgroundOverStorage() {
    const connectionStatus = async (): Promise<ConnectionStatus> => {
      const settings = await readSettings();
      return {
        configured: true,
        baseUrl: 'http://127.0.0.1:8787',
        accounts: settings.accounts.map(({ id, name }) => ({ id, name })),
        activeAccountId: settings.activeAccountId,
      };
    };
    const search = vi.fn(async (_request: SearchRequest): Promise<SearchReply> => {
      const settings = await readSettings();
      const active = settings.accounts.find((candidate) => candidate.id === settings.activeAccountId);
      const found = [lead(`${active!.id}-1`, `${active!.name} lead`)];
      return { ok: true, page: { leads: found, total: 1, limit: 20, offset: 0, next_cursor: null } };
    });
    return { connectionStatus, search };
  }

  const picker = () => screen.getByRole('combobox', { name: 'Account' }) as HTMLSelectElement;

  beforeEach(async () => {
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, accounts, activeAccountId: 'a1' });
  });

  it('shows the only account’s name quietly, without a picker', async () => {
    renderPopup();
    expect(await screen.findByText('Acme')).toBeTruthy();
    expect(screen.queryByRole('combobox', { name: 'Account' })).toBeNull();
  });

  it('shows nothing for an only account without a name', async () => {
    renderPopup({
      connectionStatus: async () => ({ ...(await configured()), accounts: [{ id: 'a1', name: ' ' }] }),
    });
    await screen.findByText('5 leads');
    expect(document.querySelector('.popup__account')).toBeNull();
  });

  it('picks the account with “Account”, and searches it again at once', async () => {
    const { connectionStatus, search } = backgroundOverStorage();
    renderPopup({ connectionStatus, search });
    expect(await screen.findByText('Acme lead')).toBeTruthy();
    expect(picker().value).toBe('a1');
    expect([...picker().options].map((option) => option.textContent)).toEqual(['Acme', 'Globex']);

    fireEvent.change(picker(), { target: { value: 'a2' } });
    expect(await screen.findByText('Globex lead')).toBeTruthy();
    expect(screen.queryByText('Acme lead')).toBeNull();
    expect((await readSettings()).activeAccountId).toBe('a2');
    expect(picker().value).toBe('a2');
    expect(search.mock.calls.at(-1)![0]).toMatchObject({ search: '' });
    expect(search.mock.calls.at(-1)![0].cursor).toBeUndefined();
  });

  it('follows a switch made elsewhere, e.g. on the options page', async () => {
    const { connectionStatus, search } = backgroundOverStorage();
    renderPopup({ connectionStatus, search });
    await screen.findByText('Acme lead');
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, accounts, activeAccountId: 'a2' });
    expect(await screen.findByText('Globex lead')).toBeTruthy();
    await waitFor(() => expect(picker().value).toBe('a2'));
  });

  it('says so and stays on the account when the switch cannot be stored', async () => {
    const { connectionStatus, search } = backgroundOverStorage();
    renderPopup({ connectionStatus, search, switchAccount: async () => Promise.reject(new Error('quota')) });
    await screen.findByText('Acme lead');
    fireEvent.change(picker(), { target: { value: 'a2' } });
    expect((await screen.findByRole('alert')).textContent).toBe('Could not switch accounts. Try again.');
    expect(picker().value).toBe('a1');
    expect(screen.getByText('Acme lead')).toBeTruthy();
    expect((await readSettings()).activeAccountId).toBe('a1');
  });
});

describe('the copy on this device, in the popup', () => {
  const copyStatus: IndexStatus = {
    state: 'idle',
    phase: null,
    usable: true,
    done: 0,
    total: null,
    count: 4_800,
    lastSyncedAt: Date.now() - 2 * 60_000,
    lastFullSyncAt: Date.now() - 3_600_000,
    waiting: null,
    failure: null,
    offReason: null,
  };
  const names = () => rows().map((row) => row.querySelector('.lead-row__name')?.textContent);

  it('lists the leads last looked up under “Recent” while the box is empty, and searches when the user types', async () => {
    const { search } = renderPopup({ recentLeads: async () => [lead('r1', 'Rosa Diaz'), lead('r2', 'Raj Patel')] });
    expect(await screen.findByRole('heading', { name: 'Recent' })).toBeTruthy();
    const recent = screen.getByRole('list', { name: 'Recent' });
    expect(within(recent).getAllByRole('listitem')).toHaveLength(2);
    expect(search).not.toHaveBeenCalled();
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();

    fireEvent.input(searchBox(), { target: { value: 'garcia' } });
    await screen.findByText('5 leads');
    expect(screen.queryByRole('heading', { name: 'Recent' })).toBeNull();
    fireEvent.input(searchBox(), { target: { value: '' } });
    expect(await screen.findByRole('heading', { name: 'Recent' })).toBeTruthy();
  });

  it('shows what the copy found at once, then MEGA’s answer merged with it', async () => {
    let answerMega!: () => void;
    const mega = fakeSearch(5);
    const search = vi.fn(async (request: SearchRequest) => {
      if (request.search) await new Promise<void>((resolve) => (answerMega = resolve));
      return mega(request);
    });
    const searchDevice = vi.fn(async (request: DeviceSearchRequest): Promise<DeviceSearchReply> =>
      request.search
        ? { leads: [lead('l1', 'Garcia 1 (device)'), lead('d9', 'Garcia only on device')], total: 2 }
        : null,
    );
    renderPopup({ search: search as unknown as ReturnType<typeof fakeSearch>, searchDevice });
    await screen.findByText('5 leads');

    fireEvent.input(searchBox(), { target: { value: 'garcia' } });
    expect(await screen.findByText('Garcia only on device')).toBeTruthy();
    expect(searchDevice).toHaveBeenLastCalledWith(expect.objectContaining({ search: 'garcia' }));
    expect(screen.getByText(/from this device/)).toBeTruthy();
    await waitFor(() => expect(search).toHaveBeenCalledTimes(2));

    answerMega();
    await waitFor(() => expect(names()).toEqual(['Garcia 1', 'Garcia 2', 'Garcia only on device']));
    expect(screen.queryByText(/from this device/)).toBeNull();
    expect(screen.getByRole('button', { name: 'Load more' })).toBeTruthy();
  });

  it('keeps what the copy found when MEGA cannot be reached, and says so quietly', async () => {
    const search = fakeSearch(5);
    const searchDevice = async (request: DeviceSearchRequest): Promise<DeviceSearchReply> =>
      request.search ? { leads: [lead('d1', 'Garcia on device')], total: 1 } : null;
    renderPopup({ search, searchDevice });
    await screen.findByText('5 leads');
    search.mockResolvedValueOnce({ ok: false, cancelled: false, failure: { kind: 'network' } });
    fireEvent.input(searchBox(), { target: { value: 'garcia' } });
    const quiet = await screen.findByText('MEGA could not be reached: these leads are from this device.');
    expect(names()).toEqual(['Garcia on device']);
    expect(screen.queryByRole('alert')).toBeNull();

    fireEvent.click(within(quiet.parentElement!).getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(names()).toEqual(['Garcia 1', 'Garcia 2', 'Garcia on device']));
    expect(screen.queryByText(/these leads are from this device/)).toBeNull();
  });

  it('says where the active account’s copy stands under the search box, with Sync now', async () => {
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, keepCopyFor: [ACME.id] });
    const deviceCopy = {
      status: vi.fn(async () => copyStatus),
      sync: vi.fn(() => new Promise<IndexStatus | null>(() => undefined)),
    };
    renderPopup({ deviceCopy });
    const line = await screen.findByRole('group', { name: 'Copy on this device' });
    await waitFor(() => expect(line.textContent).toContain('4,800 leads on this device · updated 2 minutes ago'));
    const sync = within(line).getByRole('button', { name: 'Sync now' });
    fireEvent.click(sync);
    expect(deviceCopy.sync).toHaveBeenCalledOnce();
    await waitFor(() => expect(sync.getAttribute('aria-disabled')).toBe('true'));
  });

  it('shows no copy line for an account that keeps none', async () => {
    const deviceCopy = { status: vi.fn(async () => copyStatus), sync: vi.fn(async () => copyStatus) };
    renderPopup({ deviceCopy });
    await screen.findByText('5 leads');
    expect(screen.queryByRole('group', { name: 'Copy on this device' })).toBeNull();
    expect(deviceCopy.status).not.toHaveBeenCalled();
  });
});

// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { IndexStatus } from '@/utils/device-copy-status';
import { DEFAULT_SETTINGS, readSettings, settingsItem, type Account, type Settings } from '@/utils/storage';
import type { DeviceCopyMessages } from './KeepCopy';
import type { HostPermissions } from './permissions';
import { OptionsPage } from './OptionsPage';

const CUSTOMER = '3f2a9c4e-1b7d-4e8a-9c0f-2d5e6a7b8c9d';

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
const GLOBEX = account('a2', 'Globex');

function copyStatus(patch: Partial<IndexStatus> = {}): IndexStatus {
  return {
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
    ...patch,
  };
}

async function saved(patch: Partial<Settings>) {
  await settingsItem.setValue({ ...DEFAULT_SETTINGS, accounts: [ACME, GLOBEX], activeAccountId: ACME.id, ...patch });
}

/** A background whose copy answers `current`, as the test sets it. */
function fakeCopy(initial: IndexStatus | null) {
  let current = initial;
  const deviceCopy = {
    status: vi.fn(async () => current),
    sync: vi.fn(() => {
      current = copyStatus({ state: 'syncing', phase: 'incremental' });
      return new Promise<IndexStatus | null>(() => undefined);
    }),
    remove: vi.fn(async () => {
      current = null;
    }),
  } satisfies DeviceCopyMessages;
  return { deviceCopy, set: (next: IndexStatus | null) => (current = next) };
}

function renderPage(deviceCopy: DeviceCopyMessages) {
  const permissions = {
    request: vi.fn(async () => true),
    remove: vi.fn(async () => true),
  } as unknown as HostPermissions;
  render(
    <OptionsPage
      permissions={permissions}
      testConnection={async () => ({ ok: true, total: 1 })}
      deviceCopy={deviceCopy}
    />,
  );
}

/** The list entry of the account with this name. */
async function row(name: string): Promise<HTMLElement> {
  await screen.findByRole('heading', { name });
  const found = within(screen.getByRole('region', { name: 'Accounts' }))
    .getAllByRole('listitem')
    .find((item) => within(item).queryByRole('heading', { name }));
  if (!found) throw new Error(`no account "${name}"`);
  return found;
}

/** The Accounts card's one status line. */
const cardStatus = () => within(screen.getByRole('region', { name: 'Accounts' })).getByRole('status').textContent;

const keepSwitch = async (name: string) =>
  within(await row(name)).getByRole('switch', { name: 'Keep a copy of my leads on this device' }) as HTMLInputElement;

beforeEach(() => {
  fakeBrowser.reset();
});

afterEach(() => {
  cleanup();
});

describe('Keep a copy of my leads on this device', () => {
  it('is off for every account at first, and says what it does, for that account', async () => {
    await saved({});
    const { deviceCopy } = fakeCopy(null);
    renderPage(deviceCopy);
    for (const name of ['Acme', 'Globex']) {
      const control = await keepSwitch(name);
      expect(control.checked).toBe(false);
      const described = control
        .getAttribute('aria-describedby')!
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent);
      expect(described[0]).toBe(name);
      expect(described[1]).toContain(`Every lead of “${name}” is copied into this browser and kept in step with MEGA`);
    }
    expect(deviceCopy.status).not.toHaveBeenCalled();
  });

  it('turns on for the active account in one settings write, and shows how far the copy is', async () => {
    await saved({});
    const { deviceCopy } = fakeCopy(
      copyStatus({
        state: 'syncing',
        phase: 'full',
        usable: false,
        count: 1_200,
        done: 1_200,
        total: 4_800,
        lastSyncedAt: null,
      }),
    );
    renderPage(deviceCopy);
    fireEvent.click(await keepSwitch('Acme'));

    const acme = await row('Acme');
    await waitFor(() =>
      expect(cardStatus()).toBe(
        'Copying the leads of “Acme” to this device. Lookups use the copy once it is complete.',
      ),
    );
    expect((await readSettings()).keepCopyFor).toEqual([ACME.id]);
    expect(await within(acme).findByText('Syncing… 1,200 of 4,800')).toBeTruthy();
    expect((await keepSwitch('Acme')).checked).toBe(true);
    expect((await keepSwitch('Globex')).checked).toBe(false);
  });

  it('shows the copy of the active account with Sync now, and another account’s as syncing while it is active', async () => {
    await saved({ keepCopyFor: [ACME.id, GLOBEX.id] });
    const { deviceCopy } = fakeCopy(copyStatus());
    renderPage(deviceCopy);
    const acme = await row('Acme');
    expect(await within(acme).findByText('4,800 leads on this device · updated 2 minutes ago')).toBeTruthy();
    const globex = await row('Globex');
    expect(globex.textContent).toContain('The copy syncs while “Globex” is the active account.');
    expect(within(globex).queryByRole('button', { name: 'Sync now' })).toBeNull();

    const sync = within(acme).getByRole('button', { name: 'Sync now' });
    fireEvent.click(sync);
    expect(deviceCopy.sync).toHaveBeenCalledOnce();
    await waitFor(() => expect(sync.getAttribute('aria-disabled')).toBe('true'));
    // Pressed again while it runs: still one sync.
    fireEvent.click(sync);
    expect(deviceCopy.sync).toHaveBeenCalledOnce();
  });

  it('deletes the copy after a confirm step, then turns the option off', async () => {
    await saved({ keepCopyFor: [ACME.id, GLOBEX.id] });
    const { deviceCopy } = fakeCopy(copyStatus());
    renderPage(deviceCopy);
    const acme = await row('Acme');
    await within(acme).findByText('4,800 leads on this device · updated 2 minutes ago');

    fireEvent.click(within(acme).getByRole('button', { name: 'Delete the copy' }));
    const confirm = within(acme).getByRole('group', {
      name: /Delete the copy of the leads of “Acme” from this device\?/,
    });
    expect(document.activeElement).toBe(within(confirm).getByRole('button', { name: 'Keep the copy' }));
    fireEvent.keyDown(confirm, { key: 'Escape' });
    await waitFor(() =>
      expect(document.activeElement).toBe(within(acme).getByRole('button', { name: 'Delete the copy' })),
    );
    expect(deviceCopy.remove).not.toHaveBeenCalled();

    fireEvent.click(within(acme).getByRole('button', { name: 'Delete the copy' }));
    fireEvent.click(within(acme).getByRole('button', { name: 'Delete' }));
    await waitFor(async () => expect((await readSettings()).keepCopyFor).toEqual([GLOBEX.id]));
    expect(deviceCopy.remove).toHaveBeenCalledOnce();
    await waitFor(() => expect(cardStatus()).toBe('The copy of the leads of “Acme” was deleted from this device.'));
    await waitFor(async () => expect((await keepSwitch('Acme')).checked).toBe(false));
    expect(within(acme).queryByRole('button', { name: 'Sync now' })).toBeNull();
    await waitFor(async () => expect(document.activeElement).toBe(await keepSwitch('Acme')));
  });

  it('turns off for another account without touching the active one’s copy', async () => {
    await saved({ keepCopyFor: [ACME.id, GLOBEX.id] });
    const { deviceCopy } = fakeCopy(copyStatus());
    renderPage(deviceCopy);
    fireEvent.click(await keepSwitch('Globex'));
    await waitFor(async () => expect((await readSettings()).keepCopyFor).toEqual([ACME.id]));
    await waitFor(() =>
      expect(cardStatus()).toBe('The leads of “Globex” are no longer kept on this device; its copy is deleted.'),
    );
    expect(deviceCopy.remove).not.toHaveBeenCalled();
  });

  it('keeps the administrator’s suggested lead card settings when it is the first thing saved', async () => {
    await fakeBrowser.storage.managed.set({
      accounts: [{ name: 'Head office', customerId: CUSTOMER, baseUrl: 'https://app.gomega.ai' }],
      leadUrlTemplate: 'https://crm.example.com/leads/{id}',
      customFieldLabels: { budget_max: { label: 'Budget' } },
    });
    const { deviceCopy } = fakeCopy(copyStatus());
    renderPage(deviceCopy);
    fireEvent.click(await keepSwitch('Head office'));
    await waitFor(async () => expect((await readSettings()).keepCopyFor).toHaveLength(1));
    expect(await readSettings()).toMatchObject({
      leadUrlTemplate: 'https://crm.example.com/leads/{id}',
      customFieldLabels: { budget_max: { label: 'Budget' } },
    });
  });

  it('may be turned on for an account the administrator deployed', async () => {
    await saved({});
    await fakeBrowser.storage.managed.set({
      accounts: [{ name: 'Head office', customerId: CUSTOMER, baseUrl: 'https://app.gomega.ai' }],
      lockedSettings: ['accounts'],
    });
    const { deviceCopy } = fakeCopy(copyStatus());
    renderPage(deviceCopy);
    fireEvent.click(await keepSwitch('Head office'));
    await waitFor(async () => expect((await readSettings()).keepCopyFor).toEqual([expect.stringMatching(/^managed-/)]));
    expect(
      await within(await row('Head office')).findByText('4,800 leads on this device · updated 2 minutes ago'),
    ).toBeTruthy();
  });
});

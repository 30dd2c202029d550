// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { forgetHiddenMatches, hiddenLeadIds, hideMatch } from '@/utils/hidden-matches';
import { DEFAULT_SETTINGS, settingsItem, type Account } from '@/utils/storage';
import { hiddenMatchesOnDevice, type HiddenMatchesStore } from './HiddenMatchesSection';
import { shownValue } from './shown-value';
import type { HostPermissions } from './permissions';
import { OptionsPage } from './OptionsPage';

function account(id: string, name: string): Account {
  return {
    id,
    name,
    customerId: '3f2a9c4e-1b7d-4e8a-9c0f-2d5e6a7b8c9d',
    baseUrl: 'https://app.gomega.ai',
    tokenMemory: 'local',
    revision: 1,
  };
}
const ACME = account('a1', 'Acme');
const GLOBEX = account('a2', 'Globex');
const DAY = 86_400_000;

function renderPage(hiddenMatches: HiddenMatchesStore = hiddenMatchesOnDevice) {
  const permissions = {
    request: vi.fn(async () => true),
    remove: vi.fn(async () => true),
  } as unknown as HostPermissions;
  render(
    <OptionsPage
      permissions={permissions}
      testConnection={async () => ({ ok: true, total: 1 })}
      deviceCopy={{ status: async () => null, sync: async () => null, remove: async () => undefined }}
      owners={async () => []}
      hiddenMatches={hiddenMatches}
    />,
  );
}

const section = () => screen.getByRole('region', { name: 'Hidden matches' });
const restoreButtons = () => within(section()).getAllByRole('button', { name: 'Restore' });

beforeEach(async () => {
  fakeBrowser.reset();
  await Promise.all([forgetHiddenMatches(ACME.id), forgetHiddenMatches(GLOBEX.id)]);
  await settingsItem.setValue({ ...DEFAULT_SETTINGS, accounts: [ACME, GLOBEX], activeAccountId: ACME.id });
});

afterEach(() => {
  cleanup();
});

describe('shownValue', () => {
  it.each([
    ['+14155550134', '+1 415 555 0134'],
    ['+4930123456', '+49 30 123456'],
    ['jane@acme.example', 'jane@acme.example'],
    ['+999', '+999'],
  ])('%s reads as %s', (value, shown) => {
    expect(shownValue(value)).toBe(shown);
  });
});

describe('options page, hidden matches', () => {
  it('says nothing is hidden when nothing is', async () => {
    renderPage();
    await waitFor(() => expect(section().textContent).toContain('Nothing is hidden.'));
    expect(section().textContent).toContain('for “Acme”');
  });

  it('lists what the active account hid, newest first, and restores one at a time', async () => {
    await hideMatch({
      accountId: ACME.id,
      value: '+14155550134',
      leadId: 'l1',
      leadName: 'Jane Cooper',
      hiddenAt: Date.now() - 2 * DAY,
    });
    await hideMatch({
      accountId: ACME.id,
      value: 'sam@acme.example',
      leadId: 'l2',
      leadName: 'Sam Lee',
      hiddenAt: Date.now() - DAY,
    });
    await hideMatch({
      accountId: GLOBEX.id,
      value: 'x@globex.example',
      leadId: 'l3',
      leadName: 'Globex lead',
      hiddenAt: Date.now(),
    });
    renderPage();
    await waitFor(() => expect(restoreButtons()).toHaveLength(2));
    const items = within(section()).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([
      'Sam LeeHidden for sam@acme.example · hidden 1 day agoRestore',
      'Jane CooperHidden for +1 415 555 0134 · hidden 2 days agoRestore',
    ]);
    // Each Restore is read with what it restores.
    expect(document.getElementById(restoreButtons()[1]!.getAttribute('aria-describedby')!)?.textContent).toContain(
      'Jane Cooper',
    );

    fireEvent.click(restoreButtons()[1]!);
    await waitFor(() =>
      expect(within(section()).getByRole('status').textContent).toBe('Jane Cooper shows again for +1 415 555 0134.'),
    );
    expect(await hiddenLeadIds(ACME.id, '+14155550134')).toEqual(new Set());
    expect(restoreButtons()).toHaveLength(1);
    await waitFor(() => expect(document.activeElement).toBe(restoreButtons()[0]));

    fireEvent.click(restoreButtons()[0]!);
    await waitFor(() => expect(section().textContent).toContain('Nothing is hidden.'));
    await waitFor(() =>
      expect(document.activeElement).toBe(within(section()).getByRole('heading', { name: 'Hidden matches' })),
    );
    // Another account's stay hidden.
    expect(await hiddenLeadIds(GLOBEX.id, 'x@globex.example')).toEqual(new Set(['l3']));
  });

  it('says when the list cannot be read, and reads it again on Try again', async () => {
    const list = vi.fn<HiddenMatchesStore['list']>().mockRejectedValueOnce(new Error('blocked')).mockResolvedValue([]);
    renderPage({ list, restore: async () => undefined });
    expect(
      (await within(await screen.findByRole('region', { name: 'Hidden matches' })).findByRole('alert')).textContent,
    ).toContain('The hidden matches could not be read.');
    fireEvent.click(within(section()).getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(section().textContent).toContain('Nothing is hidden.'));
  });

  it('keeps a match listed when it could not be restored, and says so', async () => {
    const match = {
      accountId: ACME.id,
      value: 'sam@acme.example',
      leadId: 'l2',
      leadName: 'Sam Lee',
      hiddenAt: Date.now(),
    };
    renderPage({ list: async () => [match], restore: async () => Promise.reject(new Error('blocked')) });
    await waitFor(() => expect(restoreButtons()).toHaveLength(1));
    fireEvent.click(restoreButtons()[0]!);
    await waitFor(() =>
      expect(within(section()).getByRole('status').textContent).toBe('Could not restore it. Try again.'),
    );
    expect(restoreButtons()).toHaveLength(1);
  });
});

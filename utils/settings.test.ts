import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { NO_POLICY } from './managed-policy';
import { readEffectiveSettings, readPolicy, updateSettings, watchSettings } from './settings';
import { HEAD_OFFICE, OWN, user } from './policy.testing';
import { DEFAULT_SETTINGS, hasSavedSettings, readSettings, settingsItem } from './storage';

beforeEach(() => {
  fakeBrowser.reset();
});

describe('readEffectiveSettings', () => {
  it('applies the policy in managed storage to what the user saved', async () => {
    await settingsItem.setValue(user({ trigger: 'auto', defaultRegion: 'GB' }));
    await fakeBrowser.storage.managed.set({ trigger: 'manual', lockedSettings: ['trigger'], accounts: [HEAD_OFFICE] });
    const effective = await readEffectiveSettings('de-DE');
    expect(effective.saved).toBe(true);
    expect(effective.settings).toMatchObject({ trigger: 'manual', defaultRegion: 'GB' });
    expect(effective.settings.accounts.map((account) => account.name)).toEqual(['Head office', 'My own']);
    expect([...effective.locked]).toEqual(['trigger']);
  });

  it('suggests the region of the browser’s language until the user saves', async () => {
    const effective = await readEffectiveSettings('de-DE');
    expect(effective.saved).toBe(false);
    expect(effective.settings.defaultRegion).toBe('DE');
  });

  it('answers without the policy, saying so, when the browser is slow to read it and the caller cannot wait', async () => {
    const policy = { trigger: 'manual', lockedSettings: ['trigger'] };
    // A new Chromium profile answers its first read of managed storage after seconds.
    vi.spyOn(fakeBrowser.storage.managed, 'get').mockImplementation(
      () =>
        new Promise((resolve) => setTimeout(() => resolve(policy), 300)) as unknown as ReturnType<
          typeof fakeBrowser.storage.managed.get
        >,
    );
    const early = await readEffectiveSettings('en-US', 20);
    expect(early.policyPending).toBe(true);
    expect(early.settings.trigger).toBe(DEFAULT_SETTINGS.trigger);
    const full = await readEffectiveSettings('en-US');
    expect(full.policyPending).toBeUndefined();
    expect(full.settings.trigger).toBe('manual');
    vi.restoreAllMocks();
  });

  it("applies a policy the browser answers as fast as the user's settings, even to a caller that waits for nothing more", async () => {
    await fakeBrowser.storage.managed.set({ trigger: 'manual', lockedSettings: ['trigger'] });
    const shown = await readEffectiveSettings('en-US', 0);
    expect(shown.policyPending).toBeUndefined();
    expect(shown.settings.trigger).toBe('manual');
    expect(shown.locked.has('trigger')).toBe(true);
  });

  it('reads no policy where the browser has no managed storage for the extension', async () => {
    const refusing = { get: () => Promise.reject(new Error('Managed storage manifest not found')) };
    expect(await readPolicy(refusing as unknown as typeof fakeBrowser.storage.managed)).toEqual(NO_POLICY);
  });
});

describe('updateSettings', () => {
  const SUGGESTIONS = {
    trigger: 'button',
    disabledSites: ['mail.example.com'],
    allowCreate: false,
    leadUrlTemplate: 'https://crm.example.com/leads/{id}',
    customFieldLabels: { budget: { label: 'Budget', type: 'currency', currency: 'USD' } },
  };

  it('makes what the user was shown their own with the first change, whatever it changes', async () => {
    await fakeBrowser.storage.managed.set({ accounts: [HEAD_OFFICE], ...SUGGESTIONS });
    const shown = (await readEffectiveSettings('en-GB')).settings;
    expect(shown).toMatchObject({ ...SUGGESTIONS, defaultRegion: 'GB' });

    await updateSettings({ markSites: ['example.com'] }, 'en-GB');
    expect(await hasSavedSettings()).toBe(true);
    expect(await readSettings()).toEqual({
      ...DEFAULT_SETTINGS,
      ...SUGGESTIONS,
      defaultRegion: 'GB',
      markSites: ['example.com'],
    });
    // What the user saw is what applies: the same in another language or with the suggestions withdrawn.
    await fakeBrowser.storage.managed.clear();
    expect((await readEffectiveSettings('de-DE')).settings).toEqual({
      ...shown,
      accounts: [],
      activeAccountId: null,
      markSites: ['example.com'],
    });
  });

  it('changes settings as a function of the current ones, and writes nothing when told so', async () => {
    await settingsItem.setValue(user({ disabledSites: ['a.example'] }));
    await updateSettings((current) => ({ disabledSites: [...current.disabledSites, 'b.example'] }));
    expect((await readSettings()).disabledSites).toEqual(['a.example', 'b.example']);

    const setValue = vi.spyOn(settingsItem, 'setValue');
    expect(await updateSettings(() => null)).toBe(false);
    expect(setValue).not.toHaveBeenCalled();
  });

  it('saves nothing, not even the suggestions, when a first change writes nothing', async () => {
    await updateSettings(() => null, 'en-GB');
    expect(await hasSavedSettings()).toBe(false);
  });

  it('never writes a locked value: the user’s own stays underneath', async () => {
    await settingsItem.setValue(user({ trigger: 'auto', defaultRegion: 'GB' }));
    await fakeBrowser.storage.managed.set({
      accounts: [HEAD_OFFICE],
      trigger: 'manual',
      defaultRegion: 'FR',
      lockedSettings: ['accounts', 'trigger'],
    });
    await updateSettings({ trigger: 'button', defaultRegion: 'DE', accounts: [], activeAccountId: 'managed-x' });
    expect(await readSettings()).toMatchObject({
      trigger: 'auto',
      defaultRegion: 'DE',
      accounts: [OWN],
      activeAccountId: 'managed-x',
    });
    expect((await readEffectiveSettings()).settings.trigger).toBe('manual');
  });

  it('keeps the user’s own value under a locked one on the first save too', async () => {
    await fakeBrowser.storage.managed.set({ trigger: 'manual', defaultRegion: 'FR', lockedSettings: ['trigger'] });
    await updateSettings({ markSites: ['example.com'] }, 'en-GB');
    expect(await readSettings()).toMatchObject({ trigger: 'auto', defaultRegion: 'FR' });
  });

  it('writes nothing of a change that fails', async () => {
    await expect(updateSettings(async () => Promise.reject(new Error('disk full')))).rejects.toThrow('disk full');
    expect(await hasSavedSettings()).toBe(false);
  });
});

describe('watchSettings', () => {
  it('hears the user’s settings and the administrator’s policy change, until stopped', async () => {
    const heard = vi.fn();
    const stop = watchSettings(heard);
    await updateSettings({ trigger: 'button' });
    await vi.waitFor(() => expect(heard).toHaveBeenCalledTimes(1));
    await fakeBrowser.storage.managed.set({ trigger: 'manual' });
    await vi.waitFor(() => expect(heard).toHaveBeenCalledTimes(2));
    stop();
    await updateSettings({ trigger: 'auto' });
    await fakeBrowser.storage.managed.set({ trigger: 'auto' });
    expect(heard).toHaveBeenCalledTimes(2);
  });
});

/**
 * The options page: the MEGA accounts Lead Lens looks leads up in, and the settings that apply to
 * all of them, each saved on its own. It shows the settings in effect, the administrator's policy
 * applied (`utils/settings.ts`), and follows changes made elsewhere.
 */
import type { ComponentChildren } from 'preact';
import { useLayoutEffect } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '@/utils/i18n';
import type { Owner } from '@/utils/api/schemas';
import { sendMessage } from '@/utils/messaging';
import type { ConnectionDraft, TestConnectionReply } from '@/utils/protocol';
import { activeAccount } from '@/utils/storage';
import { SETTINGS_SHOWN_MARK } from '@/utils/timing-marks';
import { AccountsSection } from './AccountsSection';
import { CardSection } from './CardSection';
import { HiddenMatchesSection, hiddenMatchesOnDevice, type HiddenMatchesStore } from './HiddenMatchesSection';
import type { DeviceCopyMessages } from './KeepCopy';
import type { HostPermissions } from './permissions';
import { LanguageSection } from './LanguageSection';
import { SettingsSection } from './SettingsSection';
import { ShortcutsSection, type ShortcutsApi } from './ShortcutsSection';
import type { OptionsState } from './options-store';
import { useOptionsState } from './use-options-state';
import '@/components/theme.css';
import './options.css';

export interface OptionsPageProps {
  /** The browser's language: names the countries and suggests the default phone region. */
  locale?: string;
  /** How Test connection reaches the background. */
  testConnection?: (draft: ConnectionDraft) => Promise<TestConnectionReply>;
  permissions?: HostPermissions;
  /** How the on-device copy's status, "Sync now" and "Delete the copy" reach the background. */
  deviceCopy?: DeviceCopyMessages;
  /** The lead owners seen in the active account's answers, for "Your name in MEGA". */
  owners?: () => Promise<Owner[]>;
  hiddenMatches?: HiddenMatchesStore;
  /** The settings' first read, when the page started it before rendering (main.tsx). */
  firstRead?: Promise<OptionsState>;
  /** The extension's keyboard shortcuts, and the way to the browser's settings for them. */
  shortcuts?: ShortcutsApi;
}

const ownersInBackground = () => sendMessage('ownersSeen');
const askBackground = (draft: ConnectionDraft) => sendMessage('testConnection', draft);
const deviceCopyInBackground: DeviceCopyMessages = {
  status: () => sendMessage('deviceCopyStatus'),
  sync: () => sendMessage('syncDeviceCopy'),
  remove: () => sendMessage('deleteDeviceCopy'),
};

export function OptionsPage({
  locale = navigator.language,
  testConnection = askBackground,
  permissions = browser.permissions,
  deviceCopy = deviceCopyInBackground,
  owners = ownersInBackground,
  hiddenMatches = hiddenMatchesOnDevice,
  firstRead,
  shortcuts,
}: OptionsPageProps) {
  const { loaded, reload } = useOptionsState(locale, firstRead);
  // For `npm run bench`: when the settings are first on screen (painted right after).
  useLayoutEffect(() => {
    if (loaded.phase === 'ready' && performance.getEntriesByName(SETTINGS_SHOWN_MARK).length === 0)
      performance.mark(SETTINGS_SHOWN_MARK);
  }, [loaded.phase]);

  if (loaded.phase === 'loading') {
    return (
      <Shell>
        <p class="loading" role="status">
          {t('loadingSettings')}
        </p>
      </Shell>
    );
  }

  if (loaded.phase === 'failed') {
    return (
      <Shell>
        <div class="card load-failed" role="alert">
          <p>{t('settingsNotRead')}</p>
          <button type="button" class="button" onClick={() => void reload()}>
            {t('tryAgain')}
          </button>
        </div>
      </Shell>
    );
  }

  const { state } = loaded;
  const active = activeAccount(state.effective.settings);
  return (
    <Shell>
      {state.effective.policyPending ? (
        <p class="loading" role="status">
          {t('readingPolicy')}
        </p>
      ) : null}
      <PolicyNotes notes={state.effective.notes} />
      <LanguageSection state={state} reload={reload} />
      <AccountsSection
        state={state}
        reload={reload}
        locale={locale}
        testConnection={testConnection}
        permissions={permissions}
        deviceCopy={deviceCopy}
      />
      <SettingsSection state={state} reload={reload} />
      <CardSection state={state} reload={reload} owners={owners} />
      {active ? <HiddenMatchesSection key={active.id} account={active} store={hiddenMatches} /> : null}
      <ShortcutsSection api={shortcuts} />
    </Shell>
  );
}

/** What the administrator's policy changed or could not apply, in words. */
function PolicyNotes({ notes }: { notes: readonly string[] }) {
  if (notes.length === 0) return null;
  return (
    <section class="card policy-card" aria-labelledby="policy-heading">
      <h2 id="policy-heading">{t('policyNotesTitle')}</h2>
      <ul class="policy-notes">
        {notes.map((note) => (
          <li key={note}>{note}</li>
        ))}
      </ul>
    </section>
  );
}

function Shell({ children }: { children: ComponentChildren }) {
  return (
    <div class="options-page">
      <header class="page-header">
        <LensIcon />
        <div>
          <h1>{t('optionsTitle')}</h1>
          <p class="page-intro">{t('optionsIntro')}</p>
        </div>
      </header>
      <main>{children}</main>
    </div>
  );
}

function LensIcon() {
  return (
    <svg class="page-logo" viewBox="0 0 40 40" aria-hidden="true" focusable="false">
      <rect width="40" height="40" rx="10" fill="var(--accent)" />
      <circle cx="18" cy="18" r="8" fill="none" stroke="var(--accent-fg)" stroke-width="3" />
      <path d="m24 24 7 7" stroke="var(--accent-fg)" stroke-width="3.5" stroke-linecap="round" />
    </svg>
  );
}

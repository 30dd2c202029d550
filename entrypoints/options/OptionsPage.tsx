/**
 * The options page: connect Lead Lens to MEGA and choose how lookups work.
 *
 * Nothing is stored until every field is valid. Save and Test connection ask the browser for host
 * access first, synchronously in the click or submit handler, since Firefox only shows its prompt
 * while it is handling the user's input.
 */
import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { plural, t, type MessageKey } from '@/utils/i18n';
import { sendMessage } from '@/utils/messaging';
import { effectiveSettings } from '@/utils/settings';
import type { ConnectionDraft, TestConnectionReply } from '@/utils/protocol';
import { requestHostAccess, type HostPermissions } from './permissions';
import {
  CHECKED_FIELDS,
  checkConnectionDraft,
  checkSettingsDraft,
  describeConnectionResult,
  describeRefusedAccess,
  draftFromSettings,
  type CheckedField,
  type FieldErrors,
  type SettingsDraft,
  type StatusMessage,
} from './settings-form';
import { clearToken, DEFAULT_BASE_URL, watchConnection, type LookupTrigger, type TokenMemory } from '@/utils/storage';
import { CheckboxField, ChoiceGroup, TextAreaField, TextField, type Choice } from './fields';
import { loadSavedState, saveSettings, type SavedState } from './options-store';
import { RegionSelect } from './RegionSelect';
import { TokenField } from './TokenField';
import '@/components/theme.css';
import './options.css';

export interface OptionsPageProps {
  /** The browser's language: names the countries and suggests the default phone region. */
  locale?: string;
  /** How Test connection reaches the background. */
  testConnection?: (draft: ConnectionDraft) => Promise<TestConnectionReply>;
  permissions?: HostPermissions;
}

/** A radio choice by the names of its messages; the words are read when the page renders. */
interface ChoiceKeys<T extends string> {
  value: T;
  label: MessageKey;
  detail?: MessageKey;
}

const TRIGGERS: readonly ChoiceKeys<LookupTrigger>[] = [
  { value: 'auto', label: 'triggerAuto', detail: 'triggerAutoDetail' },
  { value: 'button', label: 'triggerButton', detail: 'triggerButtonDetail' },
  { value: 'manual', label: 'triggerManual', detail: 'triggerManualDetail' },
];

const TOKEN_MEMORY: readonly ChoiceKeys<TokenMemory>[] = [
  { value: 'local', label: 'tokenMemoryLocal' },
  { value: 'session', label: 'tokenMemorySession' },
];

function choices<T extends string>(keys: readonly ChoiceKeys<T>[]): Choice<T>[] {
  return keys.map(({ value, label, detail }) => ({ value, label: t(label), detail: detail && t(detail) }));
}

type Busy = 'save' | 'test' | 'remove' | null;

const askBackground = (draft: ConnectionDraft) => sendMessage('testConnection', draft);

function startingDraft(saved: SavedState, locale: string): SettingsDraft {
  // Until the user saves a region, suggest the one their browser's language implies.
  return draftFromSettings(effectiveSettings(saved.settings, saved.stored, locale));
}

function sameDraft(a: SettingsDraft, b: SettingsDraft): boolean {
  return (Object.keys(a) as (keyof SettingsDraft)[]).every((key) => a[key] === b[key]);
}

/** "Not saved. 2 fields need fixing.", or the same for Test connection. */
function fieldsToFix(errors: FieldErrors, action: 'save' | 'test'): string {
  const count = CHECKED_FIELDS.filter((field) => errors[field]).length;
  return action === 'save'
    ? plural(count, 'notSavedFieldsOne', 'notSavedFieldsOther', String(count))
    : plural(count, 'notTestedFieldsOne', 'notTestedFieldsOther', String(count));
}

function hostOf(url: string): string {
  return new URL(url).host;
}

export function OptionsPage({
  locale = navigator.language,
  testConnection = askBackground,
  permissions = browser.permissions,
}: OptionsPageProps) {
  const [saved, setSaved] = useState<SavedState | null>(null);
  const [draft, setDraft] = useState<SettingsDraft | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState<StatusMessage | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [tokenShown, setTokenShown] = useState(false);
  const [focusRequest, setFocusRequest] = useState(0);
  /** The form as last loaded from storage: edits are whatever differs from it. */
  const baseline = useRef<SettingsDraft | null>(null);
  const saving = useRef(false);
  const formRef = useRef<HTMLFormElement>(null);
  const tokenRef = useRef<HTMLInputElement>(null);
  const testRef = useRef<HTMLButtonElement>(null);

  // Load the saved settings, and follow changes made elsewhere (e.g. the popup's site switch)
  // as long as the user has not started editing.
  useEffect(() => {
    let active = true;
    const refresh = async () => {
      const next = await loadSavedState();
      if (!active || saving.current) return;
      const fresh = startingDraft(next, locale);
      const previous = baseline.current;
      baseline.current = fresh;
      setSaved(next);
      setDraft((current) => (current === null || previous === null || sameDraft(current, previous) ? fresh : current));
    };
    void refresh();
    const stop = watchConnection(() => void refresh());
    return () => {
      active = false;
      stop();
    };
  }, [locale]);

  // After a failed Save, take the user to the first field that needs fixing.
  useEffect(() => {
    if (focusRequest === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusRequest]);

  if (draft === null || saved === null) {
    return (
      <Shell>
        <p class="loading">{t('loadingSettings')}</p>
      </Shell>
    );
  }

  const dirty = baseline.current !== null && !sameDraft(draft, baseline.current);
  const hasSavedToken = saved.tokenHint !== null;

  const update = <K extends keyof SettingsDraft>(key: K, value: SettingsDraft[K]) => {
    setDraft({ ...draft, [key]: value });
    if (key in errors) {
      const rest = { ...errors };
      delete rest[key as CheckedField];
      setErrors(rest);
    }
  };

  const showErrors = (found: FieldErrors, action: 'save' | 'test') => {
    setErrors(found);
    setStatus({ tone: 'error', text: fieldsToFix(found, action) });
    setFocusRequest((count) => count + 1);
  };

  const onSave = async (event: JSX.TargetedSubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const checked = checkSettingsDraft(draft, { hasSavedToken });
    if (!checked.ok) {
      showErrors(checked.errors, 'save');
      return;
    }
    setErrors({});
    // Before any await: the browser only prompts while it still sees the user's gesture.
    const asked = requestHostAccess(checked.settings.baseUrl, permissions);
    setBusy('save');
    saving.current = true;
    setStatus({ tone: 'progress', text: t('saving') });
    try {
      const access = await asked;
      const refused = describeRefusedAccess(access, 'save');
      if (refused) {
        setErrors({ baseUrl: t('baseUrlNotAllowed') });
        setStatus({ tone: 'error', text: refused });
        setFocusRequest((count) => count + 1);
        return;
      }
      const change = await saveSettings(checked, saved, permissions);
      const next = await loadSavedState();
      const fresh = startingDraft(next, locale);
      baseline.current = fresh;
      setSaved(next);
      setDraft(fresh);
      setTokenShown(false);
      const notes = [
        access.state === 'granted' ? t('nowMayConnect', hostOf(checked.settings.baseUrl)) : '',
        change.kind !== 'keep' && next.settings.tokenMemory === 'session' ? t('tokenKeptForSession') : '',
      ];
      setStatus({ tone: 'success', text: [t('settingsSaved'), ...notes].filter(Boolean).join(' ') });
    } catch {
      setStatus({ tone: 'error', text: t('settingsNotStored') });
    } finally {
      saving.current = false;
      setBusy(null);
    }
  };

  const onTest = async () => {
    if (busy) return;
    const checked = checkConnectionDraft(draft, { hasSavedToken });
    if (!checked.ok) {
      showErrors({ ...errors, ...checked.errors }, 'test');
      return;
    }
    const asked = requestHostAccess(checked.connection.baseUrl, permissions);
    setBusy('test');
    setStatus({ tone: 'progress', text: t('testingConnection') });
    try {
      const refused = describeRefusedAccess(await asked, 'test');
      if (refused) {
        setStatus({ tone: 'error', text: refused });
        return;
      }
      const reply = await testConnection(checked.connection).catch(
        (): TestConnectionReply => ({ ok: false, failure: { kind: 'unknown', message: '' } }),
      );
      setStatus(describeConnectionResult(reply, locale));
    } finally {
      setBusy(null);
      // The button was disabled while testing; give keyboard users their place back.
      requestAnimationFrame(() => {
        if (document.activeElement === null || document.activeElement === document.body) testRef.current?.focus();
      });
    }
  };

  const onRemoveToken = async () => {
    if (busy) return;
    setBusy('remove');
    try {
      await clearToken();
      setSaved({ ...saved, tokenHint: null });
      setStatus({ tone: 'success', text: t('tokenRemoved') });
    } catch {
      setStatus({ tone: 'error', text: t('tokenNotRemoved') });
    } finally {
      setBusy(null);
      tokenRef.current?.focus();
    }
  };

  return (
    <Shell>
      <form ref={formRef} class="options-form" noValidate onSubmit={onSave}>
        <Section id="connection" title={t('sectionConnection')} intro={t('sectionConnectionIntro')}>
          <TokenField
            value={draft.token}
            onValue={(value) => update('token', value)}
            error={errors.token}
            savedHint={saved.tokenHint}
            shown={tokenShown}
            onToggleShown={() => setTokenShown(!tokenShown)}
            onRemove={onRemoveToken}
            disabled={busy !== null}
            inputRef={tokenRef}
          />
          <ChoiceGroup
            name="token-memory"
            legend={t('rememberToken')}
            hint={t('rememberTokenHint')}
            choices={choices(TOKEN_MEMORY)}
            value={draft.tokenMemory}
            onValue={(value) => update('tokenMemory', value)}
          />
          <TextField
            id="customer-id"
            label={t('customerId')}
            hint={t('customerIdHint')}
            value={draft.customerId}
            onValue={(value) => update('customerId', value)}
            error={errors.customerId}
            autocomplete="off"
            autocapitalize="off"
            spellcheck={false}
          />
        </Section>

        <Section id="lookups" title={t('sectionLookups')} intro={t('sectionLookupsIntro')}>
          <ChoiceGroup
            name="trigger"
            legend={t('lookupTrigger')}
            choices={choices(TRIGGERS)}
            value={draft.trigger}
            onValue={(value) => update('trigger', value)}
          />
          <RegionSelect
            value={draft.defaultRegion}
            onValue={(value) => update('defaultRegion', value)}
            error={errors.defaultRegion}
            locale={locale}
          />
          <TextAreaField
            id="disabled-sites"
            label={t('disabledSites')}
            hint={t('disabledSitesHint')}
            value={draft.disabledSites}
            onValue={(value) => update('disabledSites', value)}
            error={errors.disabledSites}
            placeholder={t('disabledSitesPlaceholder')}
          />
          <CheckboxField
            id="allow-create"
            label={t('allowCreate')}
            detail={t('allowCreateDetail')}
            checked={draft.allowCreate}
            onValue={(value) => update('allowCreate', value)}
          />
        </Section>

        <Section id="advanced" title={t('sectionAdvanced')} intro={t('sectionAdvancedIntro')}>
          <TextField
            id="api-base-url"
            label={t('apiBaseUrl')}
            hint={t('apiBaseUrlHint', DEFAULT_BASE_URL)}
            type="url"
            inputMode="url"
            value={draft.baseUrl}
            onValue={(value) => update('baseUrl', value)}
            error={errors.baseUrl}
            autocomplete="off"
            autocapitalize="off"
            spellcheck={false}
          />
        </Section>

        <div class="actions">
          <div class="action-buttons">
            <button type="submit" class="button button-primary" disabled={busy !== null} aria-busy={busy === 'save'}>
              {busy === 'save' ? <Spinner /> : null}
              {t('save')}
            </button>
            <button
              ref={testRef}
              type="button"
              class="button"
              onClick={onTest}
              disabled={busy !== null}
              aria-busy={busy === 'test'}
            >
              {busy === 'test' ? <Spinner /> : null}
              {t('testConnection')}
            </button>
            {dirty && busy === null ? <span class="unsaved">{t('unsavedChanges')}</span> : null}
          </div>
          <p role="status" aria-live="polite" class={`status${status ? ` status-${status.tone}` : ''}`}>
            {status?.text ?? ''}
          </p>
        </div>
      </form>
    </Shell>
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

function Section({ id, title, intro, children }: { id: string; title: string; intro: string; children: ComponentChildren }) {
  return (
    <section class="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{title}</h2>
      <p class="section-intro">{intro}</p>
      {children}
    </section>
  );
}

function Spinner() {
  return <span class="spinner" aria-hidden="true" />;
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

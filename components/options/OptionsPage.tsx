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
import { defaultRegionFromLocale } from '@/utils/contact';
import { sendMessage, type ConnectionDraft, type TestConnectionReply } from '@/utils/messaging';
import { requestHostAccess, type HostPermissions } from '@/utils/permissions';
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
} from '@/utils/settings-form';
import { clearToken, DEFAULT_BASE_URL, watchConnection, type LookupTrigger, type TokenMemory } from '@/utils/storage';
import { CheckboxField, ChoiceGroup, TextAreaField, TextField, type Choice } from './fields';
import { loadSavedState, saveSettings, type SavedState } from './options-store';
import { RegionSelect } from './RegionSelect';
import { TokenField } from './TokenField';
import '../theme.css';
import './options.css';

export interface OptionsPageProps {
  /** The browser's language: names the countries and suggests the default phone region. */
  locale?: string;
  /** How Test connection reaches the background. */
  testConnection?: (draft: ConnectionDraft) => Promise<TestConnectionReply>;
  permissions?: HostPermissions;
}

const TRIGGERS: readonly Choice<LookupTrigger>[] = [
  {
    value: 'auto',
    label: 'Automatically when I select a phone number or email',
    detail: 'The card opens as soon as the selection looks like a phone number or an email address.',
  },
  {
    value: 'button',
    label: 'Show a small button first',
    detail: 'A small Lead Lens button appears beside the selection; the lookup starts when you click it.',
  },
  {
    value: 'manual',
    label: 'Only from the context menu or keyboard shortcut',
    detail: 'Right-click the selection and choose “Look up in MEGA”, or press the Lead Lens shortcut.',
  },
];

const TOKEN_MEMORY: readonly Choice<TokenMemory>[] = [
  { value: 'local', label: 'On this device' },
  { value: 'session', label: 'Until the browser closes' },
];

type Busy = 'save' | 'test' | 'remove' | null;

const askBackground = (draft: ConnectionDraft) => sendMessage('testConnection', draft);

function startingDraft(saved: SavedState, locale: string): SettingsDraft {
  const draft = draftFromSettings(saved.settings);
  // Until the user saves a region, suggest the one their browser's language implies.
  return saved.stored ? draft : { ...draft, defaultRegion: defaultRegionFromLocale(locale) };
}

function sameDraft(a: SettingsDraft, b: SettingsDraft): boolean {
  return (Object.keys(a) as (keyof SettingsDraft)[]).every((key) => a[key] === b[key]);
}

function invalidCount(errors: FieldErrors): string {
  const count = CHECKED_FIELDS.filter((field) => errors[field]).length;
  return count === 1 ? 'One field needs' : `${count} fields need`;
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
        <p class="loading">Loading settings…</p>
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

  const showErrors = (found: FieldErrors, prefix: string) => {
    setErrors(found);
    setStatus({ tone: 'error', text: `${prefix} ${invalidCount(found)} fixing.` });
    setFocusRequest((count) => count + 1);
  };

  const onSave = async (event: JSX.TargetedSubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const checked = checkSettingsDraft(draft, { hasSavedToken });
    if (!checked.ok) {
      showErrors(checked.errors, 'Not saved.');
      return;
    }
    setErrors({});
    // Before any await: the browser only prompts while it still sees the user's gesture.
    const asked = requestHostAccess(checked.settings.baseUrl, permissions);
    setBusy('save');
    saving.current = true;
    setStatus({ tone: 'progress', text: 'Saving…' });
    try {
      const access = await asked;
      const refused = describeRefusedAccess(access, 'save');
      if (refused) {
        setErrors({ baseUrl: 'Lead Lens may not connect to this server. Allow it when the browser asks, or use another URL.' });
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
        access.state === 'granted' ? `Lead Lens may now connect to ${hostOf(checked.settings.baseUrl)}.` : '',
        change.kind !== 'keep' && next.settings.tokenMemory === 'session'
          ? 'The token is kept until the browser closes.'
          : '',
      ];
      setStatus({ tone: 'success', text: ['Settings saved.', ...notes].filter(Boolean).join(' ') });
    } catch {
      setStatus({ tone: 'error', text: 'Settings not saved: the browser could not store them. Try again.' });
    } finally {
      saving.current = false;
      setBusy(null);
    }
  };

  const onTest = async () => {
    if (busy) return;
    const checked = checkConnectionDraft(draft, { hasSavedToken });
    if (!checked.ok) {
      showErrors({ ...errors, ...checked.errors }, 'Connection not tested.');
      return;
    }
    const asked = requestHostAccess(checked.connection.baseUrl, permissions);
    setBusy('test');
    setStatus({ tone: 'progress', text: 'Testing connection…' });
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
      setStatus({ tone: 'success', text: 'Token removed. Lookups stay off until you save a new token.' });
    } catch {
      setStatus({ tone: 'error', text: 'The token could not be removed. Try again.' });
    } finally {
      setBusy(null);
      tokenRef.current?.focus();
    }
  };

  return (
    <Shell>
      <form ref={formRef} class="options-form" noValidate onSubmit={onSave}>
        <Section id="connection" title="Connection" intro="Lead Lens reads your leads from MEGA with an API token.">
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
            legend="Remember token"
            hint="“Until the browser closes” is safer on a shared computer; you paste the token again after a restart."
            choices={TOKEN_MEMORY}
            value={draft.tokenMemory}
            onValue={(value) => update('tokenMemory', value)}
          />
          <TextField
            id="customer-id"
            label="Customer ID"
            hint="The ID of the MEGA customer the token belongs to, like 123e4567-e89b-42d3-a456-426614174000."
            value={draft.customerId}
            onValue={(value) => update('customerId', value)}
            error={errors.customerId}
            autocomplete="off"
            autocapitalize="off"
            spellcheck={false}
          />
        </Section>

        <Section id="lookups" title="Lookups" intro="What happens when you select text on a web page.">
          <ChoiceGroup
            name="trigger"
            legend="Lookup trigger"
            choices={TRIGGERS}
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
            label="Sites where lookups are off"
            hint="One site per line, such as mail.example.com. The toolbar button can add the site you are on."
            value={draft.disabledSites}
            onValue={(value) => update('disabledSites', value)}
            error={errors.disabledSites}
            placeholder={'mail.example.com\nintranet.example'}
          />
          <CheckboxField
            id="allow-create"
            label="Offer “Add to MEGA” when no lead matches"
            detail="Turn this off if your token may only read leads."
            checked={draft.allowCreate}
            onValue={(value) => update('allowCreate', value)}
          />
        </Section>

        <Section id="advanced" title="Advanced" intro="Change this only for a test or self-hosted MEGA server.">
          <TextField
            id="api-base-url"
            label="API base URL"
            hint={`Normally ${DEFAULT_BASE_URL}. Other servers must use https; the browser asks you to allow each one.`}
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
              Save
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
              Test connection
            </button>
            {dirty && busy === null ? <span class="unsaved">Unsaved changes</span> : null}
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
          <h1>Lead Lens settings</h1>
          <p class="page-intro">See who a phone number or email is in MEGA, right where you select it.</p>
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

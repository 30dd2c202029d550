/**
 * The settings that apply to every account: how a selection starts a lookup, the default phone
 * region, the sites where lookups are off and whether "Add to MEGA" is offered. Saved on their
 * own, apart from the accounts. What the administrator sets is marked; what they lock is read-only.
 */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { PolicySetting } from '@/utils/managed-policy';
import { plural, t, type MessageKey } from '@/utils/i18n';
import type { LookupTrigger } from '@/utils/storage';
import { CheckboxField, ChoiceGroup, TextAreaField, type Choice, type PolicyMark } from './fields';
import { saveGlobalSettings, type OptionsState } from './options-store';
import { loadedRegions, loadRegions } from './load-regions';
import { RegionSelect } from './RegionSelect';
import {
  CHECKED_FIELDS,
  checkSettingsDraft,
  draftFromSettings,
  type CheckedField,
  type FieldErrors,
  type GlobalSettings,
  type SettingsDraft,
  type StatusMessage,
} from './settings-form';
import { Spinner } from './Spinner';

const TRIGGERS: readonly { value: LookupTrigger; label: MessageKey; detail: MessageKey }[] = [
  { value: 'auto', label: 'triggerAuto', detail: 'triggerAutoDetail' },
  { value: 'button', label: 'triggerButton', detail: 'triggerButtonDetail' },
  { value: 'manual', label: 'triggerManual', detail: 'triggerManualDetail' },
];

function triggerChoices(): Choice<LookupTrigger>[] {
  return TRIGGERS.map(({ value, label, detail }) => ({ value, label: t(label), detail: t(detail) }));
}

const DRAFT_FIELDS = [
  'trigger',
  'defaultRegion',
  'disabledSites',
  'allowCreate',
] as const satisfies readonly (keyof SettingsDraft & PolicySetting)[];

function sameDraft(a: SettingsDraft, b: SettingsDraft): boolean {
  return DRAFT_FIELDS.every((key) => a[key] === b[key]);
}

interface SettingsSectionProps {
  state: OptionsState;
  reload: () => Promise<unknown>;
}

/** The settings of this form, out of all the settings. */
function globalsOf(settings: GlobalSettings): GlobalSettings {
  const { defaultRegion, trigger, disabledSites, allowCreate } = settings;
  return { defaultRegion, trigger, disabledSites, allowCreate };
}

export function SettingsSection({ state, reload }: SettingsSectionProps) {
  const { settings, managed, locked } = state.effective;
  const fresh = globalsOf(settings);
  const [draft, setDraft] = useState<SettingsDraft>(() => draftFromSettings(fresh));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState<StatusMessage | null>(null);
  const [saving, setSaving] = useState(false);
  const [focusRequest, setFocusRequest] = useState(0);
  /** What each field started from: the user's edits are whatever differs from it, and only they are saved. */
  const shown = useRef<GlobalSettings>(fresh);
  const formRef = useRef<HTMLFormElement>(null);
  const saveRef = useRef<HTMLButtonElement>(null);

  // Follow changes made elsewhere (e.g. the popup's site switch) in every field the user has not
  // edited; a locked value always follows, since the user cannot change it here. An edited field
  // keeps what it started from, so saving applies the user's edit to the settings as they are then.
  const freshKey = JSON.stringify(fresh);
  useEffect(() => {
    const before = draftFromSettings(shown.current);
    const now = draftFromSettings(fresh);
    if (saving || sameDraft(now, before)) return;
    setDraft((current) => {
      const nextShown = { ...shown.current };
      const next = { ...current };
      for (const key of DRAFT_FIELDS) {
        if (!locked.has(key) && current[key] !== before[key]) continue;
        Object.assign(nextShown, { [key]: fresh[key] });
        Object.assign(next, { [key]: now[key] });
      }
      shown.current = nextShown;
      return next;
    });
  }, [freshKey, saving]);

  useEffect(() => {
    if (focusRequest === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusRequest]);

  const policyOf = (key: PolicySetting): PolicyMark =>
    locked.has(key) ? 'locked' : managed.has(key) ? 'managed' : null;
  const editable = DRAFT_FIELDS.some((key) => !locked.has(key));
  const dirty = !sameDraft(draft, draftFromSettings(shown.current));

  const update = <K extends keyof SettingsDraft>(key: K, value: SettingsDraft[K]) => {
    setDraft({ ...draft, [key]: value });
    if (key in errors) {
      const rest = { ...errors };
      delete rest[key as CheckedField];
      setErrors(rest);
    }
  };

  const onSave = async (event: JSX.TargetedSubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (saving) return;
    // Loaded by the region list as the page showed; a save that comes first waits for them.
    let regions = loadedRegions();
    try {
      regions ??= await loadRegions();
    } catch {
      setStatus({ tone: 'error', text: t('settingsNotStored') });
      return;
    }
    const checked = checkSettingsDraft(draft, regions.isRegion);
    if (!checked.ok) {
      const count = CHECKED_FIELDS.filter((field) => checked.errors[field]).length;
      setErrors(checked.errors);
      setStatus({ tone: 'error', text: plural(count, 'notSavedFieldsOne', 'notSavedFieldsOther', String(count)) });
      setFocusRequest((request) => request + 1);
      return;
    }
    setErrors({});
    setSaving(true);
    setStatus({ tone: 'progress', text: t('saving') });
    try {
      await saveGlobalSettings(checked.settings, shown.current, state);
      shown.current = checked.settings;
      setDraft(draftFromSettings(checked.settings));
      await reload();
      setStatus({ tone: 'success', text: t('settingsSaved') });
    } catch {
      setStatus({ tone: 'error', text: t('settingsNotStored') });
    } finally {
      setSaving(false);
      requestAnimationFrame(() => {
        if (document.activeElement === null || document.activeElement === document.body) saveRef.current?.focus();
      });
    }
  };

  return (
    <form ref={formRef} class="card" noValidate onSubmit={onSave} aria-labelledby="lookups-heading">
      <h2 id="lookups-heading">{t('sectionLookups')}</h2>
      <p class="section-intro">{t('sectionLookupsIntro')}</p>
      <ChoiceGroup
        name="trigger"
        legend={t('lookupTrigger')}
        choices={triggerChoices()}
        value={draft.trigger}
        onValue={(value) => update('trigger', value)}
        policy={policyOf('trigger')}
      />
      <RegionSelect
        value={draft.defaultRegion}
        onValue={(value) => update('defaultRegion', value)}
        error={errors.defaultRegion}
        policy={policyOf('defaultRegion')}
      />
      <TextAreaField
        id="disabled-sites"
        label={t('disabledSites')}
        hint={t('disabledSitesHint')}
        value={draft.disabledSites}
        onValue={(value) => update('disabledSites', value)}
        error={errors.disabledSites}
        placeholder={t('disabledSitesPlaceholder')}
        policy={policyOf('disabledSites')}
      />
      <CheckboxField
        id="allow-create"
        label={t('allowCreate')}
        detail={t('allowCreateDetail')}
        checked={draft.allowCreate}
        onValue={(value) => update('allowCreate', value)}
        policy={policyOf('allowCreate')}
      />
      {editable ? (
        <div class="form-actions">
          <button ref={saveRef} type="submit" class="button button-primary" disabled={saving} aria-busy={saving}>
            {saving ? <Spinner /> : null}
            {t('saveSettings')}
          </button>
          {dirty && !saving ? <span class="unsaved">{t('unsavedChanges')}</span> : null}
        </div>
      ) : null}
      <p role="status" aria-live="polite" class={`status${status ? ` status-${status.tone}` : ''}`}>
        {status?.text ?? ''}
      </p>
    </form>
  );
}

/**
 * The "Lead card" settings, saved with their own Save: "Your name in MEGA" (chosen among the lead
 * owners the background has seen), the lead link behind "Open in MEGA", and the names of custom
 * fields. What the administrator sets is marked; what they lock is read-only.
 */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Owner } from '@/utils/api/schemas';
import { plural, t } from '@/utils/i18n';
import { LEAD_ID_PLACEHOLDER } from '@/utils/lead-url';
import type { PolicySetting } from '@/utils/managed-policy';
import {
  checkCardDraft,
  draftFromCard,
  ownerChoices,
  sameCard,
  type CardDraft,
  type CardErrors,
  type FieldRow,
} from './card-form';
import { CustomFieldTable } from './CustomFieldTable';
import { describedBy, Field, TextField, type PolicyMark } from './fields';
import { saveCardSettings, type OptionsState } from './options-store';
import type { StatusMessage } from './settings-form';
import { Spinner } from './Spinner';
import './card.css';

const LEAD_LINK_EXAMPLE = `https://app.gomega.ai/leads/${LEAD_ID_PLACEHOLDER}`;
const ME_ID = 'your-name';

interface CardSectionProps {
  state: OptionsState;
  reload: () => Promise<unknown>;
  /** The lead owners the background has seen in the active account's answers. */
  owners: () => Promise<Owner[]>;
}

type OwnersRead = { phase: 'loading' } | { phase: 'ready'; owners: Owner[] } | { phase: 'failed' };

export function CardSection({ state, reload, owners }: CardSectionProps) {
  const { settings, managed, locked } = state.effective;
  const fresh = draftFromCard(settings);
  const [draft, setDraft] = useState<CardDraft>(fresh);
  const [errors, setErrors] = useState<CardErrors>({});
  const [status, setStatus] = useState<StatusMessage | null>(null);
  const [saving, setSaving] = useState(false);
  const [focusRequest, setFocusRequest] = useState(0);
  const [seen, setSeen] = useState<OwnersRead>({ phase: 'loading' });
  const baseline = useRef<CardDraft>(fresh);
  const formRef = useRef<HTMLFormElement>(null);
  const saveRef = useRef<HTMLButtonElement>(null);

  // Owners are seen per account: ask again when another account becomes active.
  useEffect(() => {
    let alive = true;
    setSeen({ phase: 'loading' });
    owners().then(
      (found) => alive && setSeen({ phase: 'ready', owners: found ?? [] }),
      () => alive && setSeen({ phase: 'failed' }),
    );
    return () => {
      alive = false;
    };
  }, [owners, settings.activeAccountId]);

  // Follow changes made elsewhere while the user has not started editing; a locked value always follows.
  const freshKey = JSON.stringify([settings.me, settings.leadUrlTemplate, settings.customFieldLabels]);
  useEffect(() => {
    if (saving || sameCard(fresh, baseline.current)) return;
    const previous = baseline.current;
    baseline.current = fresh;
    setDraft((current) => {
      if (sameCard(current, previous)) return fresh;
      const next = { ...current };
      if (locked.has('leadUrlTemplate')) next.leadUrlTemplate = fresh.leadUrlTemplate;
      if (locked.has('customFieldLabels')) next.fields = fresh.fields;
      return next;
    });
  }, [freshKey]);

  useEffect(() => {
    if (focusRequest === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusRequest]);

  const policyOf = (key: PolicySetting): PolicyMark =>
    locked.has(key) ? 'locked' : managed.has(key) ? 'managed' : null;
  const choices = ownerChoices(seen.phase === 'ready' ? seen.owners : [], settings.me);
  const dirty = !sameCard(draft, baseline.current);

  const setLeadLink = (value: string) => {
    setDraft({ ...draft, leadUrlTemplate: value });
    if (errors.leadUrlTemplate) {
      const { leadUrlTemplate: _fixed, ...rest } = errors;
      setErrors(rest);
    }
  };

  const setRows = (fields: FieldRow[]) => {
    setDraft({ ...draft, fields });
    if (!errors.fields) return;
    // A row's errors go as soon as the user edits that row.
    const kept = Object.fromEntries(
      Object.entries(errors.fields).filter(([key, rowErrors]) => {
        const before = draft.fields.find((row) => row.key === key);
        const after = fields.find((row) => row.key === key);
        return after && JSON.stringify(before) === JSON.stringify(after) && Object.keys(rowErrors).length > 0;
      }),
    );
    setErrors({ ...errors, fields: kept });
  };

  const onSave = async (event: JSX.TargetedSubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (saving) return;
    const checked = checkCardDraft(draft, choices);
    if (!checked.ok) {
      setErrors(checked.errors);
      setStatus({
        tone: 'error',
        text: plural(checked.count, 'notSavedFieldsOne', 'notSavedFieldsOther', String(checked.count)),
      });
      setFocusRequest((request) => request + 1);
      return;
    }
    setErrors({});
    setSaving(true);
    setStatus({ tone: 'progress', text: t('saving') });
    try {
      await saveCardSettings(checked.settings, state);
      const saved = draftFromCard(checked.settings);
      baseline.current = saved;
      setDraft(saved);
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

  const ownersNote =
    seen.phase === 'loading'
      ? t('ownersLoading')
      : seen.phase === 'failed'
        ? t('ownersNotRead')
        : seen.owners.length === 0
          ? t('ownersNoneYet')
          : null;

  return (
    <form ref={formRef} class="card" noValidate onSubmit={onSave} aria-labelledby="card-heading">
      <h2 id="card-heading">{t('sectionCard')}</h2>
      <p class="section-intro">{t('sectionCardIntro')}</p>

      <Field
        id={ME_ID}
        label={t('yourNameInMega')}
        hint={
          <>
            {t('yourNameInMegaHint')}
            {ownersNote ? <span class="owners-note"> {ownersNote}</span> : null}
          </>
        }
      >
        <select
          id={ME_ID}
          class="text-input select-input"
          value={draft.me}
          aria-describedby={describedBy(ME_ID, { hint: true })}
          aria-busy={seen.phase === 'loading'}
          onChange={(event) => setDraft({ ...draft, me: event.currentTarget.value })}
        >
          <option value="">{t('yourNameNotSet')}</option>
          {choices.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
      </Field>

      <TextField
        id="lead-link"
        label={t('leadLink')}
        hint={t('leadLinkHint', LEAD_ID_PLACEHOLDER, LEAD_LINK_EXAMPLE)}
        placeholder={LEAD_LINK_EXAMPLE}
        type="url"
        inputMode="url"
        value={draft.leadUrlTemplate}
        onValue={setLeadLink}
        error={errors.leadUrlTemplate}
        policy={policyOf('leadUrlTemplate')}
        autocomplete="off"
        autocapitalize="off"
        spellcheck={false}
      />

      <CustomFieldTable
        rows={draft.fields}
        onRows={setRows}
        errors={errors.fields ?? {}}
        policy={policyOf('customFieldLabels')}
      />

      <div class="form-actions">
        <button ref={saveRef} type="submit" class="button button-primary" disabled={saving} aria-busy={saving}>
          {saving ? <Spinner /> : null}
          {t('saveCardSettings')}
        </button>
        {dirty && !saving ? <span class="unsaved">{t('unsavedChanges')}</span> : null}
      </div>
      <p role="status" aria-live="polite" class={`status${status ? ` status-${status.tone}` : ''}`}>
        {status?.text ?? ''}
      </p>
    </form>
  );
}

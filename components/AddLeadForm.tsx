import { useEffect, useRef, useState } from 'preact/hooks';
import { IdempotencyKeys, validateDraft, type AddLeadDraft, type AddLeadErrors } from '@/utils/add-lead';
import { failureText, type ApiFailure } from '@/utils/api/failures';
import type { Lead, Stage } from '@/utils/api/schemas';
import { Sentence } from './Isolated';
import { leadName } from './LeadCard';
import { t, type MessageKey } from '@/utils/i18n';
import { sendMessage } from '@/utils/messaging';
import type { MergePreview } from '@/utils/protocol';

type PreviewMerge = (input: { contact_phone?: string; contact_email?: string }) => Promise<MergePreview>;

const askBackgroundForMerge: PreviewMerge = (input) => sendMessage('previewMerge', input);

/** How long typing must pause before the form asks which lead the details would merge into. */
const PREVIEW_DELAY_MS = 400;

/** "Will update Jane Cooper (same email)": said before creating, when MEGA would merge. */
function useMergePreview(draft: AddLeadDraft, previewMerge: PreviewMerge): MergePreview {
  const [preview, setPreview] = useState<MergePreview>(null);
  const checked = validateDraft({ ...draft, name: draft.name || '-' });
  const input = checked.ok
    ? { contact_phone: checked.input.contact_phone, contact_email: checked.input.contact_email }
    : null;
  const key = JSON.stringify(input);
  useEffect(() => {
    setPreview(null);
    if (!input || (!input.contact_phone && !input.contact_email)) return;
    let current = true;
    const timer = setTimeout(() => {
      void previewMerge(input)
        .then((found) => current && setPreview(found))
        .catch(() => undefined);
    }, PREVIEW_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key]);
  return preview;
}
import { useActionGate } from './ActionGate';

/** What a failed "Add to MEGA" means for this user, in their words. */
export function describeCreateFailure(failure: ApiFailure): string {
  switch (failure.kind) {
    case 'forbidden':
      return failure.status === 403 ? t('createReadOnlyToken') : failureText(failure);
    case 'bad_request':
      return failure.serverMessage ? t('createRejected', failure.serverMessage) : failureText(failure);
    case 'conflict':
      return t('createConflict');
    default:
      return failureText(failure);
  }
}

/** A short form to add the person who was not found; nothing typed is lost when it fails. */
export function AddLeadForm({
  initial,
  stages,
  lookupId,
  onCreated,
  onCancel,
  previewMerge = askBackgroundForMerge,
}: {
  /** The form as it opens, e.g. `draftFor(contact)` for what was selected. */
  initial: AddLeadDraft;
  stages: Stage[];
  lookupId?: string;
  /** `merged`: MEGA merged the details into a lead that existed before. */
  onCreated: (lead: Lead, merged: boolean) => void;
  onCancel: () => void;
  previewMerge?: PreviewMerge;
}) {
  const [draft, setDraft] = useState<AddLeadDraft>(initial);
  const [errors, setErrors] = useState<AddLeadErrors>({});
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const keys = useRef(new IdempotencyKeys());
  const preview = useMergePreview(draft, previewMerge);
  const gate = useActionGate();

  const update = (field: keyof AddLeadDraft) => (event: Event) =>
    setDraft((old) => ({ ...old, [field]: (event.currentTarget as HTMLInputElement).value }));

  async function submit(event: Event) {
    event.preventDefault();
    if (busy || !gate.ready) return;
    const checked = validateDraft(draft);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setFailure(undefined);
    setBusy(true);
    const idempotencyKey = keys.current.keyFor(checked.input);
    const reply = await sendMessage('createLead', { lookupId, input: checked.input, idempotencyKey }).catch(() => null);
    setBusy(false);
    if (reply?.ok) {
      keys.current.succeeded();
      onCreated(reply.lead, reply.merged);
      return;
    }
    if (reply?.failure.kind === 'conflict') keys.current.succeeded();
    setFailure(reply ? describeCreateFailure(reply.failure) : t('createNotSent'));
  }

  const field = (name: 'name' | 'phone' | 'email', label: MessageKey, type: string, autoComplete: string) => (
    <label class="form-field">
      <span>{t(label)}</span>
      <input
        type={type}
        value={draft[name]}
        autoComplete={autoComplete}
        onInput={update(name)}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={errors[name] ? `add-${name}-error` : undefined}
      />
      {errors[name] && (
        <span class="form-field__error" id={`add-${name}-error`}>
          {errors[name]}
        </span>
      )}
    </label>
  );

  return (
    <form class="add-lead" onSubmit={submit} aria-label={t('addToMega')} noValidate>
      {field('name', 'name', 'text', 'name')}
      {field('phone', 'phone', 'tel', 'tel')}
      {field('email', 'email', 'email', 'email')}
      <div class="add-lead__row">
        {stages.length > 0 && (
          <label class="form-field">
            <span>{t('stage')}</span>
            <select value={draft.stageSlug} onChange={update('stageSlug')}>
              <option value="">{t('stageDefault')}</option>
              {stages.map((stage) => (
                <option key={stage.slug} value={stage.slug}>
                  {stage.name ?? stage.slug}
                </option>
              ))}
            </select>
          </label>
        )}
        <label class="form-field">
          <span>{t('leadLine')}</span>
          <select value={draft.leadLine} onChange={update('leadLine')}>
            <option value="">{t('leadLineNotSet')}</option>
            <option value="buyer">{t('leadLineBuyer')}</option>
            <option value="seller">{t('leadLineSeller')}</option>
          </select>
        </label>
      </div>
      {preview && (
        <p class="add-lead__merge" role="status">
          <Sentence
            message={preview.reason === 'email' ? 'willUpdateSameEmail' : 'willUpdateSamePhone'}
            values={[leadName(preview.lead)]}
          />
        </p>
      )}
      {(errors.form || failure) && (
        <p class="form-field__error" role="alert">
          {errors.form ?? failure}
        </p>
      )}
      <div class="notice__actions">
        <button
          type="submit"
          class="button button--primary"
          disabled={busy}
          aria-busy={busy}
          aria-disabled={gate.ready ? undefined : true}
        >
          {busy ? t('adding') : t('addToMega')}
        </button>
        <button type="button" class="button" onClick={onCancel} disabled={busy}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

/**
 * "Add N to MEGA" for the ticked rows: one dry run shows what each row would become ("New lead",
 * "Merges into Jane Cooper (same phone)", "Skipped", or MEGA's reason), with a name for each and
 * one stage for all; "Add" then sends one import and shows each row's outcome. A failure says
 * what went wrong and keeps everything the user chose: "Add" again sends the same rows with the
 * same key, so nobody is added twice.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { IdempotencyKeys } from '@/utils/add-lead';
import type { ApiFailure } from '@/utils/api/failures';
import type { BulkImportResult, Lead, Stage } from '@/utils/api/schemas';
import { formatNumber } from '@/utils/format';
import { t } from '@/utils/i18n';
import { sendMessage } from '@/utils/messaging';
import type { BulkImportReply } from '@/utils/protocol';
import { FailureNotice } from '@/components/FailureNotice';
import { Isolated } from '@/components/Isolated';
import { bulkRowsOf, outcomesOf, type RowOutcome } from './bulk-add';
import type { PanelRow } from './rows';

type Phase =
  | { state: 'previewing' }
  | { state: 'preview'; result: BulkImportResult }
  | { state: 'adding'; preview: BulkImportResult | null }
  | { state: 'added'; result: BulkImportResult }
  | { state: 'failed'; failure: ApiFailure | null; preview: BulkImportResult | null; adding: boolean };

/** The words for what a row would become (`done`: what it became). */
function outcomeText(outcome: RowOutcome | undefined, done: boolean): string {
  switch (outcome?.kind) {
    case 'new':
      return done ? t('panelOutcomeAdded') : t('panelPreviewNew');
    case 'merge': {
      const name = outcome.leadName ?? t('panelSomeLead');
      if (outcome.by === 'email') return t(done ? 'panelOutcomeMergedEmail' : 'panelPreviewMergeEmail', name);
      if (outcome.by === 'phone') return t(done ? 'panelOutcomeMergedPhone' : 'panelPreviewMergePhone', name);
      return t(done ? 'panelOutcomeMerged' : 'panelPreviewMerge', name);
    }
    case 'skipped':
      return t('panelPreviewSkipped');
    case 'failed':
      return t('panelRowRefused', outcome.errors.join('; ') || t('panelRowRefusedNoReason'));
    default:
      return '';
  }
}

/** The reply, or what the panel says when the background stopped before answering. */
const ask = (reply: Promise<BulkImportReply>): Promise<BulkImportReply | null> => reply.catch(() => null);

export interface AddRowsProps {
  rows: readonly PanelRow[];
  stages: readonly Stage[];
  /** The leads the panel knows, to name the lead a row merges into. */
  leads: readonly Lead[];
  onAdded: () => void;
  onClose: () => void;
}

export function AddRows({ rows, stages, leads, onAdded, onClose }: AddRowsProps) {
  const [names, setNames] = useState<Record<string, string>>({});
  const [stage, setStage] = useState('');
  const [phase, setPhase] = useState<Phase>({ state: 'previewing' });
  const keys = useRef(new IdempotencyKeys());
  const draft = { rows: rows.map((row) => ({ row, name: names[row.key] ?? '' })), stage };
  const bulkRows = bulkRowsOf(draft);

  /** The one dry run: what each row would become (the names and the stage do not change that). */
  const preview = () => {
    setPhase({ state: 'previewing' });
    void ask(sendMessage('panelPreview', { rows: bulkRowsOf({ rows: draft.rows, stage: '' }) })).then((reply) =>
      setPhase(
        reply?.ok
          ? { state: 'preview', result: reply.result }
          : { state: 'failed', failure: reply?.failure ?? null, preview: null, adding: false },
      ),
    );
  };
  useEffect(preview, []);

  const shown = phase.state === 'added' ? phase.result : 'preview' in phase ? phase.preview : null;
  const previewed = phase.state === 'preview' ? phase.result : shown;
  const outcomes = useMemo(() => (previewed ? outcomesOf(previewed, leads) : new Map()), [previewed, leads]);

  const add = () => {
    const preview = phase.state === 'preview' ? phase.result : phase.state === 'failed' ? phase.preview : null;
    const idempotencyKey = keys.current.keyFor({ rows: bulkRows });
    setPhase({ state: 'adding', preview });
    void ask(sendMessage('panelAdd', { rows: bulkRows, idempotencyKey })).then((reply) => {
      if (reply?.ok) {
        keys.current.succeeded();
        setPhase({ state: 'added', result: reply.result });
        onAdded();
      } else setPhase({ state: 'failed', failure: reply?.failure ?? null, preview, adding: true });
    });
  };

  const done = phase.state === 'added';
  const busy = phase.state === 'previewing' || phase.state === 'adding';
  const summary = done ? phase.result.summary : null;
  return (
    <section class="panel-add" aria-labelledby="panel-add-title" aria-busy={busy}>
      <h2 id="panel-add-title">{t('panelAddTitle', formatNumber(rows.length))}</h2>
      {phase.state === 'failed' &&
        (phase.failure ? (
          <FailureNotice failure={phase.failure} />
        ) : (
          <p class="notice notice--error" role="alert">
            {phase.adding ? t('panelAddUnanswered') : t('panelPreviewUnanswered')}
          </p>
        ))}
      {summary && (
        <p role="status">
          {t('panelAddedSummary', formatNumber(summary.created), formatNumber(summary.updated))}
          {summary.failed + summary.skipped > 0 &&
            ` ${t('panelNotAddedSummary', formatNumber(summary.failed + summary.skipped))}`}
        </p>
      )}
      <ol class="panel-add__rows">
        {bulkRows.map((bulkRow, index) => {
          const row = rows[index];
          if (!row) return null;
          return (
            <li key={row.key} class="panel-add__row">
              <span class="panel-add__value">
                <Isolated text={row.contact.display} contact />
              </span>
              <span class="panel-add__outcome" data-outcome={outcomes.get(bulkRow.row_ref)?.kind}>
                {phase.state === 'previewing' ? t('panelPreviewing') : outcomeText(outcomes.get(bulkRow.row_ref), done)}
              </span>
              {!done && (
                <input
                  type="text"
                  class="panel-add__name"
                  aria-label={t('panelNameFor', row.contact.display)}
                  placeholder={t('panelNamePlaceholder')}
                  value={names[row.key] ?? ''}
                  maxLength={200}
                  disabled={busy}
                  onInput={(event) => setNames({ ...names, [row.key]: event.currentTarget.value })}
                />
              )}
            </li>
          );
        })}
      </ol>
      {!done && (
        <label class="panel-add__stage">
          {t('panelStageForAll')}
          <select value={stage} disabled={busy} onChange={(event) => setStage(event.currentTarget.value)}>
            <option value="">{t('panelStageDefault')}</option>
            {stages.map((option) =>
              option.slug ? (
                <option key={option.slug} value={option.slug}>
                  {option.name ?? option.slug}
                </option>
              ) : null,
            )}
          </select>
        </label>
      )}
      <div class="panel-add__actions">
        {phase.state === 'failed' && !phase.adding ? (
          <button type="button" class="button button--primary" onClick={preview}>
            {t('tryAgain')}
          </button>
        ) : (
          !done && (
            <button type="button" class="button button--primary" disabled={busy} onClick={add}>
              {phase.state === 'failed' ? t('panelAddAgain') : t('panelAddConfirm', formatNumber(rows.length))}
            </button>
          )
        )}
        <button type="button" class="button" onClick={onClose}>
          {done ? t('panelAddDone') : t('cancel')}
        </button>
      </div>
    </section>
  );
}

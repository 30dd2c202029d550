/**
 * "Leads on this page": every phone number and email on the followed tab's page, who each is in
 * MEGA, and "Add N to MEGA" for the unknown ones. From the keyboard: the arrow keys or j and k
 * between rows, Space ticks, Enter opens a known row's card, A adds the ticked rows.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { failureText } from '@/utils/api/failures';
import { formatNumber } from '@/utils/format';
import { t } from '@/utils/i18n';
import { sendMessage } from '@/utils/messaging';
import { LeadCard } from '@/components/LeadCard';
import { AddRows } from './AddRows';
import { RowList, typingText } from './RowList';
import { countsOf, filterByStage, groupOf, leadOf, rowsAsCsv, stagesOf, type PanelRow } from './rows';
import type { TabFollower } from './follow-tab';
import { usePageRows, type CheckState } from './use-page-rows';
import { toggled, useTicked } from './ticked';

/** The key that adds the ticked rows. */
const ADD_KEY = 'a';

function openSettings(): void {
  browser.runtime.openOptionsPage().catch(() => sendMessage('openSettings').catch(() => undefined));
}

function CheckBar({ check, onStart, onStop }: { check: CheckState; onStart: () => void; onStop: () => void }) {
  if (check.state === 'idle') return null;
  if (check.state === 'ask') {
    return (
      <div class="panel-check">
        <p>{t('panelCheckAsk', formatNumber(check.count))}</p>
        <button type="button" class="button" onClick={onStart}>
          {t('panelCheckStart')}
        </button>
      </div>
    );
  }
  const progress = t('panelCheckProgress', formatNumber(check.done), formatNumber(check.total));
  return (
    <div class="panel-check">
      <progress value={check.done} max={check.total} aria-label={t('panelCheckLabel')} />
      <p>
        {check.state === 'checking'
          ? progress
          : t('panelCheckStopped', formatNumber(check.done), formatNumber(check.total))}
        {check.state === 'stopped' && check.failure && ` ${failureText(check.failure)}`}
      </p>
      {check.state === 'checking' ? (
        <button type="button" class="button" onClick={onStop}>
          {t('panelCheckStop')}
        </button>
      ) : (
        <button type="button" class="button" onClick={onStart}>
          {t('panelCheckRest')}
        </button>
      )}
    </div>
  );
}

export function PanelApp({ follower }: { follower: TabFollower }) {
  const page = usePageRows(follower);
  const { read, answers, rows, check } = page;
  // Another tab: nothing chosen on the last one applies, but its ticks are kept for coming back.
  const tabId = read.state === 'none' ? null : read.tabId;
  const [ticked, setTicked] = useTicked(tabId);
  const [stage, setStage] = useState<string | null>(null);
  const [opened, setOpened] = useState<string | null>(null);
  const [adding, setAdding] = useState<PanelRow[] | null>(null);
  const [said, setSaid] = useState('');
  const [copied, setCopied] = useState(false);
  const list = useRef<HTMLDivElement>(null);

  const shown = useMemo(() => filterByStage(rows, stage), [rows, stage]);
  const counts = useMemo(() => countsOf(rows), [rows]);
  const tickedRows = rows.filter((row) => ticked.has(row.key) && groupOf(row) !== 'known');

  // The live region says the counts once a read is answered.
  useEffect(() => {
    if (page.settled)
      setSaid(t('panelCounts', formatNumber(counts.known), formatNumber(counts.unknown + counts.unchecked)));
  }, [page.settled, counts.known, counts.unknown, counts.unchecked]);

  useEffect(() => {
    setOpened(null);
    setStage(null);
  }, [tabId]);

  const startAdding = () => tickedRows.length > 0 && setAdding(tickedRows);
  const onKeyDown = (event: KeyboardEvent) => {
    if (typingText(event.target) || event.altKey || event.ctrlKey || event.metaKey || adding || opened) return;
    if (event.key.toLowerCase() === ADD_KEY) {
      event.preventDefault();
      startAdding();
    }
  };

  const copyCsv = () => {
    const header = [t('csvValue'), t('csvKind'), t('csvGroup'), t('name'), t('stage'), t('owner'), t('csvContext')];
    void navigator.clipboard.writeText(rowsAsCsv(shown, header)).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };

  const openRow = opened ? rows.find((row) => row.key === opened) : undefined;
  const stages = stagesOf(rows);

  let body;
  // What the user chose to add stays on screen whatever the tab does meanwhile.
  if (adding)
    body = (
      <AddRows
        rows={adding}
        stages={answers?.stages ?? []}
        leads={rows.flatMap((row) => (row.answer.state === 'known' ? row.answer.leads : []))}
        onAdded={() => {
          const added = new Set(adding.map((row) => row.key));
          setTicked((latest) => new Set([...latest].filter((key) => !added.has(key))));
          page.answerAgain();
        }}
        onClose={() => setAdding(null)}
      />
    );
  else if (read.state === 'none') body = <p class="muted">{t('panelNoPage')}</p>;
  else if (read.state === 'no-access') {
    const origin = read.origin;
    body = (
      <div class="panel-access">
        <p>{t('panelNoAccess')}</p>
        {origin && (
          <button type="button" class="button button--primary" onClick={() => void page.allowSite(origin)}>
            {t('panelAllowSite', origin.replace(/\/\*$/, ''))}
          </button>
        )}
      </div>
    );
  } else if (read.state === 'reading' || (read.state === 'read' && !answers && rows.length === 0 && !page.settled))
    body = <p class="muted">{t('panelReading')}</p>;
  else if (!answers)
    body = (
      <p>
        {t('panelNoAccount')}{' '}
        <button type="button" class="button" onClick={openSettings}>
          {t('openSettings')}
        </button>
      </p>
    );
  else if (openRow && leadOf(openRow))
    body = (
      <div class="panel-card">
        <button type="button" class="button" onClick={() => setOpened(null)} autoFocus>
          {t('panelBack')}
        </button>
        {openRow.answer.state === 'known' &&
          openRow.answer.leads.map((lead) => (
            <LeadCard
              key={lead.id}
              lead={lead}
              headingLevel={2}
              contact={openRow.contact}
              me={answers.display.me}
              leadUrlTemplate={answers.display.leadUrlTemplate}
              customFieldLabels={answers.display.customFieldLabels}
            />
          ))}
      </div>
    );
  else
    body = (
      <>
        <CheckBar check={check} onStart={page.startCheck} onStop={page.stopCheck} />
        <div class="panel-tools">
          {stages.length > 0 && (
            <label>
              {t('panelStageFilter')}{' '}
              <select
                value={stage ?? ''}
                onChange={(event) => setStage(event.currentTarget.value === '' ? null : event.currentTarget.value)}
              >
                <option value="">{t('panelAllStages')}</option>
                {stages.map((option) => (
                  <option key={option.id} value={option.id}>
                    {option.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          {answers.canCreate && (
            <button
              type="button"
              class="button button--primary"
              disabled={tickedRows.length === 0}
              aria-keyshortcuts="A"
              onClick={startAdding}
            >
              {t('panelAddTicked', formatNumber(tickedRows.length))}
            </button>
          )}
          <button type="button" class="button" onClick={copyCsv} disabled={shown.length === 0}>
            {copied ? t('panelCsvCopied') : t('panelCopyCsv')}
          </button>
        </div>
        {rows.length === 0 ? (
          <p class="muted">{t('panelNothingFound')}</p>
        ) : (
          <div ref={list}>
            <RowList
              rows={shown}
              display={answers.display}
              ticked={ticked}
              onTick={(keys, on) => setTicked((latest) => toggled(latest, keys, on))}
              onOpen={setOpened}
            />
          </div>
        )}
        <p class="panel-keys muted">{t('panelKeys')}</p>
      </>
    );

  return (
    <main class="panel" onKeyDown={onKeyDown}>
      <h1 class="panel__title">{t('panelTitle')}</h1>
      <p class="visually-hidden" role="status" aria-live="polite">
        {said}
      </p>
      {body}
    </main>
  );
}

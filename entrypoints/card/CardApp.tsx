/**
 * The lead card inside its frame: it claims its lookup over the card port (card-link.ts), shows
 * what the background pushes (a lead, several, none, a failure, the lookup still running), and
 * holds the card's actions behind the action gate (shown-for.ts), the Add to MEGA form in the card
 * or in its own window (Firefox) included. One file over 300 lines: the card's three states (the
 * frame's link, the view shown, the form open) change together, and the gate must wrap them all.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Lead } from '@/utils/api/schemas';
import type { LookupView } from '@/utils/protocol';
import { sendMessage } from '@/utils/messaging';
import { exactDate, formatNumber, relativeTime } from '@/utils/format';
import { plural, t } from '@/utils/i18n';
import { draftFor } from '@/utils/add-lead';
import { plainText } from '@/utils/shown-text';
import { ActionGate, useActionGate, useGated } from '@/components/ActionGate';
import { act, actionForKey, enterMatches, keyFor, typingInto } from '@/components/card-keys';
import { AddLeadForm } from '@/components/AddLeadForm';
import { FailureNotice } from '@/components/FailureNotice';
import { Isolated, Sentence } from '@/components/Isolated';
import { LeadCard, leadName } from '@/components/LeadCard';
import { LeadRows } from '@/components/LeadRows';
import { AddInWindow } from './AddInWindow';
import { CardKeys } from './CardKeys';
import { announcement } from './announcement';
import { linkCard } from './card-link';
import { useShownFor } from './shown-for';

type Shown = { state: 'loading' } | LookupView;

/** What "Try again" shows when the background does not answer (a service worker restarting). */
const unanswered = (): LookupView => ({
  state: 'error',
  contact: null,
  failure: { kind: 'unknown', reason: 'lookup-unanswered' },
});

/** Focus to the match shown (where a screen reader reads it), unless a control in the card has it. */
function focusShownMatch(root: HTMLElement | null): void {
  if (document.activeElement !== document.body || !root) return;
  const line = root.querySelector<HTMLElement>('.lead-row__summary[tabindex="0"]');
  (line ?? root).focus();
}

/**
 * The card frame: one lookup at a time, as the background pushes it (see card-link.ts). Its size
 * is the frame's, whatever it shows; the content scrolls inside.
 */
export function CardApp() {
  const [lookupId, setLookupId] = useState('');
  const [shown, setShown] = useState<Shown>({ state: 'loading' });
  /** The page kept covering the card before this one, which closed. */
  const [closedForCovers, setClosedForCovers] = useState(false);
  /** The lookup whose answer may still be shown; older answers arriving late are dropped. */
  const wanted = useRef('');
  const root = useRef<HTMLElement>(null);

  /** Asks the background for the lookup and shows its answer, or that none came, if still wanted. */
  const ask = useCallback((id: string, retry: boolean) => {
    void sendMessage('getLookup', { lookupId: id, retry })
      .catch(unanswered)
      .then((view) => wanted.current === id && setShown(view ?? unanswered()));
  }, []);

  useLayoutEffect(() => {
    /** Shows this lookup (or, for '', none) and drops answers still coming for any other. */
    const present = (id: string, view: LookupView | null) => {
      wanted.current = id;
      setLookupId(id);
      setShown(view ?? { state: 'loading' });
    };
    linkCard(
      {
        show: (id, view) => {
          // For `npm run bench`: when each push arrives.
          performance.mark('lead-lens:pushed', { detail: { lookupId: id, loading: view === null } });
          present(id, view);
        },
        hide: () => {
          present('', null);
          setClosedForCovers(false);
        },
        covered: () => setClosedForCovers(true),
        // Firefox: the shortcut again. The frame moves the focus into itself, which the page cannot.
        focus: () => {
          window.focus();
          focusShownMatch(root.current);
        },
        // The background stopped mid-request: ask for the lookup (which wakes it), or say so.
        lost: (id) => wanted.current === id && ask(id, false),
      },
      {
        connect: (info) => browser.runtime.connect(info),
        window,
        setTimeout: (callback, ms) => setTimeout(callback, ms),
      },
    );
  }, [ask]);

  const retry = useCallback(
    (id: string) => {
      setShown({ state: 'loading' });
      ask(id, true);
    },
    [ask],
  );

  // Shown from the on-device copy while MEGA is asked for a newer version: show that once it comes.
  useEffect(() => {
    if (shown.state !== 'found' || !shown.refreshing || !lookupId) return;
    const id = lookupId;
    void sendMessage('getLookup', { lookupId: id, awaitRefresh: true })
      .then((view) => wanted.current === id && view && setShown(view))
      .catch(() => undefined);
  }, [shown, lookupId]);

  // A User Timing mark when an answer is rendered (painted right after), so `npm run bench` can
  // time selection to card.
  useLayoutEffect(() => {
    if (shown.state !== 'loading') performance.mark('lead-lens:shown', { detail: { state: shown.state, lookupId } });
  }, [shown]);

  const gate = useShownFor(root, lookupId);

  const close = useCallback(
    () => lookupId && void sendMessage('closeCard', { lookupId }).catch(() => undefined),
    [lookupId],
  );
  const openSettings = () => void sendMessage('openSettings').catch(() => undefined);

  /** What a key just did, said in place of the card's sentence (e.g. "Phone copied"). */
  const [said, setSaid] = useState('');
  useEffect(() => setSaid(''), [lookupId]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') close();
      if (event.defaultPrevented || !root.current || typingInto(event.target)) return;
      if (enterMatches(root.current, event.key)) event.preventDefault();
      const action = actionForKey(event);
      const control = action && act(root.current, action);
      if (!control) return;
      event.preventDefault();
      // Its name once the action has changed it ("Phone copied", "Press again: Copy phone").
      setTimeout(() => setSaid(control.getAttribute('aria-label') ?? control.textContent ?? ''), 100);
    };
    // Moved into from the page (the shortcut again): to the match shown, where a screen reader
    // reads it. Not when a press of the pointer brought the focus: the click goes where it was aimed.
    let pressing = false;
    const onPress = () => (pressing = true);
    const onRelease = () => setTimeout(() => (pressing = false), 0);
    const onFocus = () => {
      if (!pressing) focusShownMatch(root.current);
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('focus', onFocus);
    window.addEventListener('pointerdown', onPress, true);
    window.addEventListener('pointerup', onRelease, true);
    window.addEventListener('pointercancel', onRelease, true);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('focus', onFocus);
      window.removeEventListener('pointerdown', onPress, true);
      window.removeEventListener('pointerup', onRelease, true);
      window.removeEventListener('pointercancel', onRelease, true);
    };
  }, [close]);

  const contact = 'contact' in shown ? shown.contact : null;
  return (
    <ActionGate.Provider value={gate}>
      <main class="card" ref={root} tabIndex={-1} aria-busy={shown.state === 'loading'}>
        <header class="card__bar">
          <h1 class="card__brand">
            {/* The icon is in the page's inline styles (card.css): an image to fetch would
                cost the card's first frame a request, and hold back its load event (and the claim). */}
            <span class="card__icon" aria-hidden="true" />
            {t('extName')}
          </h1>
          {contact && (
            <span class="card__query" title={plainText(contact.display)}>
              <Isolated text={contact.display} contact />
            </span>
          )}
          <button type="button" class="icon-button" aria-label={t('close')} title={t('closeEsc')} onClick={close}>
            <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
              <path d="M3 3l8 8M11 3l-8 8" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" />
            </svg>
          </button>
        </header>
        {/* The one sentence a screen reader hears as the card appears; the notices below stay quiet. */}
        <p class="visually-hidden" aria-live="polite" aria-atomic="true">
          {said || announcement(shown)}
        </p>
        <section class="card__body">
          {closedForCovers && (
            <p class="card__count muted" role="status">
              {t('closedForCovers')}
            </p>
          )}
          <CardBody
            key={lookupId}
            lookupId={lookupId}
            shown={shown}
            onRetry={() => retry(lookupId)}
            onOpenSettings={openSettings}
          />
        </section>
        <CardKeys />
      </main>
    </ActionGate.Provider>
  );
}

function CardBody({
  lookupId,
  shown,
  onRetry,
  onOpenSettings,
}: {
  lookupId: string;
  shown: Shown;
  onRetry: () => void;
  onOpenSettings: () => void;
}) {
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<{ lead: Lead; merged: boolean }>();
  /** The answer after "Not this person" or Undo, which replaces the one first shown. */
  const [changed, setChanged] = useState<LookupView>();
  /** The lead just hidden, for Undo. */
  const [hidden, setHidden] = useState<Lead>();
  if (created) {
    return (
      <div class="card__matches">
        <p class="card__count" role="status">
          {created.merged ? <Sentence message={'mergedInto'} values={[leadName(created.lead)]} /> : t('savedInMega')}
        </p>
        <LeadCard lead={created.lead} />
      </div>
    );
  }
  const view: Shown = changed ?? shown;
  const setHiddenFor = async (lead: Lead, hide: boolean) => {
    const next = await sendMessage(hide ? 'hideMatch' : 'unhideMatch', { lookupId, leadId: lead.id }).catch(() => null);
    if (!next) return;
    setChanged(next);
    setHidden(hide ? lead : undefined);
  };
  const undo = hidden && 'contact' in view && view.contact && (
    <p class="undo-note" role="status">
      <span>
        <Sentence message={'hiddenForValue'} values={[leadName(hidden), { contact: view.contact.display }]} />
      </span>
      <button type="button" class="button button--small" onClick={() => void setHiddenFor(hidden, false)}>
        {t('undo')}
      </button>
    </p>
  );
  return (
    <>
      {undo}
      <ShownView
        view={view}
        lookupId={lookupId}
        adding={adding}
        setAdding={setAdding}
        onCreated={(lead, merged) => setCreated({ lead, merged })}
        onHide={(lead) => void setHiddenFor(lead, true)}
        onRetry={onRetry}
        onOpenSettings={onOpenSettings}
      />
    </>
  );
}

function ShownView({
  view: shown,
  lookupId,
  adding,
  setAdding,
  onCreated,
  onHide,
  onRetry,
  onOpenSettings,
}: {
  view: Shown;
  lookupId: string;
  adding: boolean;
  setAdding: (adding: boolean) => void;
  onCreated: (lead: Lead, merged: boolean) => void;
  onHide: (lead: Lead) => void;
  onRetry: () => void;
  onOpenSettings: () => void;
}) {
  const gate = useActionGate();
  const gated = useGated();
  switch (shown.state) {
    case 'loading':
      return (
        <div class="skeleton" role="status" aria-label={t('lookingUp')}>
          <span style={{ width: '60%', height: '20px' }} />
          <span style={{ width: '40%' }} />
          <span style={{ width: '85%' }} />
          <span style={{ width: '70%' }} />
        </div>
      );
    case 'found': {
      const [first] = shown.leads;
      const { display, contact } = shown;
      const shared = {
        contact,
        me: display.me,
        customFieldLabels: display.customFieldLabels,
        leadUrlTemplate: display.leadUrlTemplate,
      };
      const hiddenNote = (
        <>
          {shown.asOf !== undefined && (
            <p class="card__count muted" title={exactDate(new Date(shown.asOf).toISOString())}>
              {t('fromDeviceCopy', relativeTime(new Date(shown.asOf).toISOString()))}
            </p>
          )}
          {shown.hidden > 0 && <p class="card__count muted">{t('hiddenMatchesNote', formatNumber(shown.hidden))}</p>}
        </>
      );
      if (shown.leads.length === 1 && first) {
        return (
          <>
            <LeadCard lead={first} {...shared} onNotThisPerson={() => onHide(first)} />
            {hiddenNote}
          </>
        );
      }
      return (
        <div class="card__matches">
          <p class="card__count">
            {plural(shown.total, 'leadsMatchOne', 'leadsMatchOther', formatNumber(shown.total))}
            {shown.total > shown.leads.length && ` · ${t('showing', formatNumber(shown.leads.length))}`}
          </p>
          <LeadRows
            leads={shown.leads}
            label={t('matchingLeads')}
            expandFirst
            openOnFocus
            {...shared}
            onNotThisPerson={onHide}
          />
          {hiddenNote}
        </div>
      );
    }
    case 'none':
      return (
        <div class="notice">
          <div>
            <p class="notice__title">{t('noLeadFound')}</p>
            <p class="notice__text">{shown.contact.kind === 'email' ? t('noLeadWithEmail') : t('noLeadWithPhone')}</p>
            {shown.hidden > 0 && <p class="notice__text muted">{t('hiddenMatchesNote', formatNumber(shown.hidden))}</p>}
          </div>
          {shown.canCreate && gate.confirmFirst && (
            <AddInWindow
              addInWindow={() => sendMessage('addInWindow', { lookupId })}
              onCreated={onCreated}
              onLost={onRetry}
            />
          )}
          {shown.canCreate &&
            !gate.confirmFirst &&
            (adding ? (
              <AddLeadForm
                initial={draftFor(shown.contact)}
                stages={shown.stages}
                lookupId={lookupId}
                onCreated={onCreated}
                onCancel={() => setAdding(false)}
              />
            ) : (
              <div class="notice__actions">
                <button
                  type="button"
                  class="button button--primary"
                  {...gated(() => setAdding(true))}
                  {...keyFor('addToMega')}
                >
                  {t('addToMega')}
                </button>
              </div>
            ))}
        </div>
      );
    case 'error':
      return (
        <FailureNotice failure={shown.failure} onRetry={onRetry} onOpenSettings={onOpenSettings} announced={false} />
      );
    case 'unconfigured':
      return (
        <div class="notice">
          <p class="notice__title">{t('connectTitle')}</p>
          <p class="notice__text">{t('cardConnectText')}</p>
          <div class="notice__actions">
            <button type="button" class="button button--primary" onClick={onOpenSettings}>
              {t('openSettings')}
            </button>
          </div>
        </div>
      );
    case 'expired':
      return (
        <div class="notice">
          <p class="notice__title">{t('expiredTitle')}</p>
          <p class="notice__text">{t('expiredText')}</p>
        </div>
      );
  }
}

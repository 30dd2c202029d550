import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Lead } from '@/utils/api/schemas';
import type { LookupView } from '@/utils/protocol';
import { sendMessage } from '@/utils/messaging';
import { formatNumber } from '@/utils/format';
import { plural, t } from '@/utils/i18n';
import { draftFor } from '@/utils/add-lead';
import { AddLeadForm } from '@/components/AddLeadForm';
import { FailureNotice } from '@/components/FailureNotice';
import { LeadCard, leadName } from '@/components/LeadCard';
import { LeadRows } from '@/components/LeadRows';

type Shown = { state: 'loading' } | LookupView;

/** How often to ask again when the background did not answer (a service worker restarting). */
const DELIVERY_ATTEMPTS = 3;

async function fetchView(lookupId: string, retry: boolean): Promise<LookupView> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const view = await sendMessage('getLookup', { lookupId, retry });
      if (view) return view;
      throw new Error('no answer');
    } catch (error) {
      if (attempt >= DELIVERY_ATTEMPTS) {
        return {
          state: 'error',
          contact: null,
          failure: { kind: 'unknown', reason: 'lookup-unanswered' },
        };
      }
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}

function lookupIdFromHash(): string {
  return decodeURIComponent(location.hash.slice(1));
}

/** The popover frame: one lookup, identified only by the opaque id in the frame's URL. */
export function PopoverApp() {
  const [lookupId, setLookupId] = useState(lookupIdFromHash);
  const [shown, setShown] = useState<Shown>({ state: 'loading' });
  /** The lookup whose answer may still be shown; older answers arriving late are dropped. */
  const wanted = useRef('');

  // Asks at once, from the event itself: waiting for a render first would add a frame or two
  // to every lookup, which is most of the time a cached answer takes.
  const load = useCallback((id: string, retry = false) => {
    wanted.current = id;
    setLookupId(id);
    setShown({ state: 'loading' });
    // No id yet: the frame was opened while the background was still reading the selection.
    if (!id) return;
    void fetchView(id, retry).then((view) => wanted.current === id && setShown(view));
  }, []);

  useLayoutEffect(() => {
    load(lookupIdFromHash());
    const onHash = () => load(lookupIdFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [load]);

  // Tell the page's content script how tall the card is, through the background. The card's own
  // height, not the document's: a document is never shorter than the frame that shows it.
  const root = useRef<HTMLElement>(null);
  useLayoutEffect(() => {
    const card = root.current;
    if (!card) return;
    const report = () =>
      void sendMessage('resizePopover', { lookupId, height: Math.ceil(card.getBoundingClientRect().height) }).catch(
        () => undefined,
      );
    const observer = new ResizeObserver(report);
    observer.observe(card);
    return () => observer.disconnect();
  }, [lookupId]);

  // A User Timing mark when an answer is rendered (painted right after), so `npm run bench` can
  // time selection to card.
  useLayoutEffect(() => {
    if (shown.state !== 'loading') performance.mark('lead-lens:shown', { detail: { state: shown.state, lookupId } });
  }, [shown]);

  const close = useCallback(() => void sendMessage('closePopover', { lookupId }).catch(() => undefined), [lookupId]);
  const openSettings = () => void sendMessage('openSettings').catch(() => undefined);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') close();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [close]);

  const contact = 'contact' in shown ? shown.contact : null;
  return (
    <main class="popover" ref={root} aria-busy={shown.state === 'loading'}>
      <header class="popover__bar">
        <span class="popover__brand">
          <img src="/icon/16.png" width="16" height="16" alt="" />
          {t('extName')}
        </span>
        {contact && <span class="popover__query" title={contact.display}>{contact.display}</span>}
        <button type="button" class="icon-button" aria-label={t('close')} title={t('closeEsc')} onClick={close}>
          <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
            <path d="M3 3l8 8M11 3l-8 8" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" />
          </svg>
        </button>
      </header>
      <section class="popover__body">
        <PopoverBody
          key={lookupId}
          lookupId={lookupId}
          shown={shown}
          onRetry={() => load(lookupId, true)}
          onOpenSettings={openSettings}
        />
      </section>
    </main>
  );
}

function PopoverBody({
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
      <div class="popover__matches">
        <p class="popover__count" role="status">
          {created.merged ? t('mergedInto', leadName(created.lead)) : t('savedInMega')}
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
      <span>{t('hiddenForValue', leadName(hidden), view.contact.display)}</span>
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
      const hiddenNote = shown.hidden > 0 && (
        <p class="popover__count muted">{t('hiddenMatchesNote', formatNumber(shown.hidden))}</p>
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
        <div class="popover__matches">
          <p class="popover__count">
            {plural(shown.total, 'leadsMatchOne', 'leadsMatchOther', formatNumber(shown.total))}
            {shown.total > shown.leads.length && ` · ${t('showing', formatNumber(shown.leads.length))}`}
          </p>
          <LeadRows leads={shown.leads} label={t('matchingLeads')} expandFirst {...shared} onNotThisPerson={onHide} />
          {hiddenNote}
        </div>
      );
    }
    case 'none':
      return (
        <div class="notice">
          <div role="status">
            <p class="notice__title">{t('noLeadFound')}</p>
            <p class="notice__text">
              {shown.contact.kind === 'email' ? t('noLeadWithEmail') : t('noLeadWithPhone')}
            </p>
            {shown.hidden > 0 && <p class="notice__text muted">{t('hiddenMatchesNote', formatNumber(shown.hidden))}</p>}
          </div>
          {shown.canCreate &&
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
                <button type="button" class="button button--primary" onClick={() => setAdding(true)}>
                  {t('addToMega')}
                </button>
              </div>
            ))}
        </div>
      );
    case 'error':
      return <FailureNotice failure={shown.failure} onRetry={onRetry} onOpenSettings={onOpenSettings} />;
    case 'unconfigured':
      return (
        <div class="notice" role="status">
          <p class="notice__title">{t('connectTitle')}</p>
          <p class="notice__text">{t('popoverConnectText')}</p>
          <div class="notice__actions">
            <button type="button" class="button button--primary" onClick={onOpenSettings}>
              {t('openSettings')}
            </button>
          </div>
        </div>
      );
    case 'expired':
      return (
        <div class="notice" role="status">
          <p class="notice__title">{t('expiredTitle')}</p>
          <p class="notice__text">{t('expiredText')}</p>
        </div>
      );
  }
}

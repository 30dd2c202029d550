/**
 * "Look up what I copied": the popup's button, which runs what the shortcut runs where nothing is
 * selected (a sheet or document drawn on a canvas, a PDF), and the answer below it, also the one
 * the shortcut left when it opened the popup. Reading the clipboard needs the user's permission,
 * asked from this click the first time.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser, type Browser } from 'wxt/browser';
import { FailureNotice } from '@/components/FailureNotice';
import { LeadRows } from '@/components/LeadRows';
import { t } from '@/utils/i18n';
import { sendMessage } from '@/utils/messaging';
import type { CopiedLookup as Copied, LookupView } from '@/utils/protocol';
import { plainText } from '@/utils/shown-text';

export interface CopiedAsk {
  /** Asks to read the clipboard (no prompt once granted); from the click itself, as browsers require. */
  allow: () => Promise<boolean>;
  lookUp: () => Promise<Copied>;
  /** What the shortcut left for this popup, if anything. */
  waiting: () => Promise<Copied | null>;
}

const CLIPBOARD_READ: Browser.permissions.Permissions = { permissions: ['clipboardRead'] };

const copiedInBackground: CopiedAsk = {
  allow: () => browser.permissions.request(CLIPBOARD_READ).catch(() => false),
  lookUp: () => sendMessage('lookUpCopied'),
  waiting: () => sendMessage('takeCopiedLookup'),
};

type Shown = Copied | { outcome: 'refused' } | { outcome: 'asking' } | null;

export function CopiedLookup({ ask = copiedInBackground }: { ask?: CopiedAsk }) {
  const [shown, setShown] = useState<Shown>(null);

  useEffect(() => {
    void ask
      .waiting()
      .then((left) => left && setShown(left))
      .catch(() => undefined);
  }, []);

  function lookUp() {
    // Asked before anything is awaited: the browser honours a permission request only from the click.
    const allowed = ask.allow();
    setShown({ outcome: 'asking' });
    void allowed
      .then((granted): Promise<Shown> | Shown => (granted ? ask.lookUp() : { outcome: 'refused' }))
      .then(
        (answer) => setShown(answer),
        () => setShown({ outcome: 'not-contact' }),
      );
  }

  return (
    <section class="copied" aria-label={t('copiedHeading')}>
      <button type="button" class="button button--quiet copied__button" onClick={lookUp}>
        {t('lookUpCopied')}
      </button>
      <div class="copied__answer" aria-live="polite" aria-busy={shown?.outcome === 'asking'}>
        {shown && <CopiedAnswer shown={shown} />}
      </div>
    </section>
  );
}

function CopiedAnswer({ shown }: { shown: NonNullable<Shown> }) {
  switch (shown.outcome) {
    case 'asking':
      return null;
    case 'no-permission':
      return <p class="copied__note">{t('copiedAllowFirst')}</p>;
    case 'refused':
      return <p class="copied__note">{t('copiedRefused')}</p>;
    case 'not-contact':
      return <p class="copied__note">{t('copiedNotContact')}</p>;
    case 'off-here':
      return <p class="copied__note">{t('copiedOffHere')}</p>;
    case 'looked-up':
      return <LookedUp view={shown.view} />;
  }
}

function LookedUp({ view }: { view: LookupView }) {
  switch (view.state) {
    case 'found':
      return (
        <LeadRows
          leads={view.leads}
          label={t('copiedHeading')}
          expandFirst
          contact={view.contact}
          customFieldLabels={view.display.customFieldLabels}
          me={view.display.me}
          leadUrlTemplate={view.display.leadUrlTemplate}
        />
      );
    case 'none':
      return <p class="copied__note">{t('announceNoLead', plainText(view.contact.display))}</p>;
    case 'error':
      return <FailureNotice failure={view.failure} announced={false} />;
    case 'unconfigured':
      return <p class="copied__note">{t('connectTitle')}</p>;
    case 'expired':
      return <p class="copied__note">{t('expiredTitle')}</p>;
  }
}

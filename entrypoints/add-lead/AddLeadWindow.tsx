import { useEffect, useRef, useState } from 'preact/hooks';
import { AddLeadForm } from '@/components/AddLeadForm';
import { Sentence } from '@/components/Isolated';
import { draftFor } from '@/utils/add-lead';
import { t } from '@/utils/i18n';
import type { AddDraft } from '@/utils/protocol';

/**
 * Add to MEGA in a window of its own, opened by the card where a page could cover the card
 * unseen (see entrypoints/background/add-windows.ts). The background closes the window once the
 * lead is added, and the card shows it; Escape or Cancel close it with nothing added.
 */
export function AddLeadWindow({
  askDraft,
  closeWindow,
}: {
  /** What to add, from the background, which knows this window by its id. */
  askDraft: () => Promise<AddDraft | null>;
  closeWindow: () => void;
}) {
  const [draft, setDraft] = useState<AddDraft | null | 'loading'>('loading');
  const root = useRef<HTMLElement>(null);

  useEffect(() => {
    void askDraft()
      .catch(() => null)
      .then(setDraft);
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && closeWindow();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // The window opens focused: the keyboard starts in its first field.
  useEffect(() => {
    if (draft !== 'loading') root.current?.querySelector<HTMLElement>('input, button')?.focus();
  }, [draft]);

  if (draft === 'loading') return <main class="add-window" aria-busy="true" ref={root} />;
  return (
    <main class="add-window" ref={root}>
      {draft ? (
        <>
          <h1 class="add-window__title">
            <Sentence message={'addFor'} values={[{ contact: draft.contact.display }]} />
          </h1>
          <AddLeadForm
            initial={draftFor(draft.contact)}
            stages={draft.stages}
            lookupId={draft.lookupId}
            // The background closes the window and the card shows the lead.
            onCreated={() => undefined}
            onCancel={closeWindow}
          />
        </>
      ) : (
        <div class="notice" role="status">
          <p class="notice__title">{t('expiredTitle')}</p>
          <p class="notice__text">{t('expiredText')}</p>
          <div class="notice__actions">
            <button type="button" class="button" onClick={closeWindow}>
              {t('close')}
            </button>
          </div>
        </div>
      )}
    </main>
  );
}

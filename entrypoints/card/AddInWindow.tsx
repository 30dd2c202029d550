import { useState } from 'preact/hooks';
import { useGated } from '@/components/ActionGate';
import { keyFor } from '@/components/card-keys';
import type { Lead } from '@/utils/api/schemas';
import { t } from '@/utils/i18n';
import type { AddedLead } from '@/utils/protocol';

/**
 * "Add to MEGA" where the card cannot tell whether the page covers it (Firefox): the form opens in
 * a window of the extension's, which no page can draw over, instead of in the card, where an opaque
 * element that lets clicks through could have the user fill and send a form they never saw.
 */
export function AddInWindow({
  addInWindow,
  onCreated,
  onLost,
}: {
  /** Opens the window; resolves once it closes, with the lead added in it or null. */
  addInWindow: () => Promise<AddedLead | null>;
  onCreated: (lead: Lead, merged: boolean) => void;
  /** The answer never came (the background stopped): ask the lookup again, which shows any lead added. */
  onLost: () => void;
}) {
  const [open, setOpen] = useState(false);
  const gated = useGated();

  const start = () => {
    setOpen(true);
    void addInWindow().then((added) => (added ? onCreated(added.lead, added.merged) : setOpen(false)), onLost);
  };

  if (open) {
    return (
      <p class="notice__text" role="status">
        {t('addInWindowNote')}
      </p>
    );
  }
  return (
    <div class="notice__actions">
      <button type="button" class="button button--primary" {...gated(start)} {...keyFor('addToMega')}>
        {t('addToMega')}
      </button>
    </div>
  );
}

/**
 * The one sentence a screen reader hears when the card shows an answer, spoken from the card's
 * polite live region without moving focus: "Jane Cooper, Qualified, owner Alex Kim, last contact
 * 9 days ago", "No lead for +1 415 555 0134", or the failure in a few words.
 */
import type { Lead } from '@/utils/api/schemas';
import type { LookupView } from '@/utils/protocol';
import { formatNumber, humanize, relativeTime } from '@/utils/format';
import { messagesLocale, plural, t } from '@/utils/i18n';
import { plainText } from '@/utils/shown-text';
import { failureTitle } from '@/components/FailureNotice';
import { leadName } from '@/components/LeadCard';

/** Parts joined as the messages' language lists them ("a, b, c" in English). */
function listed(parts: string[]): string {
  return new Intl.ListFormat(messagesLocale(), { type: 'unit', style: 'short' }).format(parts);
}

/** A lead in one breath: its name, its stage, who owns it and when it was last contacted. */
export function leadSentence(lead: Lead, now: number): string {
  const stage = lead.current_stage?.name?.trim() || (lead.current_stage?.slug && humanize(lead.current_stage.slug));
  const owner = lead.owner?.name?.trim();
  return listed([
    plainText(leadName(lead)),
    ...(stage ? [plainText(stage)] : []),
    owner ? t('announceOwner', plainText(owner)) : t('announceNoOwner'),
    lead.last_interaction_at
      ? t('announceLastContact', relativeTime(lead.last_interaction_at, now))
      : t('announceNeverContacted'),
  ]);
}

/** What the card announces for what it shows; nothing while the lookup still runs. */
export function announcement(view: LookupView | { state: 'loading' }, now: number = Date.now()): string {
  switch (view.state) {
    case 'loading':
      return '';
    case 'found': {
      const [first] = view.leads;
      if (!first) return '';
      if (view.leads.length === 1) return leadSentence(first, now);
      const count = plural(view.total, 'leadsMatchOne', 'leadsMatchOther', formatNumber(view.total));
      return listed([count, leadSentence(first, now)]);
    }
    case 'none':
      return t('announceNoLead', plainText(view.contact.display));
    case 'error':
      return failureTitle(view.failure);
    case 'unconfigured':
      return t('connectTitle');
    case 'expired':
      return t('expiredTitle');
  }
}

import { useRef, useState } from 'preact/hooks';
import type { Lead } from '@/utils/api/schemas';
import type { Contact } from '@/utils/contact';
import type { CustomFieldLabels } from '@/utils/custom-fields';
import { t } from '@/utils/i18n';
import { matchKind, sortByMatch } from '@/utils/match-kind';
import type { MegaIdentity } from '@/utils/next-action';
import { LeadCard, leadName } from './LeadCard';
import { Isolated, IsolatedList } from './Isolated';
import { MatchTag } from './MatchTag';
import { StageChip } from './StageChip';

export interface LeadRowsProps {
  leads: Lead[];
  label?: string;
  /** The id of the lead whose line starts open. */
  initiallyExpanded?: string;
  /** Start with the first line open, as the lines are shown (exact matches first). */
  expandFirst?: boolean;
  /** A line opens as it takes focus, so the arrow keys go from match to match (the card). */
  openOnFocus?: boolean;
  now?: number;
  /** The selected phone number or email: each line says why it matched, exact matches first. */
  contact?: Contact | null;
  customFieldLabels?: CustomFieldLabels;
  me?: MegaIdentity | null;
  leadUrlTemplate?: string;
  /** "Not this person" on each line's card. */
  onNotThisPerson?: (lead: Lead) => void;
}

/**
 * Several leads, one line each (name, phone or email, stage, why it matched); a line opens into
 * the full card. The list is one Tab stop: arrow keys, Home and End move between lines; Enter or
 * Space opens and closes one.
 */
export function LeadRows({
  leads: given,
  label = t('results'),
  initiallyExpanded,
  expandFirst = false,
  openOnFocus = false,
  now,
  contact,
  customFieldLabels,
  me,
  leadUrlTemplate,
  onNotThisPerson,
}: LeadRowsProps) {
  const leads = contact ? sortByMatch(given, contact) : given;
  const opened = initiallyExpanded ?? (expandFirst ? leads[0]?.id : undefined);
  const [expanded, setExpanded] = useState<string | undefined>(opened);
  /** The line that takes focus when Tab enters the list. */
  const [current, setCurrent] = useState<string | undefined>(opened);
  const tabStop = leads.some((lead) => lead.id === current) ? current : leads[0]?.id;
  const list = useRef<HTMLUListElement>(null);

  function onKeyDown(event: KeyboardEvent) {
    const buttons = [...(list.current?.querySelectorAll<HTMLButtonElement>('.lead-row__summary') ?? [])];
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (index < 0) return;
    const next =
      event.key === 'ArrowDown'
        ? index + 1
        : event.key === 'ArrowUp'
          ? index - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? buttons.length - 1
              : undefined;
    if (next === undefined) return;
    event.preventDefault();
    buttons[Math.max(0, Math.min(next, buttons.length - 1))]?.focus();
  }

  return (
    <ul class="lead-rows" aria-label={label} ref={list} onKeyDown={onKeyDown}>
      {leads.map((lead) => {
        const open = expanded === lead.id;
        const detailId = `lead-${lead.id}`;
        return (
          <li key={lead.id} class="lead-row">
            <button
              type="button"
              class={contact ? 'lead-row__summary lead-row__summary--matched' : 'lead-row__summary'}
              aria-expanded={open}
              aria-controls={detailId}
              tabIndex={lead.id === tabStop ? 0 : -1}
              onFocus={() => {
                setCurrent(lead.id);
                if (openOnFocus) setExpanded(lead.id);
              }}
              onClick={() => setExpanded(open ? undefined : lead.id)}
            >
              <span class="lead-row__name">
                <Isolated text={leadName(lead)} />
              </span>
              <span class="lead-row__contact">
                {lead.contact_phone || lead.contact_email ? (
                  <IsolatedList texts={[lead.contact_phone, lead.contact_email]} contact />
                ) : (
                  t('noPhoneOrEmail')
                )}
              </span>
              <span class="lead-row__stage">
                <StageChip stage={lead.current_stage} />
              </span>
              {contact && (
                <span class="lead-row__match">
                  <MatchTag kind={matchKind(contact, lead)} />
                </span>
              )}
            </button>
            {open && (
              <div class="lead-row__detail" id={detailId}>
                <LeadCard
                  lead={lead}
                  headingLevel={3}
                  now={now}
                  contact={contact}
                  customFieldLabels={customFieldLabels}
                  me={me}
                  leadUrlTemplate={leadUrlTemplate}
                  onNotThisPerson={onNotThisPerson && (() => onNotThisPerson(lead))}
                />
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}

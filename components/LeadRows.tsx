import { useRef, useState } from 'preact/hooks';
import type { Lead } from '@/utils/api/schemas';
import { t } from '@/utils/i18n';
import { LeadCard, leadName } from './LeadCard';
import { StageChip } from './StageChip';

/**
 * Several leads, one line each (name, phone or email, stage); a line opens into the full card.
 * The list is one Tab stop: arrow keys, Home and End move between lines; Enter or Space opens
 * and closes one.
 */
export function LeadRows({
  leads,
  label = t('results'),
  initiallyExpanded,
  now,
}: {
  leads: Lead[];
  label?: string;
  initiallyExpanded?: string;
  now?: number;
}) {
  const [expanded, setExpanded] = useState<string | undefined>(initiallyExpanded);
  /** The line that takes focus when Tab enters the list. */
  const [current, setCurrent] = useState<string | undefined>(initiallyExpanded);
  const tabStop = leads.some((lead) => lead.id === current) ? current : leads[0]?.id;
  const list = useRef<HTMLUListElement>(null);

  function onKeyDown(event: KeyboardEvent) {
    const buttons = [...(list.current?.querySelectorAll<HTMLButtonElement>('.lead-row__summary') ?? [])];
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (index < 0) return;
    const next =
      event.key === 'ArrowDown' ? index + 1
      : event.key === 'ArrowUp' ? index - 1
      : event.key === 'Home' ? 0
      : event.key === 'End' ? buttons.length - 1
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
              class="lead-row__summary"
              aria-expanded={open}
              aria-controls={detailId}
              tabIndex={lead.id === tabStop ? 0 : -1}
              onFocus={() => setCurrent(lead.id)}
              onClick={() => setExpanded(open ? undefined : lead.id)}
            >
              <span class="lead-row__name">{leadName(lead)}</span>
              <span class="lead-row__contact">
                {[lead.contact_phone, lead.contact_email].filter(Boolean).join(' · ') || t('noPhoneOrEmail')}
              </span>
              <span class="lead-row__stage">
                <StageChip stage={lead.current_stage} />
              </span>
            </button>
            {open && (
              <div class="lead-row__detail" id={detailId}>
                <LeadCard lead={lead} headingLevel={3} now={now} />
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/**
 * The page's rows in their groups (known, unknown, not checked yet, hidden by "Not this person"),
 * each group headed with its count. A known row is a button that opens the full card; an unknown
 * row is a checkbox that ticks it for "Add to MEGA". The arrow keys (or j and k) move between rows.
 */
import { formatNumber } from '@/utils/format';
import { t, type MessageKey } from '@/utils/i18n';
import { matchKind } from '@/utils/match-kind';
import { nextActionHints } from '@/utils/next-action';
import { Isolated } from '@/components/Isolated';
import { leadName } from '@/components/LeadCard';
import { MatchTag } from '@/components/MatchTag';
import { StageChip } from '@/components/StageChip';
import { typingInto } from '@/components/card-keys';
import type { CardDisplay } from '@/utils/protocol';
import { GROUPS, groupOf, leadOf, type PanelRow, type RowGroup } from './rows';

const GROUP_NAMES: Record<RowGroup, MessageKey> = {
  known: 'panelGroupKnown',
  unknown: 'panelGroupUnknown',
  unchecked: 'panelGroupUnchecked',
  hidden: 'panelGroupHidden',
};

/** Where a key is text being typed; a row's checkbox takes the panel's keys (Space ticks it). */
export function typingText(target: EventTarget | null): boolean {
  return typingInto(target) && (target as HTMLInputElement).type !== 'checkbox';
}

/** Moves focus to the next or previous row of the panel, from the focused one. */
export function moveBetweenRows(list: HTMLElement, from: EventTarget | null, step: 1 | -1): void {
  const rows = [...list.querySelectorAll<HTMLElement>('[data-row]')];
  const at = rows.findIndex((row) => row === from || row.contains(from as Node));
  rows[at === -1 ? 0 : Math.min(rows.length - 1, Math.max(0, at + step))]?.focus();
}

function KnownRow({ row, display, onOpen }: { row: PanelRow; display: CardDisplay; onOpen: () => void }) {
  const lead = leadOf(row);
  if (!lead) return null;
  const [hint] = nextActionHints(lead, Date.now(), display.me);
  return (
    <button type="button" class="panel-row panel-row--known" data-row onClick={onOpen}>
      <span class="panel-row__line">
        <strong class="panel-row__name">
          <Isolated text={leadName(lead)} />
        </strong>
        <StageChip stage={lead.current_stage} />
      </span>
      <span class="panel-row__line muted">
        <Isolated text={row.contact.display} contact />
        {' · '}
        {lead.owner?.name ? <Isolated text={lead.owner.name} /> : t('unassigned')}
      </span>
      <span class="panel-row__line">
        <MatchTag kind={matchKind(row.contact, lead)} />
        {hint && <span class="panel-row__hint">{hint.text}</span>}
      </span>
    </button>
  );
}

function UnknownRow({ row, ticked, onTick }: { row: PanelRow; ticked: boolean; onTick: (on: boolean) => void }) {
  return (
    <label class="panel-row panel-row--unknown">
      <input
        type="checkbox"
        data-row
        checked={ticked}
        aria-label={t('panelTick', row.contact.display)}
        onChange={(event) => onTick(event.currentTarget.checked)}
      />
      <span class="panel-row__text">
        <span class="panel-row__value">
          <Isolated text={row.contact.display} contact />
        </span>
        {row.context && (
          <span class="panel-row__context muted">
            <Isolated text={row.context} />
          </span>
        )}
      </span>
    </label>
  );
}

function HiddenRow({ row }: { row: PanelRow }) {
  return (
    <div class="panel-row panel-row--hidden" data-row tabIndex={-1}>
      <Isolated text={row.contact.display} contact />
      <span class="muted"> · {t('panelHiddenRow')}</span>
    </div>
  );
}

export interface RowListProps {
  rows: readonly PanelRow[];
  display: CardDisplay;
  ticked: ReadonlySet<string>;
  /** Ticks (or unticks) these rows: one, or a whole group. */
  onTick: (keys: readonly string[], on: boolean) => void;
  onOpen: (key: string) => void;
}

/**
 * A group with more rows than this is a long list: most of its rows are off screen, and the
 * browser lays out and paints only those near it (panel.css).
 */
const LONG_LIST = 40;

/** The groups whose rows have a checkbox. */
const TICKABLE: ReadonlySet<RowGroup> = new Set(['unknown', 'unchecked']);

/** "Tick all" for a group's rows, "Untick all" once every one of them is ticked. */
function TickAll({
  keys,
  ticked,
  onTick,
  heading,
}: {
  keys: readonly string[];
  ticked: ReadonlySet<string>;
  onTick: RowListProps['onTick'];
  heading: string;
}) {
  const all = keys.every((key) => ticked.has(key));
  return (
    <button type="button" class="button button--small" aria-describedby={heading} onClick={() => onTick(keys, !all)}>
      {t(all ? 'panelUntickAll' : 'panelTickAll')}
    </button>
  );
}

export function RowList({ rows, display, ticked, onTick, onOpen }: RowListProps) {
  const onKeyDown = (event: KeyboardEvent) => {
    if (typingText(event.target) || event.altKey || event.ctrlKey || event.metaKey) return;
    const step =
      event.key === 'ArrowDown' || event.key === 'j' ? 1 : event.key === 'ArrowUp' || event.key === 'k' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    moveBetweenRows(event.currentTarget as HTMLElement, event.target, step);
  };
  return (
    <div class="panel-groups" onKeyDown={onKeyDown}>
      {GROUPS.map((group) => {
        const inGroup = rows.filter((row) => groupOf(row) === group);
        if (inGroup.length === 0) return null;
        const heading = `panel-group-${group}`;
        return (
          <section key={group} class="panel-group" aria-labelledby={heading}>
            <div class="panel-group__head">
              <h2 id={heading} class="panel-group__title">
                {t(GROUP_NAMES[group])} <span class="panel-group__count">{formatNumber(inGroup.length)}</span>
              </h2>
              {TICKABLE.has(group) && (
                <TickAll keys={inGroup.map((row) => row.key)} ticked={ticked} onTick={onTick} heading={heading} />
              )}
            </div>
            <ul
              class={inGroup.length > LONG_LIST ? 'panel-group__rows panel-group__rows--long' : 'panel-group__rows'}
              aria-labelledby={heading}
            >
              {inGroup.map((row) => (
                <li key={row.key}>
                  {group === 'known' ? (
                    <KnownRow row={row} display={display} onOpen={() => onOpen(row.key)} />
                  ) : group === 'hidden' ? (
                    <HiddenRow row={row} />
                  ) : (
                    <UnknownRow row={row} ticked={ticked.has(row.key)} onTick={(on) => onTick([row.key], on)} />
                  )}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}

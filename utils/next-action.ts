/**
 * Short hints about what a lead needs next, read from the lead alone: "No contact for 9 days",
 * "Qualified · no owner", "High score, still in New Inquiry", and "Owned by Alex Kim (Closer)"
 * when the user has said who they are in MEGA and the lead is someone else's.
 *
 * The rules, and why:
 * - Contact: "Never contacted" when the lead has no last interaction and an interaction count of 0
 *   or none at all (the card already reads a missing last interaction as "Never"); a count above 0
 *   without a date contradicts itself and gives no hint. "No contact for …" once a full week
 *   (STALE_AFTER_DAYS) has passed since the last interaction: sooner is normal follow-up time.
 *   The time is counted in whole units, never rounded up: days below two weeks, then weeks below
 *   two months, months below a year, then years.
 * - "Qualified · no owner": qualified is true and there is no owner with an id (MEGA may send an
 *   owner with only some of its fields).
 * - "High score, still in <stage>": a score of HIGH_SCORE or more in the pipeline's first stage
 *   for STUCK_AFTER_DAYS or longer. The API has no stage list and the stages seen carry no order,
 *   so the first stage is known by its name: a slug such as `new`, `new_inquiry`, `new_lead`,
 *   `inquiry` or anything starting `new_`, or a name whose first word is "New". The API has no
 *   stage entry time either: the lead's age (`created_at`) stands in, since a lead in the first
 *   stage has nearly always been there since it came in; `updated_at` would be reset by any edit,
 *   such as a new interaction, and hide the hint on the very leads being worked without progress.
 * - "Owned by …": only when the user's id can be compared with the owner's id, or, failing that,
 *   their names (case-insensitive); the role is added in parentheses when MEGA sends one.
 *
 * Hints come in a fixed order, most important first: whose lead it is, then what the pipeline
 * is missing, then contact.
 */
import { elapsedBetween } from './elapsed';
import { humanize, numberFormat } from './format';
import { messagesLocale, t } from './i18n';

/** `caution`: worth a second look before acting. `info`: context for the next step. */
export type HintSeverity = 'info' | 'caution';

export type HintKind =
  'ownedBySomeoneElse' | 'qualifiedWithoutOwner' | 'highScoreStillNew' | 'neverContacted' | 'noContactFor';

export interface NextActionHint {
  kind: HintKind;
  severity: HintSeverity;
  text: string;
}

/** Who the user is in MEGA, as far as they have said: their user id, their name, or both. */
export interface MegaIdentity {
  id?: string | null | undefined;
  name?: string | null | undefined;
}

/** The lead fields the rules read. Inner fields are optional: MEGA may send a partial stage or owner. */
export interface HintableLead {
  /** Required by the API, but a lead read without it still shows (see `utils/api/schemas.ts`). */
  created_at?: string;
  score?: number | null;
  qualified?: boolean | null;
  current_stage?: { slug?: string | null; name?: string | null } | null;
  owner?: { id?: string | null; name?: string | null; role_name?: string | null } | null;
  last_interaction_at?: string | null;
  interaction_count?: number | null;
}

export const STALE_AFTER_DAYS = 7;
export const HIGH_SCORE = 80;
export const STUCK_AFTER_DAYS = 2;

const DAY = 24 * 3600 * 1000;

const FIRST_STAGE_SLUGS = new Set(['new', 'new_inquiry', 'new_lead', 'new_leads', 'inquiry', 'inquiries', 'incoming']);

/** Whether a stage is the pipeline's first, judged by its name alone (see the rules above). */
export function isFirstStage(stage: HintableLead['current_stage']): boolean {
  if (!stage) return false;
  const slug = (stage.slug ?? '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  if (FIRST_STAGE_SLUGS.has(slug) || slug.startsWith('new_')) return true;
  return /^new\b/i.test((stage.name ?? '').trim());
}

const sameText = (a: string, b: string) => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

/** True or false when the owner can be told apart from the user; undefined when it cannot. */
function ownedByMe(owner: NonNullable<HintableLead['owner']>, me: MegaIdentity): boolean | undefined {
  if (me.id && owner.id) return me.id === owner.id;
  if (me.name?.trim() && owner.name?.trim()) return sameText(me.name, owner.name);
  return undefined;
}

/** "9 days", "3 weeks", "5 months", "1 year": whole units, in the messages' language. */
function noContactDuration(since: number, now: number): string {
  const elapsed = elapsedBetween(since, now);
  const [count, unit]: [number, 'day' | 'week' | 'month' | 'year'] =
    elapsed.days < 14
      ? [elapsed.days, 'day']
      : elapsed.months < 2
        ? [elapsed.weeks, 'week']
        : elapsed.years < 1
          ? [elapsed.months, 'month']
          : [elapsed.years, 'year'];
  return numberFormat(messagesLocale(), { style: 'unit', unit, unitDisplay: 'long' }).format(count);
}

function ownerHint(lead: HintableLead, me: MegaIdentity | null | undefined): NextActionHint | null {
  const owner = lead.owner;
  if (!me || !owner?.id || ownedByMe(owner, me) !== false) return null;
  const name = owner.name?.trim();
  const role = owner.role_name?.trim();
  const text = !name
    ? t('hintOwnedBySomeoneElse')
    : role
      ? t('hintOwnedByWithRole', name, role)
      : t('hintOwnedBy', name);
  return { kind: 'ownedBySomeoneElse', severity: 'caution', text };
}

function contactHint(lead: HintableLead, now: number): NextActionHint | null {
  if (!lead.last_interaction_at) {
    return (lead.interaction_count ?? 0) === 0
      ? { kind: 'neverContacted', severity: 'info', text: t('hintNeverContacted') }
      : null;
  }
  const last = Date.parse(lead.last_interaction_at);
  if (Number.isNaN(last) || now - last < STALE_AFTER_DAYS * DAY) return null;
  return { kind: 'noContactFor', severity: 'info', text: t('hintNoContactFor', noContactDuration(last, now)) };
}

function stuckHint(lead: HintableLead, now: number): NextActionHint | null {
  const stage = lead.current_stage;
  if (lead.score == null || lead.score < HIGH_SCORE || !stage || !isFirstStage(stage)) return null;
  const created = lead.created_at ? Date.parse(lead.created_at) : Number.NaN;
  if (Number.isNaN(created) || now - created < STUCK_AFTER_DAYS * DAY) return null;
  const stageName = stage.name?.trim() || humanize(stage.slug?.trim() ?? '');
  return { kind: 'highScoreStillNew', severity: 'caution', text: t('hintHighScoreStillIn', stageName) };
}

/** The hints for one lead at `now`, most important first; `me` is who the user is in MEGA, if known. */
export function nextActionHints(lead: HintableLead, now: number, me?: MegaIdentity | null): NextActionHint[] {
  const hints = [
    ownerHint(lead, me),
    lead.qualified === true && !lead.owner?.id
      ? ({ kind: 'qualifiedWithoutOwner', severity: 'caution', text: t('hintQualifiedNoOwner') } as const)
      : null,
    stuckHint(lead, now),
    contactHint(lead, now),
  ];
  return hints.filter((hint): hint is NextActionHint => hint !== null);
}

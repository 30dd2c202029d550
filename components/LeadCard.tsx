import type { ComponentChildren } from 'preact';
import type { Lead } from '@/utils/api/schemas';
import type { Contact } from '@/utils/contact';
import { shownCustomFields, type CustomFieldLabels } from '@/utils/custom-fields';
import { exactDate, formatNumber, platformName, relativeTime, sourceTypeLabel } from '@/utils/format';
import { plural, t } from '@/utils/i18n';
import { leadUrl } from '@/utils/lead-url';
import { matchKind } from '@/utils/match-kind';
import { plainText } from '@/utils/shown-text';
import { nextActionHints, type MegaIdentity } from '@/utils/next-action';
import { useGated } from './ActionGate';
import { keyFor, type CardAction } from './card-keys';
import { CopyButton } from './CopyButton';
import { Isolated, IsolatedList } from './Isolated';
import { LeadHints } from './LeadHints';
import { MatchTag } from './MatchTag';
import { StageChip, StatusPill } from './StageChip';

/** The display name of a lead, or a stand-in that says it has none. */
export function leadName(lead: Lead): string {
  return lead.contact_name?.trim() || lead.contact_email || lead.contact_phone || t('unnamedLead');
}

interface CopyLabels {
  copy: string;
  copied: string;
  action: CardAction;
}

function Fact({
  label,
  children,
  copy,
  copyLabels,
}: {
  label: string;
  children: ComponentChildren;
  copy?: string | undefined;
  copyLabels?: CopyLabels;
}) {
  return (
    <>
      <dt>{label}</dt>
      <dd class={copy ? 'lead-card__value lead-card__value--copyable' : 'lead-card__value'}>
        <span>{children}</span>
        {copy && copyLabels && (
          <CopyButton
            value={copy}
            copyLabel={copyLabels.copy}
            copiedLabel={copyLabels.copied}
            action={copyLabels.action}
          />
        )}
      </dd>
    </>
  );
}

export interface LeadCardProps {
  lead: Lead;
  headingLevel?: 2 | 3;
  /** The clock, for "3 days ago" and the hints; the time of rendering when not given. */
  now?: number;
  /** The phone number or email the user selected, when the card answers a lookup: shows why it matched. */
  contact?: Contact | null;
  /** Names and types for custom field slugs, from the settings or the administrator's policy. */
  customFieldLabels?: CustomFieldLabels;
  /** Who the user is in MEGA, when they have said: a lead someone else owns gets a caution. */
  me?: MegaIdentity | null;
  /** The address template of a lead in MEGA (`utils/lead-url.ts`): with it, "Open in MEGA". */
  leadUrlTemplate?: string;
  /** "Not this person": the selected value does not belong to this lead. */
  onNotThisPerson?: () => void;
}

/**
 * Everything a salesperson wants to know about one lead, compact enough for a 360 px card. Each
 * field is drawn in its own bidi isolate; the buttons and links that act go through the action
 * gate (components/ActionGate.ts), which in the card opens only once it is seen, and in the popup is always open.
 */
export function LeadCard({
  lead,
  headingLevel = 2,
  now,
  contact,
  customFieldLabels,
  me,
  leadUrlTemplate,
  onNotThisPerson,
}: LeadCardProps) {
  const inMega = leadUrl(leadUrlTemplate, lead.id);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const customFields = shownCustomFields(lead.custom_fields, customFieldLabels);
  const hints = nextActionHints(lead, now ?? Date.now(), me);
  const named = Boolean(lead.contact_name?.trim());
  const gated = useGated();
  return (
    <article class="lead-card" aria-label={plainText(leadName(lead))}>
      <header class="lead-card__head">
        <Heading class={named ? 'lead-card__name' : 'lead-card__name lead-card__name--unknown'}>
          {named ? <Isolated text={lead.contact_name ?? ''} /> : t('noNameOnFile')}
        </Heading>
        <div class="lead-card__tags">
          {lead.status && <StatusPill status={lead.status} />}
          <StageChip stage={lead.current_stage} />
          {contact && <MatchTag kind={matchKind(contact, lead)} />}
        </div>
      </header>
      <LeadHints hints={hints} />
      <dl class="lead-card__facts">
        <Fact
          label={t('phone')}
          copy={lead.contact_phone ?? undefined}
          copyLabels={{ copy: t('copyPhone'), copied: t('phoneCopied'), action: 'copyPhone' }}
        >
          {lead.contact_phone ? <Isolated text={lead.contact_phone} contact /> : <span class="muted">—</span>}
        </Fact>
        <Fact
          label={t('email')}
          copy={lead.contact_email ?? undefined}
          copyLabels={{ copy: t('copyEmail'), copied: t('emailCopied'), action: 'copyEmail' }}
        >
          {lead.contact_email ? <Isolated text={lead.contact_email} contact /> : <span class="muted">—</span>}
        </Fact>
        <Fact label={t('owner')}>
          {lead.owner ? (
            <>
              {lead.owner.name?.trim() ? (
                <Isolated text={lead.owner.name.trim()} />
              ) : (
                <span class="muted">{t('unnamedOwner')}</span>
              )}
              {lead.owner.role_name && (
                <span class="muted">
                  {' · '}
                  <Isolated text={lead.owner.role_name} />
                </span>
              )}
            </>
          ) : (
            <span class="muted">{t('unassigned')}</span>
          )}
        </Fact>
        <Fact label={t('score')}>
          {lead.score ?? <span class="muted">—</span>}
          {lead.qualified != null && (
            <span class="muted"> · {lead.qualified ? t('qualified') : t('notQualified')}</span>
          )}
        </Fact>
        <Fact label={t('lastContact')}>
          {lead.last_interaction_at ? (
            <time dateTime={lead.last_interaction_at} title={exactDate(lead.last_interaction_at)}>
              {relativeTime(lead.last_interaction_at, now)}
            </time>
          ) : (
            <span class="muted">{t('never')}</span>
          )}
          {lead.interaction_count != null && (
            <span class="muted">
              {' '}
              ·{' '}
              {plural(
                lead.interaction_count,
                'interactionsOne',
                'interactionsOther',
                formatNumber(lead.interaction_count),
              )}
            </span>
          )}
        </Fact>
        <Fact label={t('source')}>
          {lead.source_type || lead.source_platform ? (
            <IsolatedList
              texts={[
                lead.source_type && sourceTypeLabel(lead.source_type),
                lead.source_platform && platformName(lead.source_platform),
              ]}
            />
          ) : (
            <span class="muted">—</span>
          )}
        </Fact>
      </dl>
      {customFields.length > 0 && (
        <details class="lead-card__custom">
          <summary>{t('customFields', formatNumber(customFields.length))}</summary>
          <dl class="lead-card__facts">
            {customFields.map((field) => (
              <Fact key={field.slug} label={field.label}>
                {field.href ? (
                  <a href={field.href} target="_blank" rel="noopener noreferrer" {...gated()}>
                    <Isolated text={field.text} />
                  </a>
                ) : (
                  <Isolated text={field.text} />
                )}
              </Fact>
            ))}
          </dl>
        </details>
      )}
      {(inMega || onNotThisPerson) && (
        <div class="lead-card__actions">
          {inMega && (
            <a
              class="button button--small"
              href={inMega}
              target="_blank"
              rel="noopener noreferrer"
              {...gated()}
              {...keyFor('openInMega')}
            >
              {t('openInMega')}
            </a>
          )}
          {onNotThisPerson && (
            <button
              type="button"
              class="button button--small button--quiet"
              {...gated(onNotThisPerson)}
              {...keyFor('notThisPerson')}
            >
              {t('notThisPerson')}
            </button>
          )}
        </div>
      )}
    </article>
  );
}

import type { ComponentChildren } from 'preact';
import type { Lead } from '@/utils/api/schemas';
import {
  exactDate,
  formatCustomValue,
  formatNumber,
  humanize,
  platformName,
  relativeTime,
  sourceTypeLabel,
} from '@/utils/format';
import { plural, t } from '@/utils/i18n';
import { CopyButton } from './CopyButton';
import { StageChip, StatusPill } from './StageChip';

/** The display name of a lead, or a stand-in that says it has none. */
export function leadName(lead: Lead): string {
  return lead.contact_name?.trim() || lead.contact_email || lead.contact_phone || t('unnamedLead');
}

interface CopyLabels {
  copy: string;
  copied: string;
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
        {copy && copyLabels && <CopyButton value={copy} copyLabel={copyLabels.copy} copiedLabel={copyLabels.copied} />}
      </dd>
    </>
  );
}

/** Everything a salesperson wants to know about one lead, compact enough for a 360 px card. */
export function LeadCard({ lead, headingLevel = 2, now }: { lead: Lead; headingLevel?: 2 | 3; now?: number }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const customFields = Object.entries(lead.custom_fields ?? {});
  const named = Boolean(lead.contact_name?.trim());
  return (
    <article class="lead-card" aria-label={leadName(lead)}>
      <header class="lead-card__head">
        <Heading class={named ? 'lead-card__name' : 'lead-card__name lead-card__name--unknown'}>
          {named ? lead.contact_name : t('noNameOnFile')}
        </Heading>
        <div class="lead-card__tags">
          <StatusPill status={lead.status} />
          <StageChip stage={lead.current_stage} />
        </div>
      </header>
      <dl class="lead-card__facts">
        <Fact
          label={t('phone')}
          copy={lead.contact_phone ?? undefined}
          copyLabels={{ copy: t('copyPhone'), copied: t('phoneCopied') }}
        >
          {lead.contact_phone ?? <span class="muted">—</span>}
        </Fact>
        <Fact
          label={t('email')}
          copy={lead.contact_email ?? undefined}
          copyLabels={{ copy: t('copyEmail'), copied: t('emailCopied') }}
        >
          {lead.contact_email ?? <span class="muted">—</span>}
        </Fact>
        <Fact label={t('owner')}>
          {lead.owner ? (
            <>
              {lead.owner.name}
              {lead.owner.role_name && <span class="muted"> · {lead.owner.role_name}</span>}
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
              · {plural(lead.interaction_count, 'interactionsOne', 'interactionsOther', formatNumber(lead.interaction_count))}
            </span>
          )}
        </Fact>
        <Fact label={t('source')}>
          {sourceTypeLabel(lead.source_type)} · {platformName(lead.source_platform)}
        </Fact>
      </dl>
      {customFields.length > 0 && (
        <details class="lead-card__custom">
          <summary>{t('customFields', formatNumber(customFields.length))}</summary>
          <dl class="lead-card__facts">
            {customFields.map(([slug, value]) => (
              <Fact key={slug} label={humanize(slug)}>
                {formatCustomValue(value)}
              </Fact>
            ))}
          </dl>
        </details>
      )}
    </article>
  );
}

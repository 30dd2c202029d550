import type { Stage } from '@/utils/api/schemas';
import { chipColors } from '@/utils/color';
import { humanize, knownStatusLabel } from '@/utils/format';
import { t } from '@/utils/i18n';

/** The pipeline stage in its own colour, with text that stays readable on it. */
export function StageChip({ stage }: { stage: Stage | null | undefined }) {
  if (!stage) return <span class="chip muted">{t('noStage')}</span>;
  // The API may send a stage with any subset of its properties: fall back to its slug.
  const name = stage.name?.trim() || (stage.slug ? humanize(stage.slug) : t('unnamedStage'));
  const colors = chipColors(stage.color);
  return (
    <span
      class="chip"
      title={t('stageTitle', name)}
      style={colors ? { background: colors.background, color: colors.text, borderColor: 'transparent' } : undefined}
    >
      {name}
    </span>
  );
}

export function StatusPill({ status }: { status: string }) {
  return (
    <span class={`pill pill--${status.replace(/[^a-z0-9_-]/gi, '')}`} title={t('status')}>
      {knownStatusLabel(status) ?? status.charAt(0).toUpperCase() + status.slice(1).replace(/_/g, ' ')}
    </span>
  );
}

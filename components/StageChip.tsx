import type { Stage } from '@/utils/api/schemas';
import { chipColors } from '@/utils/color';

/** The pipeline stage in its own colour, with text that stays readable on it. */
export function StageChip({ stage }: { stage: Stage | null | undefined }) {
  if (!stage) return <span class="chip muted">No stage</span>;
  const colors = chipColors(stage.color);
  return (
    <span
      class="chip"
      title={`Pipeline stage: ${stage.name}`}
      style={colors ? { background: colors.background, color: colors.text, borderColor: 'transparent' } : undefined}
    >
      {stage.name}
    </span>
  );
}

export function StatusPill({ status }: { status: string }) {
  return (
    <span class={`pill pill--${status.replace(/[^a-z0-9_-]/gi, '')}`} title="Status">
      {status.charAt(0).toUpperCase() + status.slice(1).replace(/_/g, ' ')}
    </span>
  );
}

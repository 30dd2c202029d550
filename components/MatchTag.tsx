import { t } from '@/utils/i18n';
import type { MatchKind } from '@/utils/match-kind';

const MATCH_LABELS = {
  phone: 'matchedByPhone',
  email: 'matchedByEmail',
  name: 'matchedByName',
} as const;

/** "Matched by phone": why the lead is in the answer for the selection; a name match is weaker. */
export function MatchTag({ kind }: { kind: MatchKind }) {
  const weak = kind === 'name';
  return (
    <span class={weak ? 'match match--weak' : 'match'} title={weak ? t('matchedByNameTitle') : undefined}>
      {t(MATCH_LABELS[kind])}
    </span>
  );
}

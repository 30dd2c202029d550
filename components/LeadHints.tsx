import { t } from '@/utils/i18n';
import type { NextActionHint } from '@/utils/next-action';

function HintIcon({ severity }: { severity: NextActionHint['severity'] }) {
  return (
    <svg class="lead-hint__icon" width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
      {severity === 'caution' ? (
        <path
          d="M7 1.5 13 12.5H1z M7 5.5v3.2 M7 10.3v.2"
          fill="none"
          stroke="currentColor"
          stroke-width="1.5"
          stroke-linejoin="round"
          stroke-linecap="round"
        />
      ) : (
        <path
          d="M7 1.5a5.5 5.5 0 1 0 0 11 5.5 5.5 0 0 0 0-11z M7 6.3v3.7 M7 4v.2"
          fill="none"
          stroke="currentColor"
          stroke-width="1.5"
          stroke-linecap="round"
        />
      )}
    </svg>
  );
}

/** What the lead needs next, as text (the icon and colour only repeat what the words say). */
export function LeadHints({ hints }: { hints: NextActionHint[] }) {
  if (hints.length === 0) return null;
  return (
    <ul class="lead-hints" aria-label={t('hintsLabel')}>
      {hints.map((hint) => (
        <li key={hint.kind} class={`lead-hint lead-hint--${hint.severity}`}>
          <HintIcon severity={hint.severity} />
          <span>
            {hint.severity === 'caution' && <span class="visually-hidden">{`${t('hintCaution')} `}</span>}
            {hint.text}
          </span>
        </li>
      ))}
    </ul>
  );
}

import { useEffect, useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import { useActionGate } from './ActionGate';
import { keyFor, type CardAction } from './card-keys';

/** How long a first press waits for the second where a copy takes two (see ActionGate). */
const CONFIRM_MS = 4000;

/** Copies one value; says so to screen readers and shows a check for a moment. */
export function CopyButton({
  value,
  copyLabel,
  copiedLabel,
  action,
}: {
  value: string;
  /** What the button does, e.g. "Copy phone". */
  copyLabel: string;
  /** What it says once done, e.g. "Phone copied". */
  copiedLabel: string;
  /** The card's key for this copy. */
  action?: CardAction;
}) {
  const [copied, setCopied] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const gate = useActionGate();

  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 1500);
    return () => clearTimeout(timer);
  }, [copied]);

  useEffect(() => {
    if (!confirming) return;
    const timer = setTimeout(() => setConfirming(false), CONFIRM_MS);
    return () => clearTimeout(timer);
  }, [confirming]);

  async function copy() {
    if (!gate.ready) return;
    if (gate.confirmFirst && !confirming) {
      setConfirming(true);
      return;
    }
    setConfirming(false);
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      // Some frames are not granted the async clipboard; the older command still works there.
      const field = document.createElement('textarea');
      field.value = value;
      field.setAttribute('readonly', '');
      field.style.position = 'fixed';
      field.style.opacity = '0';
      document.body.append(field);
      field.select();
      document.execCommand('copy');
      field.remove();
    }
    setCopied(true);
  }

  return (
    <button
      type="button"
      class="icon-button"
      aria-label={copied ? copiedLabel : confirming ? t('copyPressAgain', copyLabel) : copyLabel}
      title={copied ? t('copied') : confirming ? t('copyPressAgain', copyLabel) : copyLabel}
      aria-disabled={gate.ready ? undefined : true}
      data-done={copied}
      data-confirming={confirming || undefined}
      {...(action && keyFor(action))}
      onClick={copy}
    >
      {copied ? (
        <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
          <path
            d="M3 8.5l3 3 7-7"
            fill="none"
            stroke="currentColor"
            stroke-width="2"
            stroke-linecap="round"
            stroke-linejoin="round"
          />
        </svg>
      ) : (
        <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
          <rect x="5" y="5" width="8.5" height="8.5" rx="1.5" fill="none" stroke="currentColor" stroke-width="1.5" />
          <path
            d="M10.5 3.5V3A1.5 1.5 0 0 0 9 1.5H4A1.5 1.5 0 0 0 2.5 3v5A1.5 1.5 0 0 0 4 9.5h.5"
            fill="none"
            stroke="currentColor"
            stroke-width="1.5"
          />
        </svg>
      )}
    </button>
  );
}

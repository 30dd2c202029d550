import { useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import type { AccountChoice } from '@/utils/protocol';

interface AccountPickerProps {
  accounts: readonly AccountChoice[];
  activeAccountId: string | null;
  /** Switches accounts; resolves to false when the switch could not be stored. */
  onChoose: (accountId: string) => Promise<boolean>;
}

/**
 * The account searches and lookups use. With several, a picker named "Account"; with one, just
 * its name, quietly; with none, nothing (the results say how to connect).
 */
export function AccountPicker({ accounts, activeAccountId, onChoose }: AccountPickerProps) {
  /** What the user picked, until the background confirms it (or the switch fails). */
  const [picked, setPicked] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);

  if (accounts.length === 0) return null;
  if (accounts.length === 1) {
    const name = accounts[0]!.name.trim();
    return name ? (
      <span class="popup__account" title={name}>
        {name}
      </span>
    ) : null;
  }

  const choose = async (accountId: string) => {
    setPicked(accountId);
    setFailed(false);
    const stored = await onChoose(accountId);
    setPicked(null);
    if (!stored) setFailed(true);
  };

  return (
    <span class="popup__account-picker">
      <label for="account-picker" class="visually-hidden">
        {t('account')}
      </label>
      <select
        id="account-picker"
        class="popup__account-select"
        value={picked ?? activeAccountId ?? ''}
        aria-busy={picked !== null}
        aria-describedby={failed ? 'account-picker-error' : undefined}
        onChange={(event) => void choose(event.currentTarget.value)}
      >
        {accounts.map((account) => (
          <option key={account.id} value={account.id}>
            {account.name}
          </option>
        ))}
      </select>
      {failed ? (
        <span id="account-picker-error" class="popup__account-error" role="alert">
          {t('accountNotSwitched')}
        </span>
      ) : null}
    </span>
  );
}

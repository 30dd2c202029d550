/**
 * The accounts Lead Lens knows: each one's name, customer id and server, whether a token is saved
 * (its last four characters only), which one lookups use, and which the administrator set up. A
 * deployed account without a deployed token offers to take the user's own.
 */
import type { ComponentChildren } from 'preact';
import { t } from '@/utils/i18n';
import type { Account } from '@/utils/storage';
import { LockIcon } from './fields';
import type { DeployedToken } from './options-store';

interface AccountListProps {
  accounts: readonly Account[];
  activeAccountId: string | null;
  tokenHints: Readonly<Record<string, string | null>>;
  /** False while the form is open or something is being saved: the list is then only read. */
  actionsShown: boolean;
  onEdit: (account: Account) => void;
  /** Where a deployed account's token comes from (null for the user's own accounts). */
  deployedTokenOf: (account: Account) => DeployedToken | null;
  /** Opens the user's own token of a deployed account. */
  onEditToken: (account: Account) => void;
  onMakeActive: (account: Account) => void;
  /** What else the entry shows under the account (its on-device copy), read with its name. */
  more?: (account: Account, nameId: string) => ComponentChildren;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** Why an account has no token, and what to do about it. */
function missingToken(account: Account, deployed: DeployedToken | null): string {
  if (deployed === 'own-elsewhere') return t('tokenOwnElsewhere');
  if (account.managed) return t('tokenMissingManaged');
  return account.tokenMemory === 'session' ? t('tokenMissingSession') : t('tokenMissing');
}

/** Whether the user may enter their own token for a deployed account: the policy deploys none. */
function takesOwnToken(deployed: DeployedToken | null): boolean {
  return deployed === 'own' || deployed === 'own-elsewhere' || deployed === 'none';
}

export function AccountList({
  accounts,
  activeAccountId,
  tokenHints,
  actionsShown,
  onEdit,
  deployedTokenOf,
  onEditToken,
  onMakeActive,
  more,
}: AccountListProps) {
  return (
    <ul class="account-list" aria-labelledby="accounts-heading">
      {accounts.map((account) => {
        const active = account.id === activeAccountId;
        const hint = tokenHints[account.id] ?? null;
        const nameId = `account-${account.id}-name`;
        const deployed = deployedTokenOf(account);
        return (
          <li key={account.id} class={active ? 'account account-active' : 'account'} data-account-id={account.id}>
            <div class="account-main">
              <div class="account-title">
                <h3 id={nameId} class="account-name">
                  {account.name}
                </h3>
                {active ? <span class="badge badge-active">{t('accountActive')}</span> : null}
                {account.managed ? (
                  <span class="badge badge-managed">
                    <LockIcon />
                    {t('setByAdministrator')}
                  </span>
                ) : null}
              </div>
              <p class="account-details">
                <span>
                  {t('customerId')} <code>{account.customerId}</code>
                </span>
                <span class="account-host" title={account.baseUrl}>
                  {t('apiAt', hostOf(account.baseUrl))}
                </span>
              </p>
              <p class={hint ? 'account-token' : 'account-token account-token-missing'}>
                {hint ?? missingToken(account, deployed)}
              </p>
              {deployed === 'deployed-over-own' ? <p class="account-token">{t('tokenDeployedWins')}</p> : null}
            </div>
            {actionsShown ? (
              <div class="account-actions">
                {!active ? (
                  <button
                    type="button"
                    class="button button-quiet"
                    aria-describedby={nameId}
                    onClick={() => onMakeActive(account)}
                  >
                    {t('makeActive')}
                  </button>
                ) : null}
                {!account.managed ? (
                  <button
                    type="button"
                    class="button button-quiet"
                    aria-describedby={nameId}
                    data-edit-account={account.id}
                    onClick={() => onEdit(account)}
                  >
                    {t('edit')}
                  </button>
                ) : takesOwnToken(deployed) ? (
                  <button
                    type="button"
                    class="button button-quiet"
                    aria-describedby={nameId}
                    data-edit-account={account.id}
                    onClick={() => onEditToken(account)}
                  >
                    {hint ? t('changeToken') : t('enterToken')}
                  </button>
                ) : null}
              </div>
            ) : null}
            {more?.(account, nameId)}
          </li>
        );
      })}
    </ul>
  );
}

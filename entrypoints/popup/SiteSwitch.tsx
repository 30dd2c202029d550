import { useEffect, useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import {
  findCurrentSite,
  readSiteLookups,
  watchSiteLookups,
  writeLookupsOnSite,
  type CurrentSite,
  type SiteLookups,
} from './site-toggle';
import { MarksSwitch, type MarksSwitchDeps } from './MarksSwitch';

/**
 * "Lookups on this site": turns selection lookups off (and on again) for the current tab's site,
 * with "Mark known leads on this site" under it while lookups are on there. What the administrator
 * set is said as on the options page; a locked list makes the switch read-only.
 * Where there is no web site (a browser page, a new tab) it says why instead of showing a switch.
 */
export function SiteSwitch({
  findSite = findCurrentSite,
  marks,
}: {
  findSite?: (() => Promise<CurrentSite>) | undefined;
  marks?: MarksSwitchDeps | undefined;
}) {
  const [site, setSite] = useState<CurrentSite | null>(null);
  const [lookups, setLookups] = useState<SiteLookups | null>(null);
  const [saveFailed, setSaveFailed] = useState(false);
  /** The switch shows the user's choice at once; it says it is busy until the choice is saved. */
  const [saving, setSaving] = useState(false);
  const host = site?.kind === 'site' ? site.host : null;

  useEffect(() => {
    let alive = true;
    void findSite().then(
      (found) => alive && setSite(found),
      () => alive && setSite({ kind: 'unknown' }),
    );
    return () => {
      alive = false;
    };
  }, [findSite]);

  useEffect(() => {
    if (!host) return;
    let alive = true;
    void readSiteLookups(host).then((read) => alive && setLookups(read));
    const stop = watchSiteLookups(host, (read) => alive && setLookups(read));
    return () => {
      alive = false;
      stop();
    };
  }, [host]);

  if (!site) return <div class="site-switch" aria-hidden="true" />;

  if (!host) {
    return <p class="site-switch__note">{site.kind === 'not-web' ? t('siteNotWeb') : t('siteUnknown')}</p>;
  }

  async function toggle(next: boolean) {
    if (!host || !lookups) return;
    const before = lookups;
    // The user's own choice now: no longer the administrator's suggestion.
    setLookups({ on: next, admin: null });
    setSaveFailed(false);
    setSaving(true);
    try {
      await writeLookupsOnSite(host, next);
    } catch {
      setLookups(before);
      setSaveFailed(true);
    } finally {
      setSaving(false);
    }
  }

  const lookupsOn = lookups?.on ?? null;
  const admin = lookups?.admin ?? null;

  return (
    <div class="site-switches">
      <div class="site-switch">
        <input
          id="site-lookups"
          class="switch"
          type="checkbox"
          role="switch"
          checked={lookupsOn ?? true}
          disabled={lookupsOn === null || admin === 'locked'}
          aria-busy={saving}
          aria-describedby={admin ? 'site-lookups-host site-lookups-admin' : 'site-lookups-host'}
          onChange={(event) => void toggle(event.currentTarget.checked)}
        />
        <span class="site-switch__text">
          <label for="site-lookups" class="site-switch__label">
            {t('lookupsOnThisSite')}
          </label>
          <span id="site-lookups-host" class="site-switch__host" title={host}>
            {saveFailed ? t('siteSaveFailed') : lookupsOn === false ? t('siteOffOn', host) : host}
          </span>
          {admin && (
            <span id="site-lookups-admin" class="site-switch__host site-switch__wrap">
              {admin === 'locked' ? t('setByAdministrator') : t('setByAdministratorChangeable')}
            </span>
          )}
        </span>
      </div>
      {lookupsOn && site.kind === 'site' && (
        <MarksSwitch host={host} secure={site.secure} tabId={site.tabId} {...marks} />
      )}
    </div>
  );
}

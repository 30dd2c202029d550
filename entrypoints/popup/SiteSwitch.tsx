import { useEffect, useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import {
  findCurrentSite,
  readLookupsOnSite,
  watchLookupsOnSite,
  writeLookupsOnSite,
  type CurrentSite,
} from './site-toggle';
import { MarksSwitch, type MarksSwitchDeps } from './MarksSwitch';

/**
 * "Lookups on this site": turns selection lookups off (and on again) for the current tab's site,
 * with "Mark known leads on this site" under it while lookups are on there.
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
  const [lookupsOn, setLookupsOn] = useState<boolean | null>(null);
  const [saveFailed, setSaveFailed] = useState(false);
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
    void readLookupsOnSite(host).then((on) => alive && setLookupsOn(on));
    const stop = watchLookupsOnSite(host, (on) => alive && setLookupsOn(on));
    return () => {
      alive = false;
      stop();
    };
  }, [host]);

  if (!site) return <div class="site-switch" aria-hidden="true" />;

  if (!host) {
    return (
      <p class="site-switch__note">
        {site.kind === 'not-web' ? t('siteNotWeb') : t('siteUnknown')}
      </p>
    );
  }

  async function toggle(next: boolean) {
    if (!host) return;
    setLookupsOn(next);
    setSaveFailed(false);
    try {
      await writeLookupsOnSite(host, next);
    } catch {
      setLookupsOn(!next);
      setSaveFailed(true);
    }
  }

  return (
    <div class="site-switches">
    <div class="site-switch">
      <input
        id="site-lookups"
        class="switch"
        type="checkbox"
        role="switch"
        checked={lookupsOn ?? true}
        disabled={lookupsOn === null}
        aria-describedby="site-lookups-host"
        onChange={(event) => void toggle(event.currentTarget.checked)}
      />
      <span class="site-switch__text">
        <label for="site-lookups" class="site-switch__label">
          {t('lookupsOnThisSite')}
        </label>
        <span id="site-lookups-host" class="site-switch__host" title={host}>
          {saveFailed ? t('siteSaveFailed') : lookupsOn === false ? t('siteOffOn', host) : host}
        </span>
      </span>
    </div>
    {lookupsOn && <MarksSwitch host={host} tabId={site.kind === 'site' ? site.tabId : undefined} {...marks} />}
    </div>
  );
}

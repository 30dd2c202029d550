import { useEffect, useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import { markSite, type MarksStop } from '@/utils/marks';
import { sendMessage } from '@/utils/messaging';
import { readMarksOnSite, turnMarksOff, turnMarksOn, watchMarksOnSite, type MarksChange } from './marks-toggle';

export interface MarksSwitchDeps {
  /** Whether the active account keeps a copy of its leads on this device (marks are read from it). */
  hasCopy?: () => Promise<boolean>;
  turnOn?: (host: string, tabId: number | undefined) => Promise<MarksChange>;
  turnOff?: (host: string, tabId: number | undefined) => Promise<MarksChange>;
  /** Why marks stopped on the page in the tab (it asked about too many values), or null. */
  stoppedIn?: (tabId: number) => Promise<MarksStop | null>;
}

const copyInBackground = async () => (await sendMessage('deviceCopyStatus')) !== null;
const stoppedInBackground = (tabId: number) => sendMessage('marksStopped', { tabId });

const STOPPED = { page: 'marksStoppedPage', day: 'marksStoppedDay', bulk: 'marksStoppedBulk' } as const;

/**
 * "Mark known leads on this site", under the lookups switch: for the site's https pages, or its
 * http pages when the page open is http (`secure` false). Marks are read from the copy of the
 * leads on this device, so without one the switch says how to get it. It says what marks tell the
 * site, and, where marks stopped on the open page (it asked about more values than a person
 * reads), that they did.
 */
export function MarksSwitch({
  host,
  secure,
  tabId,
  hasCopy = copyInBackground,
  turnOn = (h, id) => turnMarksOn(h, id),
  turnOff = (h, id) => turnMarksOff(h, id),
  stoppedIn = stoppedInBackground,
}: { host: string; secure: boolean; tabId: number | undefined } & MarksSwitchDeps) {
  const [on, setOn] = useState<boolean | null>(null);
  const [copy, setCopy] = useState<boolean | null>(null);
  const [problem, setProblem] = useState<MarksChange | null>(null);
  const [stopped, setStopped] = useState<MarksStop | null>(null);
  const site = markSite(host, secure);

  useEffect(() => {
    let alive = true;
    void readMarksOnSite(site).then((value) => alive && setOn(value));
    void hasCopy().then(
      (value) => alive && setCopy(value),
      () => alive && setCopy(false),
    );
    if (tabId !== undefined)
      void stoppedIn(tabId).then(
        (value) => alive && setStopped(value),
        () => undefined,
      );
    const stop = watchMarksOnSite(site, (value) => alive && setOn(value));
    return () => {
      alive = false;
      stop();
    };
  }, [site, tabId, hasCopy, stoppedIn]);

  if (on === null || copy === null) return null;
  if (!copy && !on) return <p class="site-switch__note marks-switch">{t('marksNeedCopy')}</p>;

  function toggle(next: boolean) {
    setProblem(null);
    setOn(next);
    // Not awaited before the call: the browser asks for access only during the user's input.
    const change = next ? turnOn(site, tabId) : turnOff(site, tabId);
    void change.then(
      (result) => {
        if (!result.ok) {
          setOn(!next);
          setProblem(result);
        }
      },
      () => {
        setOn(!next);
        setProblem({ ok: false, reason: 'failed' });
      },
    );
  }

  const note =
    problem && !problem.ok
      ? problem.reason === 'refused'
        ? t('marksAccessRefused')
        : t('siteSaveFailed')
      : t('marksTellTheSite');

  return (
    <div class="site-switch marks-switch">
      <input
        id="site-marks"
        class="switch"
        type="checkbox"
        role="switch"
        checked={on}
        aria-describedby={stopped && on ? 'site-marks-note site-marks-stopped' : 'site-marks-note'}
        onChange={(event) => toggle(event.currentTarget.checked)}
      />
      <span class="site-switch__text">
        <label for="site-marks" class="site-switch__label">
          {t('markKnownLeadsHere')}
        </label>
        {stopped && on && (
          <span id="site-marks-stopped" class="site-switch__host site-switch__wrap" role="status">
            {t(STOPPED[stopped])}
          </span>
        )}
        <span id="site-marks-note" class="site-switch__host site-switch__wrap" role={problem ? 'alert' : undefined}>
          {note}
        </span>
      </span>
    </div>
  );
}

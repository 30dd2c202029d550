import { useEffect, useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import { sendMessage } from '@/utils/messaging';
import { readMarksOnSite, turnMarksOff, turnMarksOn, watchMarksOnSite, type MarksChange } from './marks-toggle';

export interface MarksSwitchDeps {
  /** Whether the active account keeps a copy of its leads on this device (marks are read from it). */
  hasCopy?: () => Promise<boolean>;
  turnOn?: (host: string, tabId: number | undefined) => Promise<MarksChange>;
  turnOff?: (host: string, tabId: number | undefined) => Promise<MarksChange>;
}

const copyInBackground = async () => (await sendMessage('deviceCopyStatus')) !== null;

/**
 * "Mark known leads on this site", under the lookups switch. Marks are read from the copy of the
 * leads on this device, so without one the switch says how to get it. Where it is on, it says what
 * marks tell the site.
 */
export function MarksSwitch({
  host,
  tabId,
  hasCopy = copyInBackground,
  turnOn = (h, id) => turnMarksOn(h, id),
  turnOff = (h, id) => turnMarksOff(h, id),
}: { host: string; tabId: number | undefined } & MarksSwitchDeps) {
  const [on, setOn] = useState<boolean | null>(null);
  const [copy, setCopy] = useState<boolean | null>(null);
  const [problem, setProblem] = useState<MarksChange | null>(null);

  useEffect(() => {
    let alive = true;
    void readMarksOnSite(host).then((value) => alive && setOn(value));
    void hasCopy().then(
      (value) => alive && setCopy(value),
      () => alive && setCopy(false),
    );
    const stop = watchMarksOnSite(host, (value) => alive && setOn(value));
    return () => {
      alive = false;
      stop();
    };
  }, [host, hasCopy]);

  if (on === null || copy === null) return null;
  if (!copy && !on) return <p class="site-switch__note marks-switch">{t('marksNeedCopy')}</p>;

  function toggle(next: boolean) {
    setProblem(null);
    setOn(next);
    // Not awaited before the call: the browser asks for access only during the user's input.
    const change = next ? turnOn(host, tabId) : turnOff(host, tabId);
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
      : on
        ? t('marksTellTheSite')
        : null;

  return (
    <div class="site-switch marks-switch">
      <input
        id="site-marks"
        class="switch"
        type="checkbox"
        role="switch"
        checked={on}
        aria-describedby={note ? 'site-marks-note' : undefined}
        onChange={(event) => toggle(event.currentTarget.checked)}
      />
      <span class="site-switch__text">
        <label for="site-marks" class="site-switch__label">
          {t('markKnownLeadsHere')}
        </label>
        {note && (
          <span id="site-marks-note" class="site-switch__host site-switch__wrap" role={problem ? 'alert' : undefined}>
            {note}
          </span>
        )}
      </span>
    </div>
  );
}

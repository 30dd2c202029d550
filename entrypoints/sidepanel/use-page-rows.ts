/**
 * The panel's rows for the followed tab's page: the page's values (follow-tab.ts), who each is
 * from the copy on this device (`panelRows`, no request), and, without the copy, the check with
 * MEGA a few values at a time (`panelCheck`), with its progress and a Stop that lands between two
 * of those messages. More than `ASK_FIRST_OVER` values to check are checked only once the user
 * says so, having been told how many requests it takes.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ApiFailure } from '@/utils/api/errors';
import { sendMessage } from '@/utils/messaging';
import { watchSettings } from '@/utils/settings';
import { PANEL_CHECK_BATCH, type PanelAnswer, type PanelRows } from '@/utils/protocol';
import type { PageRead, TabFollower } from './follow-tab';
import { mergeRows, pageContactsOf, type PanelRow } from './rows';

/** Up to this many values are checked with MEGA at once; more wait for the user's go. */
export const ASK_FIRST_OVER = 10;

export type CheckState =
  | { state: 'idle' }
  /** `count` values need a request each; the user has not said to go. */
  | { state: 'ask'; count: number }
  | { state: 'checking'; done: number; total: number }
  | { state: 'stopped'; done: number; total: number; failure: ApiFailure | null };

export interface PageRows {
  read: PageRead;
  /** The background's answer for the page's values; null until it comes, or without an account. */
  answers: PanelRows | null;
  rows: PanelRow[];
  check: CheckState;
  /** A read finished and every row it could answer is answered (for the live region). */
  settled: boolean;
  startCheck(): void;
  stopCheck(): void;
  /** Leads were added: the page's values are asked about again (the copy has learned them). */
  answerAgain(): void;
  allowSite(origin: string): Promise<boolean>;
}

/** The rows of the page `follower` follows; it started before the panel was drawn (main.tsx). */
export function usePageRows(follower: TabFollower): PageRows {
  const [read, setRead] = useState<PageRead>(follower.read);
  const [answers, setAnswers] = useState<PanelRows | null>(null);
  const [learned, setLearned] = useState<ReadonlyMap<string, PanelAnswer>>(new Map());
  const [check, setCheck] = useState<CheckState>({ state: 'idle' });
  /** Bumped when leads were added: the same values are asked about again. */
  const [asked, setAsked] = useState(0);
  /** Bumped by each new page read and by Stop: a check of an earlier one stops. */
  const run = useRef(0);

  useEffect(() => {
    // What was read between the first draw and now, then each next read.
    setRead(follower.read());
    const stopHearing = follower.subscribe(setRead);
    // Another account, its copy or the region: the page's values are asked about again.
    const stopWatching = watchSettings(() => setAsked((count) => count + 1));
    return () => {
      stopHearing();
      stopWatching();
    };
  }, [follower]);

  const contacts = useMemo(() => (read.state === 'read' ? pageContactsOf(read.frames) : []), [read]);
  const tabId = read.state === 'none' ? null : read.tabId;

  // Another tab: nothing learned of the last one's values applies.
  useEffect(() => {
    run.current += 1;
    setLearned(new Map());
    setAnswers(null);
    setCheck({ state: 'idle' });
  }, [tabId]);

  useEffect(() => {
    if (read.state !== 'read') return;
    const mine = ++run.current;
    void sendMessage('panelRows', { values: contacts.map((contact) => contact.value) }).then(
      (reply) => mine === run.current && setAnswers(reply),
      () => mine === run.current && setAnswers(null),
    );
  }, [read, contacts, asked]);

  const rows = useMemo(
    () => (answers ? mergeRows(contacts, answers.values, learned) : []),
    [answers, contacts, learned],
  );
  const unchecked = useMemo(() => rows.filter((row) => row.answer.state === 'unchecked'), [rows]);

  const checkRows = useCallback(async (toCheck: PanelRow[]) => {
    const mine = ++run.current;
    const total = toCheck.length;
    let done = 0;
    setCheck({ state: 'checking', done, total });
    while (done < total) {
      const batch = toCheck.slice(done, done + PANEL_CHECK_BATCH);
      const reply = await sendMessage('panelCheck', { values: batch.map((row) => row.written) }).catch(() => null);
      if (mine !== run.current) return;
      const found = new Map(reply?.values.map((value) => [value.contact.value, value.answer]) ?? []);
      done += reply?.values.length ?? 0;
      setLearned((before) => new Map([...before, ...found]));
      if (!reply || reply.stopped || reply.values.length === 0) {
        setCheck({ state: 'stopped', done, total, failure: reply?.stopped ?? null });
        return;
      }
      setCheck({ state: 'checking', done, total });
    }
    setCheck({ state: 'idle' });
  }, []);

  // Without the copy: a few values are checked at once; more wait for the user's go.
  useEffect(() => {
    if (!answers || answers.fromCopy || check.state !== 'idle' || unchecked.length === 0) return;
    if (unchecked.length > ASK_FIRST_OVER) setCheck({ state: 'ask', count: unchecked.length });
    else void checkRows(unchecked);
  }, [answers, unchecked, check.state, checkRows]);

  return {
    read,
    answers,
    rows,
    check,
    settled: read.state === 'read' && answers !== null && check.state !== 'checking',
    startCheck: () => void checkRows(unchecked),
    stopCheck: () => {
      run.current += 1;
      setCheck((now) =>
        now.state === 'checking' ? { state: 'stopped', done: now.done, total: now.total, failure: null } : now,
      );
    },
    answerAgain: () => setAsked((count) => count + 1),
    allowSite: (origin) => follower.allowSite(origin),
  };
}

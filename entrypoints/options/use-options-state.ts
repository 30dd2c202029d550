import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { loadOptionsState, watchOptionsState, type OptionsState } from './options-store';

/**
 * How long the page's first read waits for the administrator's policy before it shows the
 * settings without it (a new Chromium profile takes seconds to read managed storage once): not at
 * all. The page says it is still reading the policy, and shows it, locks and all, once read.
 */
const FIRST_POLICY_WAIT_MS = 0;

/**
 * The page's first read, started before anything renders (main.tsx): it then overlaps the first
 * render instead of following it.
 */
export function firstOptionsRead(locale: string): Promise<OptionsState> {
  return loadOptionsState(locale, FIRST_POLICY_WAIT_MS);
}

export type LoadedOptions = { phase: 'loading' } | { phase: 'failed' } | { phase: 'ready'; state: OptionsState };

/**
 * The settings in effect and the saved tokens' hints, kept current: whatever changes them
 * elsewhere (the popup, another options tab, the administrator) shows here too. `reload` reads
 * them again now, e.g. right after this page saved something, and gives what it read.
 */
export function useOptionsState(
  locale: string,
  firstRead?: Promise<OptionsState>,
): { loaded: LoadedOptions; reload: () => Promise<OptionsState | null> } {
  const [loaded, setLoaded] = useState<LoadedOptions>({ phase: 'loading' });
  const alive = useRef(true);
  /** Reads that finish out of order must not show an older state over a newer one. */
  const reads = useRef(0);

  const reload = useCallback(
    async (started?: Promise<OptionsState>): Promise<OptionsState | null> => {
      const read = ++reads.current;
      try {
        const state = await (started ?? loadOptionsState(locale));
        if (alive.current && read === reads.current) setLoaded({ phase: 'ready', state });
        // Shown without the policy while the browser reads it: shown again with it once read.
        if (state.effective.policyPending) return await reload();
        return state;
      } catch {
        // Keep what is shown; only a page with nothing to show says it could not read the settings.
        if (alive.current && read === reads.current)
          setLoaded((current) => (current.phase === 'ready' ? current : { phase: 'failed' }));
        return null;
      }
    },
    [locale],
  );

  /** The read started before the page rendered serves its first showing only. */
  const first = useRef(firstRead);

  useEffect(() => {
    alive.current = true;
    const started = first.current ?? firstOptionsRead(locale);
    first.current = undefined;
    void reload(started);
    const stop = watchOptionsState(() => void reload());
    return () => {
      alive.current = false;
      stop();
    };
  }, [reload, locale]);

  const readAgain = useCallback(() => reload(), [reload]);
  return { loaded, reload: readAgain };
}

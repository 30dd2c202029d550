/** Records a Chrome trace around an action and reads script cost out of it. */
import type { CDPSession } from 'playwright-core';

export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** Thread (CPU) time, µs. */
  tdur?: number;
  args?: { data?: { url?: string }; fileName?: string };
}

const CATEGORIES = ['devtools.timeline', 'v8'].join(',');

export async function traced<T>(
  cdp: CDPSession,
  action: () => Promise<T>,
): Promise<{ result: T; events: TraceEvent[] }> {
  const events: TraceEvent[] = [];
  const onData = (payload: { value: object[] }): void => {
    events.push(...(payload.value as TraceEvent[]));
  };
  cdp.on('Tracing.dataCollected', onData);
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
  let result: T;
  try {
    result = await action();
  } finally {
    await cdp.send('Tracing.end');
    await complete;
    cdp.off('Tracing.dataCollected', onData);
  }
  return { result, events };
}

const GC_EVENTS = new Set([
  'MajorGC',
  'MinorGC',
  'V8.GC_MARK_COMPACTOR',
  'V8.GC_SCAVENGER',
  'V8.GCIncrementalMarking',
  'V8.GCFinalizeMC',
  'V8.GCScavenger',
  'BlinkGC.AtomicPhase',
  'CppGC.AtomicMark',
]);

const urlOf = (event: TraceEvent): string => event.args?.data?.url ?? event.args?.fileName ?? '';

export interface ScriptCost {
  /** Number of top-level script events (evaluation, compile, callbacks) of the matching scripts. */
  events: number;
  /** Wall and thread (CPU) time of those events, nested events counted once. */
  wallMs: number;
  cpuMs: number;
  /** Parts of cpuMs: compiling, and garbage collection that happened to run inside. */
  compileCpuMs: number;
  gcCpuMs: number;
}

/**
 * The script events (evaluation, compiles, calls into functions) of scripts whose URL matches that
 * no other such event contains, in time order: each one a piece of main-thread work done at once.
 */
export function outermostScriptEvents(events: readonly TraceEvent[], matches: (url: string) => boolean): TraceEvent[] {
  const top = events
    .filter(
      (e) =>
        e.ph === 'X' &&
        ['EvaluateScript', 'v8.compile', 'FunctionCall', 'v8.callFunction'].includes(e.name) &&
        matches(urlOf(e)),
    )
    .sort((a, b) => a.ts - b.ts);
  const outer: TraceEvent[] = [];
  for (const event of top) {
    const parent = outer.find(
      (o) =>
        o.pid === event.pid &&
        o.tid === event.tid &&
        event.ts >= o.ts &&
        event.ts + (event.dur ?? 0) <= o.ts + (o.dur ?? 0),
    );
    if (!parent) outer.push(event);
  }
  return outer;
}

/**
 * Everything the main thread did for scripts whose URL matches: their evaluation (which includes
 * compiling and running the top level), separate compiles, and later calls into their functions
 * (event listeners, timers). Events nested in another counted event are not counted twice.
 */
export function scriptCost(events: readonly TraceEvent[], matches: (url: string) => boolean): ScriptCost {
  const outer = outermostScriptEvents(events, matches);
  const inside = (event: TraceEvent): boolean =>
    outer.some(
      (o) =>
        o.pid === event.pid &&
        o.tid === event.tid &&
        event.ts >= o.ts &&
        event.ts + (event.dur ?? 0) <= o.ts + (o.dur ?? 0),
    );
  const compile = events.filter((e) => e.ph === 'X' && e.name === 'v8.compile' && matches(urlOf(e)));
  // Outermost GC events only (a MajorGC contains its phases).
  const gcs = events.filter((e) => e.ph === 'X' && GC_EVENTS.has(e.name) && inside(e));
  const gcOuter = gcs.filter(
    (g) => !gcs.some((o) => o !== g && o.tid === g.tid && g.ts >= o.ts && g.ts + (g.dur ?? 0) <= o.ts + (o.dur ?? 0)),
  );
  const sum = (list: readonly TraceEvent[], key: 'dur' | 'tdur'): number =>
    list.reduce((t, e) => t + (e[key] ?? e.dur ?? 0), 0) / 1000;
  return {
    events: outer.length,
    wallMs: sum(outer, 'dur'),
    cpuMs: sum(outer, 'tdur'),
    compileCpuMs: sum(compile, 'tdur'),
    gcCpuMs: sum(gcOuter, 'tdur'),
  };
}

/** The longest of these slices (thread time where traced), in ms, with its event and function named. */
export function longestSlice(slices: readonly TraceEvent[]): { ms: number; what: string } {
  const ms = (event: TraceEvent): number => (event.tdur ?? event.dur ?? 0) / 1000;
  const longest = slices.reduce<TraceEvent | undefined>((a, b) => (!a || ms(b) > ms(a) ? b : a), undefined);
  if (!longest) return { ms: 0, what: '' };
  const fn = longest.args?.data as
    { functionName?: string; url?: string; lineNumber?: number; columnNumber?: number } | undefined;
  // Where in the (minified) script: a function with no name is found by its column.
  const at = fn?.columnNumber === undefined ? '' : ` @${fn.lineNumber ?? 0}:${fn.columnNumber}`;
  return {
    ms: ms(longest),
    what: `${longest.name} ${fn?.url?.split('/').pop() ?? ''} ${fn?.functionName ?? ''}${at}`
      .replace(/ +/g, ' ')
      .trim(),
  };
}

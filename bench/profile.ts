/** Reads a CDP CPU profile for what the content script did: its own functions and what they called. */
import type { CDPSession } from 'playwright-core';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; columnNumber: number; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
}

export interface ScriptProfile {
  /** Sampled time with a content-script function on the stack, ms. */
  sampledMs: number;
  /** Of that, time in DOM-reading calls (querySelectorAll, TreeWalker, textContent, …), ms. */
  domReadMs: number;
  /** Self time by function ("name @column" for the content script, "name (native)" otherwise), ms. */
  selfMs: Record<string, number>;
}

/** DOM calls a page scan is made of. */
const DOM_READ =
  /^(get )?(querySelector(All)?|getElementsBy\w+|getElementById|createTreeWalker|createNodeIterator|nextNode|previousNode|textContent|innerText|outerText|innerHTML|outerHTML|childNodes|children|firstChild|lastChild|nextSibling|previousSibling|firstElementChild|lastElementChild|nextElementSibling|nodeValue|wholeText|getComputedStyle|getBoundingClientRect|getClientRects|elementsFromPoint|closest|matches)$/;

export const SAMPLING_INTERVAL_US = 100;

export async function startProfile(cdp: CDPSession): Promise<void> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
  await cdp.send('Profiler.start');
}

export async function stopProfile(cdp: CDPSession, isScript: (url: string) => boolean): Promise<ScriptProfile> {
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const label = (node: ProfileNode): string =>
    isScript(node.callFrame.url)
      ? `${node.callFrame.functionName || '(top level)'} @${node.callFrame.columnNumber}`
      : `${node.callFrame.functionName || '(anonymous)'} (native)`;
  const result: ScriptProfile = { sampledMs: 0, domReadMs: 0, selfMs: {} };
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i += 1) {
    // timeDeltas[i + 1] is how long the sample i lasted.
    const ms = (deltas[i + 1] ?? SAMPLING_INTERVAL_US) / 1000;
    const leaf = byId.get(samples[i] ?? -1);
    if (!leaf) continue;
    let underScript = false;
    let domRead = false;
    let reachedScript = false;
    for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
      const node = byId.get(id);
      if (!node) break;
      if (isScript(node.callFrame.url)) {
        underScript = true;
        reachedScript = true;
      } else if (!reachedScript && DOM_READ.test(node.callFrame.functionName)) {
        domRead = true;
      }
    }
    if (!underScript) continue;
    result.sampledMs += ms;
    if (domRead) result.domReadMs += ms;
    const key = label(leaf);
    result.selfMs[key] = (result.selfMs[key] ?? 0) + ms;
  }
  return result;
}

/** Sums several profiles' self times, per run, largest first. */
export function topFunctions(profiles: readonly ScriptProfile[], count: number): [string, number][] {
  const total = new Map<string, number>();
  for (const profile of profiles)
    for (const [key, ms] of Object.entries(profile.selfMs)) total.set(key, (total.get(key) ?? 0) + ms);
  return [...total.entries()]
    .map(([key, ms]): [string, number] => [key, ms / Math.max(1, profiles.length)])
    .sort((a, b) => b[1] - a[1])
    .slice(0, count);
}

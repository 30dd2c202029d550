// The proof that a browser kept for several cases hands each one the extension as a new profile
// would: the suite reinstalls the extension between cases (which drops its storage, databases,
// granted permissions and background), then compares what the extension holds with what it held
// just after the browser started, and a case never starts on what another left behind.
import { LANGUAGE_IN_EFFECT_KEY } from '../../utils/language-in-effect.ts';
import { isDeepStrictEqual } from 'node:util';

/** Everything of the extension's that outlives a page: what a case could leave to the next. */
export interface ExtensionState {
  storage: { local: Record<string, unknown>; session: Record<string, unknown>; sync: Record<string, unknown> };
  databases: string[];
  permissions: { origins: string[]; permissions: string[] };
  /** Whether the background is one a case already used (it carries the mark this reading leaves). */
  backgroundUsed: boolean;
}

/**
 * Runs in the extension (its service worker, or an extension page; passed to the driver's evaluate,
 * so self-contained): reads its state and marks the background, so that the next reading can tell
 * whether the background was started anew.
 */
export async function readExtensionState(): Promise<ExtensionState> {
  type Area = { get(keys: null): Promise<Record<string, unknown>> };
  type Api = {
    storage: { local: Area; session: Area; sync: Area };
    permissions: { getAll(): Promise<{ origins?: string[]; permissions?: string[] }> };
    runtime: { getBackgroundPage?: () => Promise<Record<string, unknown>> };
  };
  const scope = globalThis as unknown as { browser?: Api; chrome?: Api };
  const api = (scope.browser ?? scope.chrome)!;
  // An extension page (Firefox) reaches the background page; a service worker is the background.
  const background = api.runtime.getBackgroundPage
    ? await api.runtime.getBackgroundPage()
    : (globalThis as Record<string, unknown>);
  const backgroundUsed = background.__e2eCaseRan === true;
  background.__e2eCaseRan = true;
  const granted = await api.permissions.getAll();
  return {
    storage: {
      local: await api.storage.local.get(null),
      session: await api.storage.session.get(null),
      sync: await api.storage.sync.get(null),
    },
    databases: (await indexedDB.databases()).map((database) => database.name ?? '').sort(),
    permissions: { origins: [...(granted.origins ?? [])].sort(), permissions: [...(granted.permissions ?? [])].sort() },
    backgroundUsed,
  };
}

/**
 * The language the background loaded, which it writes for the card at every start: there or not
 * yet, depending on when the state is read, and no leftover of an earlier case.
 */
function withoutDerived(area: Record<string, unknown>): Record<string, unknown> {
  const { [LANGUAGE_IN_EFFECT_KEY]: _loaded, ...rest } = area;
  return rest;
}

/** Throws, naming each difference, unless `now` is the state of a freshly installed extension. */
export function expectFresh(fresh: ExtensionState, now: ExtensionState): void {
  const left: string[] = [];
  if (now.backgroundUsed) left.push('the background kept its memory (it was not started anew)');
  for (const area of ['local', 'session', 'sync'] as const) {
    if (!isDeepStrictEqual(withoutDerived(now.storage[area]), withoutDerived(fresh.storage[area]))) {
      left.push(`storage.${area} holds ${JSON.stringify(Object.keys(now.storage[area]))}`);
    }
  }
  if (!isDeepStrictEqual(now.databases, fresh.databases)) left.push(`IndexedDB holds ${JSON.stringify(now.databases)}`);
  if (!isDeepStrictEqual(now.permissions, fresh.permissions)) {
    left.push(`permissions are ${JSON.stringify(now.permissions)}, not ${JSON.stringify(fresh.permissions)}`);
  }
  if (left.length > 0) {
    throw new Error(`The reinstalled extension is not as a new profile has it: ${left.join('; ')}.`);
  }
}

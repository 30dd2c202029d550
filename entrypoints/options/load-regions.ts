/** The phone regions (regions.ts), loaded once the page first asks for them; asked again after a failed load. */

import type * as regions from './regions';

export type Regions = typeof regions;

let loading: Promise<Regions> | undefined;
let loaded: Regions | null = null;

export function loadRegions(): Promise<Regions> {
  loading ??= import('./regions').then(
    (regions) => (loaded = regions),
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/** The regions when they have loaded already (the region list loads them as the page shows). */
export function loadedRegions(): Regions | null {
  return loaded;
}

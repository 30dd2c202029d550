/**
 * The layout version of the saved settings (`local:settings`, see `utils/storage.ts`), which the
 * storage module keeps beside them as `settings$`. A module of its own, with no browser API in it,
 * so that the tools that write settings directly (the demo, the screenshots, the benchmark) can
 * mark them with the version the extension expects, and it does not migrate them again.
 */
export const SETTINGS_VERSION = 3;

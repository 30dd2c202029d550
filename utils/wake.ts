/**
 * The name under which the content script leaves a wake-up call in its own (isolated) world, for
 * the background to run with `scripting.executeScript` when a frame has not set up its messaging
 * yet (entrypoints/background/triggers.ts). Page scripts live in another world and never see it.
 */
export const WAKE_HOOK = 'leadLensWake';

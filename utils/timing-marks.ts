/**
 * User Timing marks the extension's pages make for `npm run bench`, named once here for the pages
 * and the bench alike.
 */

/** The options page first shows the settings (see bench/options-first-open.ts). */
export const SETTINGS_SHOWN_MARK = 'lead-lens:settings-shown';

/**
 * How every extension page starts (options, popup, card, the Add to MEGA window): in the language
 * the settings choose, its direction and title set, then drawn; drawn again in a new language the
 * moment the setting changes, with what the user typed kept (the same components, re-rendered).
 */
import { render, type ComponentChild } from 'preact';
import { showPageIn, type MessageKey } from '@/utils/i18n';

/**
 * Loads the language and calls back once it changes: `followLanguageSetting` for the pages that
 * read the settings, `followLanguageInEffect` for the card, whose script stays small.
 */
export type FollowLanguage = (onChange: () => void) => Promise<unknown>;

export interface StartOptions {
  follow: FollowLanguage;
  /**
   * Draw before the language is loaded too, in the browser's language: the card frame must listen
   * for its key from the first moment (the content script posts it once the frame has loaded,
   * which does not wait for the language), and draws again once the language is in.
   */
  drawAtOnce?: boolean;
}

export async function startPage(titleKey: MessageKey, app: () => ComponentChild, options: StartOptions) {
  const root = document.getElementById('app')!;
  const show = () => {
    showPageIn(titleKey);
    render(app(), root);
  };
  if (options.drawAtOnce) show();
  // A page that cannot read its settings still shows, in the browser's language.
  await options.follow(show).catch(() => undefined);
  show();
}

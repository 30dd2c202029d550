/**
 * The key that moves focus into a card on screen: the lookup shortcut's default (wxt.config.ts).
 * Where the browser takes it as the shortcut, the background asks the page to move into the card;
 * where the page hears it instead (the shortcut remapped, or a test driver's key press), the
 * content script does the same (selection-lookups.ts checks for it there, outside utils/).
 */
export const INTO_CARD_KEY = 'Alt+Shift+L';

/**
 * Reads the clipboard's text once, for "Look up what I copied", with the optional `clipboardRead`
 * permission the user grants from an extension page. Chrome's service worker has no document to
 * paste into, so an offscreen document (reason CLIPBOARD) reads it and is closed again at once;
 * Firefox's background page reads it itself. Nothing here keeps, logs or sends what it read.
 */
import { browser, type Browser } from 'wxt/browser';
import { sendMessage } from '@/utils/messaging';

export const CLIPBOARD_PERMISSION = 'clipboardRead';

export interface Clipboard {
  /** Whether the user allowed reading the clipboard. */
  mayRead(): Promise<boolean>;
  /** The clipboard's text now ('' when it holds none). */
  read(): Promise<string>;
}

const READER_PAGE = '/clipboard-reader.html';

/** One offscreen document at a time: Chrome refuses a second. */
let reading: Promise<string> = Promise.resolve('');

async function readInOffscreenDocument(offscreen: typeof Browser.offscreen): Promise<string> {
  await offscreen.createDocument({
    url: READER_PAGE,
    reasons: ['CLIPBOARD'],
    justification: 'Reads the phone number or email the user copied, when they ask Lead Lens to look it up.',
  });
  try {
    return await sendMessage('readClipboard', undefined);
  } finally {
    await offscreen.closeDocument().catch(() => undefined);
  }
}

export function extensionClipboard(): Clipboard {
  // Chrome's offscreen API; Firefox has none and reads in its background page.
  const offscreen = browser.offscreen as typeof Browser.offscreen | undefined;
  return {
    mayRead: () => browser.permissions.contains({ permissions: [CLIPBOARD_PERMISSION] }).catch(() => false),
    read() {
      if (!offscreen) return navigator.clipboard.readText();
      const next = reading.catch(() => '').then(() => readInOffscreenDocument(offscreen));
      reading = next;
      return next;
    },
  };
}

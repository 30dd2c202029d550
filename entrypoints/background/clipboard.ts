/**
 * Reads the clipboard's text once, for "Look up what I copied", with the optional `clipboardRead`
 * permission the user grants from an extension page. Chrome's service worker has no document to
 * paste into, so an offscreen document (reason CLIPBOARD) reads it; it stays a minute for the
 * next copy down a list (making it is most of a read's time), holding nothing between reads, and
 * is closed after (or, when the worker stopped meanwhile, used by the next read and closed then). Firefox's background page reads it itself. Nothing here keeps, logs or sends
 * what it read.
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

/** The reader is closed once no read has needed it for this long. */
const READER_IDLE_MS = 60_000;

/** One offscreen document at a time: Chrome refuses a second. */
let reading: Promise<string> = Promise.resolve('');
let closeTimer: ReturnType<typeof setTimeout> | undefined;

async function readInOffscreenDocument(offscreen: typeof Browser.offscreen): Promise<string> {
  clearTimeout(closeTimer);
  if (!(await offscreen.hasDocument()))
    await offscreen.createDocument({
      url: READER_PAGE,
      reasons: ['CLIPBOARD'],
      justification: 'Reads the phone number or email the user copied, when they ask Lead Lens to look it up.',
    });
  try {
    return await sendMessage('readClipboard', undefined);
  } finally {
    closeTimer = setTimeout(() => void offscreen.closeDocument().catch(() => undefined), READER_IDLE_MS);
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

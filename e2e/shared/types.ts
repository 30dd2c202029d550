// The words the cases, the page objects (e2e/pages/) and the browsers' drivers share: the options
// page's fields and buttons, and what an observation returns.
import type { BrowserDriver } from '../pages/driver.ts';

export type BrowserName = 'chromium' | 'firefox';

/** One accessibility rule that axe-core found broken, with the elements it found it on. */
export interface AxeFinding {
  /** The rule, e.g. "color-contrast". */
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  /** A CSS selector for each element that breaks the rule. */
  targets: string[];
}

export type OptionsField =
  'Account name' | 'API token' | 'Customer ID' | 'API base URL' | 'Sites where lookups are off';
export type OptionsButton =
  | 'Save'
  | 'Save settings'
  | 'Test connection'
  | 'Show token'
  | 'Hide token'
  | 'Remove token'
  | 'Remove account'
  /** The confirm step of "Remove account". */
  | 'Remove'
  /** The on-device copy of the active account's leads, under its switch. */
  | 'Sync now';
export type TokenMemoryChoice = 'On this device' | 'Until the browser closes';
export type TriggerChoice =
  | 'Automatically when I select a phone number or email'
  | 'Show a small button first'
  | 'Only from the context menu or keyboard shortcut';

/** Where keyboard focus landed after one Tab press. */
export interface FocusStop {
  /** The focused control's accessible name (its label, aria-label or text), or its tag. */
  name: string;
  role: string;
  /** Whether it shows a focus indicator: a visible outline or a box shadow. */
  indicated: boolean;
  /** The computed outline and box-shadow, for the failure message. */
  style: string;
}

/** An element a page's own scripts can find that was added to it (see `WebPage.addedToPage`). */
export interface AddedElement {
  tag: string;
  id: string;
  width: number;
  height: number;
  /** Whether the page can look inside it: an open shadow root, or a frame document it can read. */
  readableInside: boolean;
}

/** What the web page's own scripts can learn, searched for some strings that must not be there. */
export interface PageExposure {
  /** "<string> in <where>" for each string found in the page's DOM (open shadow roots included). */
  domHits: string[];
  /** What the page got when it tried to read each iframe's document, e.g. "null" or "SecurityError". */
  frameReads: string[];
  /** The src of every iframe in the page (open shadow roots included). */
  frameSources: string[];
  /**
   * Entries of the page's performance timeline (resource timing and the rest) that name an
   * extension's address: Firefox's is the same for an installation on every site, so it would
   * tell the sites one user apart.
   */
  extensionEntries: string[];
}

/** A button the extension drew in a page, as the accessibility tree names it. */
/** Where the user is in a document: whether it has focus, the focused element's path, and its selection. */
export interface PlaceNow {
  focused: boolean;
  /** `#id` or the element's name, with ` >>> ` into an open shadow root. */
  element: string;
  selected: string;
  start: number;
  end: number;
}

export interface ShownButton {
  name: string;
  x: number;
  y: number;
}

/** What reading one storage area gave: its items, or the error that refused the read. */
export type AreaRead = { read: 'items'; items: Record<string, unknown> } | { read: 'refused'; reason: string };

/** `browser.storage` as a content script sees it. */
export interface ContentScriptStorage {
  local: AreaRead;
  sync: AreaRead;
  session: AreaRead;
  managed: AreaRead;
}

/** The extension's storage areas, as the extension itself reads them. */
export interface ExtensionStorage {
  local: Record<string, unknown>;
  session: Record<string, unknown>;
}

/** What a case needs of the browser before it starts. */
export interface LaunchOptions {
  /**
   * The administrator's policy for the extension (what managed storage holds), written into the
   * browser's machine-wide policy folder for this launch and removed again (e2e/shared/policy-files.ts).
   */
  managedPolicy?: Record<string, unknown>;
  /** Firefox unloads the idle event page after two seconds instead of 30 (for stopBackground). */
  quickBackgroundIdle?: boolean;
  /** The browser's own language (its menus, and what the extension's "Automatic" follows), e.g. 'de'. */
  uiLanguage?: string;
}

/** Each browser's launch.ts: a new browser, on a fresh profile, with the built extension installed. */
export type LaunchExtensionBrowser = (options?: LaunchOptions) => Promise<BrowserDriver>;

// The driver-neutral view of the extension that every case is written against. Chromium
// (playwright-core) and Firefox (puppeteer-core over WebDriver BiDi) each implement it with their
// own page objects under e2e/<browser>/pages/, so a case reads the same in both browsers.

import type { ExtensionState } from './fresh-extension.ts';

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

/** Something the user is looking at: a tab, or the popover frame inside one. */
export interface View {
  /** Which thing this is, for failure reports ("options page", "popover on phone.html"). */
  readonly description: string;
  title(): Promise<string>;
  /** The visible text, as the user would read it. */
  text(): Promise<string>;
  /** A screenshot of the tab that shows this view. */
  screenshot(path: string): Promise<void>;
  /** Waits until text matching `text` is shown; returns the matching line. */
  waitForText(text: string | RegExp): Promise<string>;
  /** Switches to this view's tab, as a user clicking on it. */
  bringToFront(): Promise<void>;
  /** Runs axe-core over this view's document and returns every violation it reports. */
  axeViolations(): Promise<AxeFinding[]>;
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

/** options.html */
export interface OptionsPage extends View {
  /** Clicks the field with this label, clears it and types the value with real key presses. */
  fill(label: OptionsField, value: string): Promise<void>;
  /** What the field with this label holds now. */
  fieldValue(label: OptionsField): Promise<string>;
  /** Clicks the "Remember token" radio button with this label. */
  rememberToken(choice: TokenMemoryChoice): Promise<void>;
  /** Clicks the "Lookup trigger" radio button with this label. */
  lookupTrigger(choice: TriggerChoice): Promise<void>;
  /** Clicks the button with this accessible name. */
  click(button: OptionsButton): Promise<void>;
  /**
   * Waits until the status region (role=status) has shown text matching `text` since the last
   * click; returns that text. A message equal to the one already shown counts once shown again.
   */
  waitForStatus(text: string | RegExp): Promise<string>;
  /**
   * Presses Tab from the top of the page until focus reaches the control named `until` (or
   * `maxPresses` have been pressed); returns where focus went after each press.
   */
  tabUntil(until: string, maxPresses: number): Promise<FocusStop[]>;
  /**
   * Opens the form for a new account, as a user does: closes a form that is open (its "Close" or
   * "Cancel"), then clicks "Add account". On a first visit the form for the first account is
   * already shown, and this only waits for it.
   */
  addAccount(): Promise<void>;
  /** Opens the saved account called `name` for editing: its "Edit" button in the account list. */
  editAccount(name: string): Promise<void>;
  /** Each account in the list, as the text its row shows (name, badges, details), in order. */
  accounts(): Promise<string[]>;
  /**
   * The radio button, check box or field with this label: whether it can be changed, and for a
   * radio button or check box whether it is checked (false for a field).
   */
  control(label: string): Promise<{ enabled: boolean; checked: boolean }>;
  /**
   * Clicks the switch (role=switch) with this label, in the account list's row of the account
   * called `account`, and waits until it shows the other position; returns whether it is now on.
   */
  toggleAccountSwitch(account: string, label: string): Promise<boolean>;
  /** Closes the tab. */
  close(): Promise<void>;
}

/** popup.html, opened in a tab. */
export interface PopupPage extends View {
  /**
   * Clicks the "Search leads" box and types the query with real key presses, one character at a
   * time; `keyGapsMs[i]` is the pause before the character after character i (a user's rhythm).
   */
  search(query: string, keyGapsMs?: readonly number[]): Promise<void>;
  /** The text of each row under "Results" or "Recent" (a listbox of options or a list of items), in order. */
  results(): Promise<string[]>;
  /** Waits until the rows satisfy `accept`; returns them. */
  waitForResults(accept: (rows: string[]) => boolean, what: string): Promise<string[]>;
  /** Whether a "Load more" button is shown. */
  hasLoadMore(): Promise<boolean>;
  /** Clicks "Load more" and waits for more rows than before, or for the button to go. */
  loadMore(): Promise<void>;
  /** Waits for the "Lookups on this site" switch to be usable; returns whether it is on. */
  siteLookupsOn(): Promise<boolean>;
  /** Clicks the "Lookups on this site" switch and waits until it shows the other position. */
  toggleSiteLookups(): Promise<boolean>;
  /**
   * Clicks the "Mark known leads on this site" switch and waits until it shows the other
   * position; returns whether it is now on.
   */
  toggleSiteMarks(): Promise<boolean>;
  /**
   * The "Account" picker: its choices in order and the one chosen; null when there is none (no
   * account, or only one, whose name the popup just shows).
   */
  accountPicker(): Promise<{ choices: string[]; chosen: string } | null>;
  /**
   * Chooses this account in the "Account" picker with the keyboard (focus on the picker, arrow
   * keys), and waits until the popup shows it chosen and the switch is done.
   */
  chooseAccount(name: string): Promise<void>;
}

/** The lead card: the extension's iframe inside a web page. */
export interface Popover extends View {
  /** The iframe's src. */
  src(): Promise<string>;
  /** Clicks the button with this accessible name inside the card. */
  click(button: string): Promise<void>;
  /** Double-clicks the button with this accessible name, as one quick gesture. */
  doubleClick(button: string): Promise<void>;
  /** Whether a button with this accessible name is shown. */
  hasButton(button: string): Promise<boolean>;
  /** Waits until a button with this accessible name is shown. */
  waitForButton(button: string): Promise<void>;
  /** Whether the shown button with this accessible name says it is disabled (aria-disabled). */
  buttonDisabled(button: string): Promise<boolean>;
  /**
   * Arms a click on the next button with this accessible name to appear in the card, made from
   * inside the card the moment it appears (as a page slipping the card under the pointer would
   * time it); `clickedAsShown` resolves, once it has appeared, with whether it said it was disabled.
   */
  armClickAsShown(button: string): Promise<void>;
  clickedAsShown(): Promise<{ disabled: boolean }>;
  /** Clicks the field with this label, clears it and types the value with real key presses. */
  fill(label: string, value: string): Promise<void>;
  /** What the field with this label holds now. */
  fieldValue(label: string): Promise<string>;
  /** Presses a key with focus inside the card (e.g. "Escape"). */
  press(key: string): Promise<void>;
  /** Clicks the disclosure (a `<summary>`) whose text matches, and waits until it is open. */
  openDisclosure(summary: string | RegExp): Promise<void>;
  /**
   * Clicks the link with this accessible name, which opens a new tab, and waits until that tab has
   * loaded; returns that tab.
   */
  followLinkToNewTab(link: string): Promise<OpenedTab>;
  /** The iframe element's src attribute as the extension set it: what a page would copy. */
  frameSrc(): Promise<string>;
  /** The iframe's size on screen, in CSS pixels. */
  size(): Promise<{ width: number; height: number }>;
}

/** A tab a link opened. */
export interface OpenedTab extends View {
  /** The address the tab loaded. */
  url(): Promise<string>;
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

/** An ordinary web page (served by the local MEGA server) in a tab. */
export interface WebPage extends View {
  /**
   * Selects the first occurrence of `text` with a real mouse drag from its first character to its
   * last, and returns what the page then reports as selected.
   */
  dragSelect(text: string): Promise<string>;
  /**
   * What a page script could do to fake a selection: selects `text` with a Range from the page's
   * own JavaScript and dispatches untrusted mouseup and keyup events; returns the selection.
   */
  fakeSelectionFromPageScript(text: string): Promise<string>;
  /** Posts each message from the page's JavaScript to every iframe in it, and to itself. */
  postMessageFromPageScript(messages: readonly unknown[]): Promise<void>;
  /** Searches the page's DOM and JavaScript world for these strings (see PageExposure). */
  exposure(needles: readonly string[]): Promise<PageExposure>;
  /** Presses a key with focus in the page (e.g. "Escape"). */
  press(key: string): Promise<void>;
  /**
   * Clicks into the form field (a CSS selector), moves the caret before `text` with the arrow
   * keys and selects it with Shift+ArrowRight; returns what the field then has selected.
   */
  keyboardSelectInField(selector: string, text: string): Promise<string>;
  /** Clicks into the form field and presses Ctrl/⌘+A; returns what the field then has selected. */
  selectAllInField(selector: string): Promise<string>;
  /** Triple-clicks the middle of the first occurrence of `text`; returns what is then selected. */
  tripleClick(text: string): Promise<string>;
  /** One plain click in the middle of the first occurrence of `text`. */
  clickOn(text: string): Promise<void>;
  /** What the page's own scripts can find of elements added to it, and of every iframe. */
  addedToPage(): Promise<AddedElement[]>;
  /** Calls a function the page defines on window, as the page's own script would. */
  callPageFunction(name: string, ...args: string[]): Promise<void>;
  /** A value the page's own script keeps on window, as JSON. */
  pageValue(name: string): Promise<unknown>;
  /** The iframe the page itself made, with this element id, as the user sees it. */
  pageFrame(id: string): Promise<View>;
  /** Waits for the extension's own card frame (at `<extension origin>/popover.html`) to be visible. */
  waitForPopover(): Promise<Popover>;
  /** Whether the popover frame is in the page and visible. */
  popoverVisible(): Promise<boolean>;
  /**
   * Starts recording the messages the extension's content script in this page receives, as JSON;
   * the function returned reads what was recorded so far. Chromium records inside the content
   * script's own world: messages sent to it and the answers to its own messages. Firefox has no
   * way into that world from outside, so it records what the background sends to the page's tab
   * (see e2e/README.md for how the answers are covered there).
   */
  recordContentScriptMessages(): Promise<() => Promise<string[]>>;
  /**
   * Clicks, with the mouse, the button with this accessible name that the content script put in
   * the page (the "Look up in MEGA" offer of the button trigger, inside a closed shadow root where
   * no DOM query reaches; it is found through the browser's accessibility tree).
   */
  clickExtensionButton(name: string): Promise<void>;
  /**
   * Every button the extension's content scripts show in the page (inside closed shadow roots,
   * found through the accessibility tree), with its accessible name and the centre of its box.
   */
  extensionButtons(): Promise<ShownButton[]>;
  /** The box of each occurrence of `text` in the page's text, in viewport coordinates. */
  textBoxes(text: string): Promise<Array<{ left: number; top: number; right: number; bottom: number }>>;
  /** One mouse click at this point of the viewport. */
  clickAt(point: { x: number; y: number }): Promise<void>;
  /**
   * Everything the extension's content script in this page can read from `browser.storage`: each
   * area's items, or why reading it was refused. Chromium reads it in the content script's own
   * world; Firefox, which offers no way into that world, as e2e/README.md describes.
   */
  storageSeenByContentScript(): Promise<ContentScriptStorage>;
}

/** A button the extension drew in a page, as the accessibility tree names it. */
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

/** One browser with the built extension loaded, on a fresh profile. */
export interface ExtensionBrowser {
  readonly name: BrowserName;
  /** `chrome-extension://<id>` or `moz-extension://<uuid>`. */
  readonly extensionOrigin: string;
  /** Opens an extension page (e.g. "options.html") in a new tab; resolves once it has loaded. */
  openExtensionPage(path: string): Promise<View>;
  openOptions(): Promise<OptionsPage>;
  openPopup(): Promise<PopupPage>;
  openWebPage(url: string): Promise<WebPage>;
  /**
   * Every console message and uncaught error text seen since launch, from every tab and frame,
   * the extension's pages and its background (Chromium's service worker, Firefox's background
   * page), one a line.
   */
  consoleMessages(): readonly string[];
  /** Everything in the extension's local and session storage areas. */
  extensionStorage(): Promise<ExtensionStorage>;
  /**
   * Stops the extension's background the way the browser does when it has been idle, and
   * resolves once it has really stopped (its in-memory state is gone; the next event starts it
   * again). Chromium: stops the service worker over CDP. Firefox: waits for the event page to be
   * unloaded, which needs `quickBackgroundIdle` at launch (see e2e/README.md).
   */
  stopBackground(): Promise<void>;
  /**
   * Runs `script` (self-contained: it is sent to the browser as source) in an extension page
   * opened for the purpose, closed again after; returns what it returns. For test set-up a case
   * does not check itself (see e2e/shared/card-settings.ts), never for what a case checks.
   */
  inExtensionPage<Arg, Result>(script: (arg: Arg) => Promise<Result>, arg: Arg): Promise<Result>;
  /**
   * Gives the extension access to these sites, as a user does in the browser's own extension
   * menu (Chromium: "Site access"); Firefox grants the extension's request itself in tests (see
   * e2e/README.md).
   */
  allowSiteAccess(origins: readonly string[]): Promise<void>;
  /** The view a user would be looking at now: the last one opened or found. */
  currentView(): View | undefined;
  close(): Promise<void>;
}

/** What a case needs of the browser before it starts. */
export interface LaunchOptions {
  /**
   * The administrator's policy for the extension (what managed storage holds), written into the
   * browser's machine-wide policy folder for this launch and removed again (e2e/shared/policy-files.ts).
   */
  managedPolicy?: Record<string, unknown>;
  /** Firefox unloads the idle event page after a second instead of 30 (for stopBackground). */
  quickBackgroundIdle?: boolean;
}

/**
 * A browser as the suite holds it: one is kept for every case that needs nothing of the browser
 * before it starts, and the extension is reinstalled between them (see fresh-extension.ts).
 */
export interface SuiteBrowser extends ExtensionBrowser {
  /** What the extension holds now; marks its background, so the next reading can tell a new one. */
  extensionState(): Promise<ExtensionState>;
  /**
   * Closes every tab, uninstalls the extension (which drops its storage, databases, granted
   * permissions and background) and installs the same build again; the console and the current
   * view start anew.
   */
  startOver(): Promise<void>;
}

export type LaunchExtensionBrowser = (options?: LaunchOptions) => Promise<SuiteBrowser>;

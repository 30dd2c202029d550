// The driver-neutral view of the extension that every case is written against. Chromium
// (playwright-core) and Firefox (puppeteer-core over WebDriver BiDi) each implement it with their
// own page objects under e2e/<browser>/pages/, so a case reads the same in both browsers.

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

export type OptionsField = 'API token' | 'Customer ID' | 'API base URL';
export type OptionsButton = 'Save' | 'Test connection' | 'Show token' | 'Hide token' | 'Remove token';
export type TokenMemoryChoice = 'On this device' | 'Until the browser closes';

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
  /** Clicks the field with this label, clears it and types the value with real key presses. */
  fill(label: string, value: string): Promise<void>;
  /** What the field with this label holds now. */
  fieldValue(label: string): Promise<string>;
  /** Presses a key with focus inside the card (e.g. "Escape"). */
  press(key: string): Promise<void>;
}

/** What the web page's own scripts can learn, searched for some strings that must not be there. */
export interface PageExposure {
  /** "<string> in <where>" for each string found in the page's DOM (open shadow roots included). */
  domHits: string[];
  /** What the page got when it tried to read each iframe's document, e.g. "null" or "SecurityError". */
  frameReads: string[];
  /** The src of every iframe in the page (open shadow roots included). */
  frameSources: string[];
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
  /** Waits for the iframe whose src starts with `<extension origin>/popover.html`. */
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
  /** The view a user would be looking at now: the last one opened or found. */
  currentView(): View | undefined;
  close(): Promise<void>;
}

export type LaunchExtensionBrowser = () => Promise<ExtensionBrowser>;

// The driver-neutral view of the extension that every case is written against. Chromium
// (playwright-core) and Firefox (puppeteer-core over WebDriver BiDi) each implement it with their
// own page objects under e2e/<browser>/pages/, so a case reads the same in both browsers.

export type BrowserName = 'chromium' | 'firefox';

/** Something the user is looking at: a tab, or the popover frame inside one. */
export interface View {
  /** Which thing this is, for failure reports ("options page", "popover on phone.html"). */
  readonly description: string;
  title(): Promise<string>;
  /** The visible text, as the user would read it. */
  text(): Promise<string>;
  /** A screenshot of the tab that shows this view. */
  screenshot(path: string): Promise<void>;
}

export type OptionsField = 'API token' | 'Customer ID' | 'API base URL';

/** options.html */
export interface OptionsPage extends View {
  /** Clicks the field with this label, clears it and types the value with real key presses. */
  fill(label: OptionsField, value: string): Promise<void>;
  /** Clicks the button with this accessible name. */
  click(button: 'Save' | 'Test connection'): Promise<void>;
  /** Waits until text matching `text` is shown on the page; returns the whole matching text. */
  waitForText(text: string | RegExp): Promise<string>;
}

/** popup.html, opened in a tab. */
export interface PopupPage extends View {
  /** Clicks the "Search leads" box and types the query with real key presses. */
  search(query: string): Promise<void>;
  /** The text of each row under "Results" (a listbox of options or a list of items), in order. */
  results(): Promise<string[]>;
  /** Waits until the rows satisfy `accept`; returns them. */
  waitForResults(accept: (rows: string[]) => boolean, what: string): Promise<string[]>;
  /** Whether a "Load more" button is shown. */
  hasLoadMore(): Promise<boolean>;
  /** Clicks "Load more" and waits for more rows than before, or for the button to go. */
  loadMore(): Promise<void>;
}

/** The lead card: the extension's iframe inside a web page. */
export interface Popover extends View {
  /** The iframe's src. */
  readonly src: string;
  waitForText(text: string | RegExp): Promise<string>;
}

/** An ordinary web page (served by the local MEGA server) in a tab. */
export interface WebPage extends View {
  /**
   * Selects the first occurrence of `text` with a real mouse drag from its first character to its
   * last, and returns what the page then reports as selected.
   */
  dragSelect(text: string): Promise<string>;
  /** Waits for the iframe whose src starts with `<extension origin>/popover.html`. */
  waitForPopover(): Promise<Popover>;
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
  /** The view a user would be looking at now: the last one opened or found. */
  currentView(): View | undefined;
  close(): Promise<void>;
}

export type LaunchExtensionBrowser = () => Promise<ExtensionBrowser>;

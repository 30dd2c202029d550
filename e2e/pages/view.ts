// Something the user is looking at: a tab, or a frame inside one (the card). Every page object
// builds on it: reading what it shows, and finding controls the way a user does, by role and
// accessible name or by label.
import { axeSource } from '../shared/a11y.ts';
import { runAxe } from '../shared/in-page.ts';
import { cutOffWords, pageLanguage, readsLeftToRight } from '../shared/in-page-language.ts';
import type { AxeFinding } from '../shared/types.ts';
import { insertText, typeIntoField } from '../shared/typing.ts';
import { waitForText, waitUntil } from '../shared/wait.ts';
import { viewportSize, type ElementDriver, type FrameDriver, type Query, type TabDriver } from './driver.ts';

/** How a query reads in a failure: `button "Save"`, `field "API token"`, `summary`. */
export function describeQuery(query: Query): string {
  if ('role' in query) return query.name === undefined ? query.role : `${query.role} "${query.name}"`;
  if ('label' in query) return `field "${query.label}"`;
  return query.css;
}

/** Runs in the page: whether the element is a form field (Firefox gives a password field no textbox role). */
function isFormField(node: Element): boolean {
  return ['INPUT', 'TEXTAREA', 'SELECT'].includes(node.tagName) || (node as HTMLElement).isContentEditable;
}

/** Whether a radio button, check box or switch is checked, and whether it says it is busy. */
export function checkedState(control: ElementDriver): Promise<{ on: boolean; busy: boolean }> {
  return control.evaluate((node) => {
    const on = node instanceof HTMLInputElement ? node.checked : node.getAttribute('aria-checked') === 'true';
    return { on, busy: node.getAttribute('aria-busy') === 'true' };
  }, undefined);
}

/** What a form field holds now. */
export function valueOf(field: ElementDriver): Promise<string> {
  return field.evaluate((node) => (node as HTMLInputElement).value, undefined);
}

export class View {
  constructor(
    readonly tab: TabDriver,
    /** Which thing this is, for failure reports ("options page", "card on the web page phone.html"). */
    readonly description: string,
    /** The frame the view lives in; the tab's main frame unless it is the card or a page's frame. */
    readonly frame: FrameDriver = tab.mainFrame,
  ) {}

  title(): Promise<string> {
    return this.frame.evaluate(() => document.title, undefined);
  }

  /** The visible text, as the user would read it. */
  text(): Promise<string> {
    return this.frame.evaluate(() => document.body?.innerText ?? '', undefined);
  }

  /** A screenshot of the tab that shows this view. */
  async screenshot(path: string): Promise<void> {
    // Headless Firefox paints only the selected tab.
    await this.tab.bringToFront();
    await this.tab.screenshot(path);
  }

  /** Waits until text matching `text` is shown; returns the matching line. */
  waitForText(expected: string | RegExp): Promise<string> {
    return waitForText(() => this.text(), expected, `on the ${this.description}`);
  }

  /** Lays the page out as the browser's zoom at `factor` does (2: 200%); see TabDriver.zoom. */
  async zoom(factor: number): Promise<void> {
    const before = await this.tab.mainFrame.evaluate(viewportSize, undefined);
    await this.tab.zoom(factor);
    const after = await this.tab.mainFrame.evaluate(viewportSize, undefined);
    if (after.width > Math.ceil(before.width / factor))
      throw new Error(
        `The ${this.description} is ${after.width} CSS px wide at ${factor * 100}% (${before.width} before).`,
      );
  }

  /** The language and direction the view says it is written in (its lang and dir attributes). */
  language(): Promise<{ lang: string; dir: string }> {
    return this.frame.evaluate(pageLanguage, undefined);
  }

  /** Waits until the view is written in `lang` (a language just chosen reaches every open page). */
  waitForLanguage(lang: string): Promise<{ lang: string; dir: string }> {
    return waitUntil(async () => ((await this.language()).lang === lang ? this.language() : undefined), {
      what: `the ${this.description} in "${lang}"`,
    });
  }

  /** The words holding `marker` (a pseudo-locale's) that are cut off or reach out of the view. */
  cutOffWords(marker: string): Promise<string[]> {
    return this.frame.evaluate(cutOffWords, marker);
  }

  /** How the phone number or email `text` reads in its isolate: its first character left of its last? */
  readsLeftToRight(text: string): Promise<{ found: boolean; leftToRight: boolean; direction: string }> {
    return this.frame.evaluate(readsLeftToRight, text);
  }

  /** Switches to this view's tab, as a user clicking on it. */
  async bringToFront(): Promise<void> {
    await this.tab.bringToFront();
  }

  /** Runs axe-core over this view's document and returns every violation it reports. */
  async axeViolations(): Promise<AxeFinding[]> {
    if (!(await this.frame.evaluate(() => 'axe' in window, undefined))) {
      // The drivers' evaluation is not bound by the extension pages' CSP, which forbids inline scripts.
      await this.frame.evaluateSource(axeSource());
    }
    return (await this.frame.evaluate(runAxe, undefined)) as AxeFinding[];
  }

  /** The elements matching `query` that are shown now (for a label, the form fields it names). */
  protected async shown(query: Query): Promise<ElementDriver[]> {
    const shown: ElementDriver[] = [];
    for (const element of await this.frame.findAll(query)) {
      if (!(await element.isVisible())) continue;
      if ('label' in query && !(await element.evaluate(isFormField, undefined))) continue;
      shown.push(element);
    }
    return shown;
  }

  /** Whether an element matching `query` is shown now (no waiting). */
  protected async shows(query: Query): Promise<boolean> {
    return (await this.shown(query)).length > 0;
  }

  /** Waits for an element matching `query` to be shown and returns the first. */
  protected element(query: Query): Promise<ElementDriver> {
    return waitUntil(async () => (await this.shown(query))[0], {
      what: `the ${describeQuery(query)} on the ${this.description}`,
    });
  }

  protected button(name: string): Promise<ElementDriver> {
    return this.element({ role: 'button', name });
  }

  /**
   * Clicks the field (labelled `label`), clears it with real key presses and puts the value in as
   * a paste does (typing.ts says why).
   */
  protected async typeInto(field: ElementDriver, label: string, value: string): Promise<void> {
    const { keyboard, commandKey } = this.tab;
    await typeIntoField(label, value, {
      replaceText: async (text) => {
        await field.click();
        await keyboard.down(commandKey);
        await keyboard.press('a');
        await keyboard.up(commandKey);
        await keyboard.press('Delete');
        if (text) await this.frame.evaluate(insertText, text);
      },
      readValue: () => valueOf(field),
    });
  }

  /** Clicks a switch and waits until it shows the other position and is no longer busy; returns whether it is on. */
  protected async toggle(control: ElementDriver, what: string): Promise<boolean> {
    const before = (await checkedState(control)).on;
    await control.click();
    await waitUntil(
      async () => {
        const now = await checkedState(control);
        return now.on !== before && !now.busy;
      },
      { what: `${what} to turn ${before ? 'off' : 'on'}` },
    );
    return !before;
  }
}

/** A tab a link opened. */
export class OpenedTab extends View {
  /** The address the tab loaded. */
  async url(): Promise<string> {
    return this.tab.url();
  }
}

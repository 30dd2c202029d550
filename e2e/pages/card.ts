// The lead card: the extension's frame inside a web page's tab (web-page.ts finds it).
import { armClickAsShown, clickedAsShown } from '../shared/in-page.ts';
import { textMatches, waitUntil } from '../shared/wait.ts';
import type { ElementDriver } from './driver.ts';
import { OpenedTab, valueOf, View } from './view.ts';

/** A view with buttons that act for the user and the Add to MEGA form: the card, or the Add to MEGA window. */
export class FormView extends View {
  /**
   * The button, once it can be used: the card's buttons that act for the user are disabled for
   * a moment after the card appears, as a user sees.
   */
  protected async enabledButton(name: string): Promise<ElementDriver> {
    const button = await this.button(name);
    await waitUntil(
      () =>
        button.evaluate(
          (node) => node.getAttribute('aria-disabled') !== 'true' && !(node as HTMLButtonElement).disabled,
          undefined,
        ),
      { what: `"${name}" on the ${this.description} to be enabled` },
    );
    return button;
  }

  /** Clicks the button with this accessible name in this view. */
  async click(button: string): Promise<void> {
    await (await this.enabledButton(button)).click();
  }

  /** Double-clicks the button with this accessible name, as one quick gesture. */
  async doubleClick(button: string): Promise<void> {
    await (await this.enabledButton(button)).click(2);
  }

  /** Whether a button with this accessible name is shown. */
  hasButton(button: string): Promise<boolean> {
    return this.shows({ role: 'button', name: button });
  }

  /** Waits until a button with this accessible name is shown. */
  async waitForButton(button: string): Promise<void> {
    await this.button(button);
  }

  /** Whether the shown button with this accessible name says it is disabled (aria-disabled). */
  async buttonDisabled(button: string): Promise<boolean> {
    return (await this.button(button)).evaluate((node) => node.getAttribute('aria-disabled') === 'true', undefined);
  }

  /** Clicks the field with this label, clears it and puts the value in (see View.typeInto). */
  async fill(label: string, value: string): Promise<void> {
    await this.typeInto(await this.element({ label }), label, value);
  }

  /** What the field with this label holds now. */
  async fieldValue(label: string): Promise<string> {
    return valueOf(await this.element({ label }));
  }
}

export class Card extends FormView {
  /** The address of the card's document. */
  src(): Promise<string> {
    return this.frame.url();
  }

  private async frameElement(): Promise<ElementDriver> {
    const element = await this.frame.frameElement();
    if (!element) throw new Error(`The ${this.description} has no frame element.`);
    return element;
  }

  /** The iframe element's src attribute as the extension set it: what a page would copy. */
  async frameSrc(): Promise<string> {
    return (await this.frameElement()).evaluate((node) => (node as HTMLIFrameElement).src, undefined);
  }

  /** The iframe's size on screen, in CSS pixels. */
  async size(): Promise<{ width: number; height: number }> {
    const box = await (await this.frameElement()).box();
    if (!box) throw new Error(`The ${this.description} is not on screen.`);
    return { width: Math.round(box.width), height: Math.round(box.height) };
  }

  /**
   * The centre of the button with this accessible name, in the viewport of the page the card is on,
   * once scrolled into the card's view (as a wheel turned over the card would).
   */
  async buttonCentre(button: string): Promise<{ x: number; y: number }> {
    const element = await this.button(button);
    await element.evaluate((node) => node.scrollIntoView({ block: 'nearest' }), undefined);
    const box = await element.box();
    if (!box) throw new Error(`"${button}" on the ${this.description} is not on screen.`);
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  }

  /**
   * Arms a click on the next button with this accessible name to appear in the card, made from
   * inside the card the moment it appears (as a page slipping the card under the pointer would
   * time it); `clickedAsShown` resolves, once it has appeared, with whether it said it was disabled.
   */
  async armClickAsShown(button: string): Promise<void> {
    await this.frame.evaluate(armClickAsShown, button);
  }

  clickedAsShown(): Promise<{ disabled: boolean }> {
    return waitUntil(async () => (await this.frame.evaluate(clickedAsShown, undefined)) ?? undefined, {
      what: `the armed click on the ${this.description}`,
    });
  }

  /**
   * Clicks "Add to MEGA" and returns where its form opens: in the card, or `inWindow`, in a
   * window of the extension's own (where the card cannot tell whether the page covers it).
   */
  async openAddForm({ inWindow }: { inWindow: boolean }): Promise<FormView> {
    if (!inWindow) {
      await this.click('Add to MEGA');
      await this.waitForButton('Cancel');
      return this;
    }
    const form = new FormView(await this.tab.tabOpenedBy(() => this.click('Add to MEGA')), 'Add to MEGA window');
    await form.waitForButton('Cancel');
    return form;
  }

  /** Clicks the disclosure (a `<summary>`) whose text matches, and waits until it is open. */
  async openDisclosure(summary: string | RegExp): Promise<void> {
    const what = `a disclosure "${String(summary)}" on the ${this.description}`;
    const toggle = await waitUntil(
      async () => {
        for (const candidate of await this.shown({ css: 'summary' })) {
          if (textMatches(await candidate.evaluate((node) => node.textContent ?? '', undefined), summary))
            return candidate;
        }
        return undefined;
      },
      { what },
    );
    await toggle.click();
    await waitUntil(
      () => toggle.evaluate((node) => (node.parentElement as HTMLDetailsElement | null)?.open === true, undefined),
      {
        what: `${what} to open`,
      },
    );
  }

  /**
   * Clicks the link with this accessible name, which opens a new tab, and waits until that tab has
   * loaded; returns that tab.
   */
  async followLinkToNewTab(link: string): Promise<OpenedTab> {
    const anchor = await this.element({ role: 'link', name: link });
    // Like the card's buttons, its links act only once the card has been seen.
    await waitUntil(() => anchor.evaluate((node) => node.getAttribute('aria-disabled') !== 'true', undefined), {
      what: `"${link}" on the ${this.description} to be enabled`,
    });
    const tab = await this.tab.tabOpenedBy(() => anchor.click());
    return new OpenedTab(tab, `tab opened by "${link}"`);
  }

  /** The sentence in the card's live region, which a screen reader speaks as it changes. */
  announced(): Promise<string> {
    return this.frame.evaluate(
      () => document.querySelector('[aria-live="polite"]')?.textContent?.trim() ?? '',
      undefined,
    );
  }

  /** Waits until the card's live region says `expected`. */
  waitForAnnouncement(expected: string | RegExp): Promise<string> {
    return waitUntil(
      async () => {
        const said = await this.announced();
        return textMatches(said, expected) && said;
      },
      { what: `the ${this.description} to announce ${String(expected)}` },
    );
  }

  /** Waits until focus is inside the card. */
  waitForFocus(): Promise<true> {
    return waitUntil(() => this.frame.evaluate(() => document.hasFocus() || undefined, undefined), {
      what: `focus inside the ${this.description}`,
    });
  }

  /** Moves focus into the card the way Tab would reach it: its first control. */
  async focusFirstControl(): Promise<void> {
    const [first] = await this.frame.findAll({ role: 'button' });
    await first?.focus();
  }

  /** Presses a key with focus inside the card (e.g. "Escape"). */
  async press(key: string): Promise<void> {
    await this.focusFirstControl();
    await this.tab.keyboard.press(key);
  }
}

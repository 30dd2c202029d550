// An ordinary web page (served by the local MEGA server) in a tab: selecting text with the mouse
// and the keyboard, what the page's own scripts can do and see, and finding the lead card.
import { dragSelectText } from '../shared/drag.ts';
import { dragPathTo } from '../shared/selection.ts';
import { clickOn, keyboardSelectInField, selectAllInField, tripleClick } from '../shared/gestures.ts';
import { fakeSelectionGesture, pageExposure, postToFrames, textBoxesIn } from '../shared/in-page.ts';
import { addedToPage, callPageFunction, pageValue } from '../shared/in-page-reach.ts';
import { caretBefore, placeNow } from '../shared/in-page-keys.ts';
import type { AddedElement, ContentScriptStorage, PageExposure, PlaceNow, ShownButton } from '../shared/types.ts';
import { waitUntil } from '../shared/wait.ts';
import { Card } from './card.ts';
import type { ElementDriver, FrameDriver, TabDriver, WebPageObservations } from './driver.ts';
import { View } from './view.ts';

/** Runs in the page: whether the element is inside a shadow root (the extension's closed one) rather than in the page's own DOM. */
function inShadowRoot(node: Element): boolean {
  return node.getRootNode() !== document;
}

export class WebPage extends View {
  constructor(
    tab: TabDriver,
    description: string,
    /** `<extension origin>/<the card's page>`: where the card frame's document is. */
    private readonly cardUrl: string,
    /** Told of every card found, so that a failure report shows what the user was looking at. */
    private readonly onCard: (card: Card) => void,
    private readonly observations: WebPageObservations,
  ) {
    super(tab, description);
  }

  /**
   * Selects the first occurrence of `text` with a real mouse drag from its first character to its
   * last, and returns what the page then reports as selected.
   */
  dragSelect(text: string): Promise<string> {
    return dragSelectText(this.tab, text, this.description);
  }

  /**
   * Selects the first occurrence of `text` inside the page's own iframe with this element id, with
   * a real mouse drag, and returns what that frame then reports as selected.
   */
  async dragSelectInFrame(id: string, text: string): Promise<string> {
    const { frame, element } = await this.ownFrame(id);
    // Once the frame shows the text, scrolled into view (which can scroll the page too); then its
    // element's box is where the frame's viewport starts (the test pages give it no border).
    await waitUntil(() => frame.evaluate(dragPathTo, text), { what: `"${text}" in the frame #${id}` });
    const box = await element.box();
    if (!box) throw new Error(`The page's own iframe #${id} in the ${this.description} is not shown.`);
    return dragSelectText(this.tab, text, `frame #${id} of the ${this.description}`, {
      frame,
      origin: { x: box.x, y: box.y },
    });
  }

  /**
   * Clicks into the form field (a CSS selector), moves the caret before `text` with the arrow
   * keys and selects it with Shift+ArrowRight; returns what the field then has selected.
   */
  keyboardSelectInField(selector: string, text: string): Promise<string> {
    return keyboardSelectInField(this.tab, selector, text, this.description);
  }

  /** Clicks into the form field and presses Ctrl/⌘+A; returns what the field then has selected. */
  selectAllInField(selector: string): Promise<string> {
    return selectAllInField(this.tab, selector, this.description);
  }

  /**
   * Selects `text` with the keyboard in an editable place (a CSS selector, `>>>` into an open
   * shadow root) of the page or of its own iframe with the id `frame`: the caret goes before it as
   * a click there would put it, then Shift+ArrowRight selects it. Returns where the user then is.
   */
  async keyboardSelectAt(place: string, text: string, frame?: string): Promise<PlaceNow> {
    const document = frame ? (await this.ownFrame(frame)).frame : this.frame;
    await this.tab.bringToFront();
    if (!(await document.evaluate(caretBefore, [place, text] as [string, string]))) {
      throw new Error(`The ${this.description} has no place ${place} holding "${text}".`);
    }
    await this.tab.keyboard.down('Shift');
    for (let i = 0; i < text.length; i += 1) await this.tab.keyboard.press('ArrowRight');
    await this.tab.keyboard.up('Shift');
    return document.evaluate(placeNow, undefined);
  }

  /** Where the user is in the page, or in its own iframe with the id `frame`. */
  async placeNow(frame?: string): Promise<PlaceNow> {
    const document = frame ? (await this.ownFrame(frame)).frame : this.frame;
    return document.evaluate(placeNow, undefined);
  }

  /** Presses keys together (e.g. "Alt", "Shift", "L"): held down in order, released the other way. */
  async pressTogether(...keys: string[]): Promise<void> {
    await this.tab.bringToFront();
    for (const key of keys) await this.tab.keyboard.down(key);
    for (const key of keys.reverse()) await this.tab.keyboard.up(key);
  }

  /** Triple-clicks the middle of the first occurrence of `text`; returns what is then selected. */
  tripleClick(text: string): Promise<string> {
    return tripleClick(this.tab, text, this.description);
  }

  /** One plain click in the middle of the first occurrence of `text`. */
  clickOn(text: string): Promise<void> {
    return clickOn(this.tab, text, this.description);
  }

  /** One mouse click at this point of the viewport. */
  async clickAt(point: { x: number; y: number }): Promise<void> {
    await this.tab.bringToFront();
    await this.tab.mouse.click(point.x, point.y);
  }

  /** Presses a key with focus in the page (e.g. "Escape"). */
  async press(key: string): Promise<void> {
    await this.tab.bringToFront();
    await this.tab.keyboard.press(key);
  }

  /**
   * What a page script could do to fake a selection: selects `text` with a Range from the page's
   * own JavaScript and dispatches untrusted mouseup and keyup events; returns the selection.
   */
  fakeSelectionFromPageScript(text: string): Promise<string> {
    return this.frame.evaluate(fakeSelectionGesture, text);
  }

  /** Posts each message from the page's JavaScript to every iframe in it, and to itself. */
  async postMessageFromPageScript(messages: readonly unknown[]): Promise<void> {
    await this.frame.evaluate(postToFrames, messages);
  }

  /** Searches the page's DOM and JavaScript world for these strings (see PageExposure). */
  exposure(needles: readonly string[]): Promise<PageExposure> {
    return this.frame.evaluate(pageExposure, needles);
  }

  /** What the page's own scripts can find of elements added to it, and of every iframe. */
  addedToPage(): Promise<AddedElement[]> {
    return this.frame.evaluate(addedToPage, undefined);
  }

  /** Calls a function the page defines on window, as the page's own script would. */
  async callPageFunction(name: string, ...args: string[]): Promise<void> {
    await this.frame.evaluate(callPageFunction, [name, args] as [string, string[]]);
  }

  /** A value the page's own script keeps on window, as JSON. */
  pageValue(name: string): Promise<unknown> {
    return this.frame.evaluate(pageValue, name);
  }

  /** The box of each occurrence of `text` in the page's text, in viewport coordinates. */
  textBoxes(text: string): Promise<Array<{ left: number; top: number; right: number; bottom: number }>> {
    return this.frame.evaluate(textBoxesIn, text);
  }

  /** The frames of this tab other than the page itself, each with the iframe element that holds it. */
  private async childFrames(): Promise<Array<{ frame: FrameDriver; element: ElementDriver }>> {
    const found: Array<{ frame: FrameDriver; element: ElementDriver }> = [];
    for (const frame of this.tab.frames()) {
      if (frame === this.frame) continue;
      const element = await frame.frameElement().catch(() => null);
      if (element) found.push({ frame, element });
    }
    return found;
  }

  /** The iframe the page itself made, with this element id, as the user sees it. */
  async pageFrame(id: string): Promise<View> {
    const { frame } = await this.ownFrame(id);
    return new View(this.tab, `the page's own frame #${id} on the ${this.description}`, frame);
  }

  /** The frame of the page's own iframe with this element id, and that element. */
  private ownFrame(id: string): Promise<{ frame: FrameDriver; element: ElementDriver }> {
    return waitUntil(
      async () => {
        for (const candidate of await this.childFrames()) {
          if (
            await candidate.element.evaluate(
              (node, wanted) => node.id === wanted && node.getRootNode() === document,
              id,
            )
          ) {
            return candidate;
          }
        }
        return undefined;
      },
      { what: `the page's own iframe #${id} in the ${this.description}` },
    );
  }

  /**
   * The extension's own card frame. The driver's frame list also holds frames inside closed
   * shadow roots, where a DOM query cannot reach; a copy of the card that the page framed itself
   * is in the page's own DOM, and is not it. The page and each of its frames host a card of their
   * own, hidden once closed: the one shown is the visible one.
   */
  private async cardFrame(): Promise<{ frame: FrameDriver; element: ElementDriver } | undefined> {
    let hidden: { frame: FrameDriver; element: ElementDriver } | undefined;
    for (const candidate of await this.childFrames()) {
      const url = await candidate.frame.url().catch(() => '');
      if (!url.startsWith(this.cardUrl) || !(await candidate.element.evaluate(inShadowRoot, undefined))) continue;
      if (await candidate.element.isVisible()) return candidate;
      hidden ??= candidate;
    }
    return hidden;
  }

  /** Waits for the extension's own card frame (at `<extension origin>/<the card's page>`) to be visible. */
  async waitForCard(): Promise<Card> {
    const { frame } = await waitUntil(
      async () => {
        const found = await this.cardFrame();
        return found && (await found.element.isVisible()) ? found : undefined;
      },
      { what: `a visible iframe at ${this.cardUrl}… in the ${this.description}` },
    );
    const card = new Card(this.tab, `card on the ${this.description}`, frame);
    this.onCard(card);
    return card;
  }

  /** Whether the card frame is in the page and visible. */
  async cardVisible(): Promise<boolean> {
    const found = await this.cardFrame();
    return found ? found.element.isVisible() : false;
  }

  /**
   * Clicks, with the mouse, the button with this accessible name that the content script put in
   * the page (the "Look up in MEGA" offer of the button trigger, inside a closed shadow root where
   * no DOM query reaches; each browser's driver finds it its own way, see e2e/README.md).
   */
  async clickExtensionButton(name: string): Promise<void> {
    const [button] = await waitUntil(
      async () => {
        const found = await this.observations.extensionButtons(name);
        return found.length > 0 ? found : undefined;
      },
      { what: `a button "${name}" from the extension in the ${this.description}` },
    );
    await this.clickAt(button!);
  }

  /**
   * Every button the extension's content scripts show in the page (inside closed shadow roots,
   * found by role and name as each driver can), with its accessible name and the centre of its box.
   */
  extensionButtons(): Promise<ShownButton[]> {
    return this.observations.extensionButtons();
  }

  /**
   * Starts recording the messages the extension's content script in this page receives, as JSON;
   * the function returned reads what was recorded so far. Chromium records inside the content
   * script's own world: messages sent to it and the answers to its own messages. Firefox has no
   * way into that world from outside, so it records what the background sends to the page's tab
   * (see e2e/README.md for how the answers are covered there).
   */
  recordContentScriptMessages(): Promise<() => Promise<string[]>> {
    return this.observations.recordContentScriptMessages();
  }

  /**
   * Everything the extension's content script in this page can read from `browser.storage`: each
   * area's items, or why reading it was refused. Chromium reads it in the content script's own
   * world; Firefox, which offers no way into that world, as e2e/README.md describes.
   */
  storageSeenByContentScript(): Promise<ContentScriptStorage> {
    return this.observations.storageSeenByContentScript();
  }
}

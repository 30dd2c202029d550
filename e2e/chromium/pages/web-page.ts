// An ordinary web page in Chromium: selecting text with the mouse and finding the lead card.
import type { Popover, WebPage } from '../../shared/types.ts';
import { DRAG_STEPS, dragPathTo, selectedText } from '../../shared/selection.ts';
import { waitUntil } from '../../shared/wait.ts';
import { ChromiumPopover } from './popover.ts';
import { ChromiumView } from './view.ts';

export class ChromiumWebPage extends ChromiumView implements WebPage {
  constructor(
    page: ChromiumView['page'],
    description: string,
    private readonly popoverUrlPrefix: string,
    private readonly onPopover: (popover: Popover) => void,
  ) {
    super(page, description);
  }

  async dragSelect(text: string): Promise<string> {
    const path = await this.page.evaluate(dragPathTo, text);
    if (!path) throw new Error(`The ${this.description} has no text "${text}" to select.`);
    const { mouse } = this.page;
    await mouse.move(path.from.x, path.from.y);
    await mouse.down();
    await mouse.move(path.to.x, path.to.y, { steps: DRAG_STEPS });
    await mouse.up();
    return this.page.evaluate(selectedText);
  }

  async waitForPopover(): Promise<Popover> {
    // page.frames() also sees frames inside closed shadow roots, where a DOM query cannot reach.
    const frame = await waitUntil(
      () => this.page.frames().find((candidate) => candidate.url().startsWith(this.popoverUrlPrefix)),
      { what: `an iframe at ${this.popoverUrlPrefix}… in the ${this.description}` },
    );
    const popover = new ChromiumPopover(this.page, `popover on the ${this.description}`, frame);
    this.onPopover(popover);
    return popover;
  }
}

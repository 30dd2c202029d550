// The lead card in Chromium: the extension's frame inside the web page's tab.
import type { Popover } from '../../shared/types.ts';
import { ChromiumView } from './view.ts';

export class ChromiumPopover extends ChromiumView implements Popover {
  get src(): string {
    return this.frame.url();
  }
}

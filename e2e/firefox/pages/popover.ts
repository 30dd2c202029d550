// The lead card in Firefox: the extension's frame inside the web page's tab.
import type { Frame, Page } from 'puppeteer-core';
import type { Popover } from '../../shared/types.ts';
import { FirefoxView } from './view.ts';

export class FirefoxPopover extends FirefoxView implements Popover {
  constructor(
    page: Page,
    description: string,
    frame: Frame,
    readonly src: string,
  ) {
    super(page, description, frame);
  }
}

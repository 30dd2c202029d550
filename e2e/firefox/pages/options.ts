// options.html in Firefox, found the way a user finds things: by label and by button name.
import type { ElementHandle } from 'puppeteer-core';
import { focusStop, recordStatusTexts, resetFocusToTop, statusTexts } from '../../shared/in-page.ts';
import type {
  FocusStop,
  OptionsButton,
  OptionsField,
  OptionsPage,
  TokenMemoryChoice,
  TriggerChoice,
} from '../../shared/types.ts';
import { textMatches, waitUntil } from '../../shared/wait.ts';
import { FirefoxView } from './view.ts';

export class FirefoxOptionsPage extends FirefoxView implements OptionsPage {
  /** Whether an element matching this ARIA selector is shown now (no waiting). */
  private async shows(selector: string): Promise<boolean> {
    for (const handle of await this.frame.$$(selector)) {
      const visible = await handle.isVisible();
      await handle.dispose();
      if (visible) return true;
    }
    return false;
  }

  /**
   * The account form holds the fields and buttons the cases use. A first visit shows it at once
   * (there is no account yet); later visits list the accounts, and "Edit" opens the first one.
   */
  private async showAccountForm(): Promise<void> {
    const shown = await waitUntil(
      async () =>
        (await this.shows('::-p-aria([name="API token"])'))
          ? 'form'
          : (await this.shows('::-p-aria([name="Edit"][role="button"])')) && 'list',
      { what: `the account form or the account list on the ${this.description}` },
    );
    if (shown === 'form') return;
    await (await this.element('Edit', { role: 'button' })).click();
    await this.field('API token');
  }

  async fill(label: OptionsField, value: string): Promise<void> {
    await this.showAccountForm();
    return this.typeInto(label, value);
  }

  async fieldValue(label: OptionsField): Promise<string> {
    await this.showAccountForm();
    return this.valueOf(label);
  }

  async rememberToken(choice: TokenMemoryChoice): Promise<void> {
    await this.showAccountForm();
    await this.check(choice);
  }

  lookupTrigger(choice: TriggerChoice): Promise<void> {
    return this.check(choice);
  }

  private async check(choice: string): Promise<void> {
    const radio = await this.element(choice, { role: 'radio' });
    await radio.click();
    await waitUntil(() => radio.evaluate((node) => (node as HTMLInputElement).checked), {
      what: `the "${choice}" radio button to be checked`,
    });
  }

  async click(button: OptionsButton): Promise<void> {
    await this.showAccountForm();
    await this.page.evaluate(recordStatusTexts);
    await (await this.element(button, { role: 'button' })).click();
  }

  waitForStatus(expected: string | RegExp): Promise<string> {
    return waitUntil(async () => (await this.page.evaluate(statusTexts)).find((text) => textMatches(text, expected)), {
      what: `the status ${String(expected)} on the ${this.description}`,
    });
  }

  async tabUntil(until: string, maxPresses: number): Promise<FocusStop[]> {
    await this.showAccountForm();
    await this.page.bringToFront();
    await this.page.evaluate(resetFocusToTop);
    const stops: FocusStop[] = [];
    for (let press = 0; press < maxPresses; press++) {
      await this.page.keyboard.press('Tab');
      const stop = await this.page.evaluate(focusStop);
      stops.push(stop);
      if (stop.name === until) break;
    }
    return stops;
  }

  /** The open form's way out, if one is shown: "Close" for a saved account, "Cancel" for a new one. */
  private async closeFormButton(): Promise<ElementHandle<Element> | undefined> {
    for (const name of ['Close', 'Cancel']) {
      if (await this.shows(`::-p-aria([name="${name}"][role="button"])`)) return this.element(name, { role: 'button' });
    }
    return undefined;
  }

  async addAccount(): Promise<void> {
    const shown = await waitUntil(
      async () =>
        (await this.shows('::-p-aria([name="Add account"][role="button"])'))
          ? 'button'
          : (await this.shows('::-p-aria([name="Account name"])')) && 'form',
      { what: `"Add account" or the account form on the ${this.description}` },
    );
    if (shown === 'form') {
      // A form is open: the first account's (nothing to close), or another one's.
      const close = await this.closeFormButton();
      if (!close) return;
      await close.click();
    }
    await (await this.element('Add account', { role: 'button' })).click();
    await this.field('Account name');
  }

  /** The account list's row whose heading is `name`. */
  private accountRow(name: string): Promise<ElementHandle<Element>> {
    return waitUntil(
      async () => {
        const list = await this.frame.$('::-p-aria([name="Accounts"][role="list"])');
        for (const row of list ? await list.$$('li') : []) {
          const heading = await row.evaluate((node) => node.querySelector('h3')?.textContent?.trim() ?? '');
          if (heading === name) return row;
          await row.dispose();
        }
        return undefined;
      },
      { what: `the account "${name}" in the list on the ${this.description}` },
    );
  }

  async editAccount(name: string): Promise<void> {
    await this.accountRow(name);
    const close = await this.closeFormButton();
    if (close) await close.click();
    const row = await this.accountRow(name);
    const edit = await waitUntil(() => row.$('::-p-aria([name="Edit"][role="button"])'), {
      what: `"Edit" for the account "${name}"`,
    });
    await edit.click();
    await this.field('API token');
  }

  async accounts(): Promise<string[]> {
    const list = await this.frame.$('::-p-aria([name="Accounts"][role="list"])');
    if (!list) return [];
    return list.$$eval('li', (rows) => rows.map((row) => (row as HTMLElement).innerText.replace(/\s+/g, ' ').trim()));
  }

  async control(label: string): Promise<{ enabled: boolean; checked: boolean }> {
    const control = await this.field(label);
    // :disabled also matches a control inside a disabled fieldset.
    return control.evaluate((node) => ({
      enabled: !node.matches(':disabled'),
      checked: (node as HTMLInputElement).checked === true,
    }));
  }

  async toggleAccountSwitch(account: string, label: string): Promise<boolean> {
    const row = await this.accountRow(account);
    const control = await waitUntil(() => row.$(`::-p-aria([name="${label}"][role="switch"])`), {
      what: `the switch "${label}" of "${account}"`,
    });
    const state = () =>
      control.evaluate((node) => ({
        on: (node as HTMLInputElement).checked,
        busy: node.getAttribute('aria-busy') === 'true',
      }));
    const before = (await state()).on;
    await this.page.evaluate(recordStatusTexts);
    await control.click();
    await waitUntil(
      async () => {
        const now = await state();
        return now.on !== before && !now.busy;
      },
      { what: `the switch "${label}" of "${account}" to turn ${before ? 'off' : 'on'}` },
    );
    return !before;
  }

  async close(): Promise<void> {
    await this.page.close();
  }
}

// options.html in Chromium, found the way a user finds things: by label and by button name.
import { focusStop, recordStatusTexts, resetFocusToTop, statusTexts } from '../../shared/in-page.ts';
import type {
  FocusStop,
  OptionsButton,
  OptionsField,
  OptionsPage,
  TokenMemoryChoice,
  TriggerChoice,
} from '../../shared/types.ts';
import { insertText, typeIntoField } from '../../shared/typing.ts';
import { textMatches, waitUntil } from '../../shared/wait.ts';
import { ChromiumView } from './view.ts';

export class ChromiumOptionsPage extends ChromiumView implements OptionsPage {
  /**
   * The account form holds the fields and buttons the cases use. A first visit shows it at once
   * (there is no account yet); later visits list the accounts, and "Edit" opens the first one.
   */
  private async showAccountForm(): Promise<void> {
    const token = this.page.getByLabel('API token', { exact: true });
    const edit = this.page.getByRole('button', { name: 'Edit', exact: true }).first();
    await token.or(edit).first().waitFor();
    if (await token.isVisible()) return;
    await edit.click();
    await token.waitFor();
  }

  async fill(label: OptionsField, value: string): Promise<void> {
    await this.showAccountForm();
    const field = this.page.getByLabel(label, { exact: true });
    const { keyboard } = this.page;
    const { frame } = this;
    await typeIntoField(label, value, {
      async replaceText(text) {
        await field.click();
        await keyboard.press('ControlOrMeta+A');
        await keyboard.press('Delete');
        if (text) await frame.evaluate(insertText, text);
      },
      readValue: () => field.inputValue(),
    });
  }

  async fieldValue(label: OptionsField): Promise<string> {
    await this.showAccountForm();
    return this.page.getByLabel(label, { exact: true }).inputValue();
  }

  async rememberToken(choice: TokenMemoryChoice): Promise<void> {
    await this.showAccountForm();
    const group = this.page.getByRole('group', { name: 'Remember token', exact: true });
    await group.getByRole('radio', { name: choice, exact: true }).check();
  }

  async lookupTrigger(choice: TriggerChoice): Promise<void> {
    const group = this.page.getByRole('group', { name: 'Lookup trigger', exact: true });
    await group.getByRole('radio', { name: choice, exact: true }).check();
  }

  async click(button: OptionsButton): Promise<void> {
    await this.showAccountForm();
    await this.page.evaluate(recordStatusTexts);
    await this.page.getByRole('button', { name: button, exact: true }).click();
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

  /** The open form's way out: "Close" for a saved account, "Cancel" for a new one. */
  private get closeForm() {
    const named = (name: string) => this.page.getByRole('button', { name, exact: true });
    return named('Close').or(named('Cancel'));
  }

  async addAccount(): Promise<void> {
    const add = this.page.getByRole('button', { name: 'Add account', exact: true });
    const nameField = this.page.getByLabel('Account name', { exact: true });
    await add.or(nameField).first().waitFor();
    if (!(await add.isVisible())) {
      // A form is open: the first account's (nothing to close), or another one's.
      if (!(await this.closeForm.first().isVisible())) return;
      await this.closeForm.first().click();
    }
    await add.click();
    await nameField.waitFor();
  }

  async editAccount(name: string): Promise<void> {
    const list = this.page.getByRole('list', { name: 'Accounts', exact: true });
    await list.waitFor();
    if (await this.closeForm.first().isVisible()) await this.closeForm.first().click();
    const row = list.getByRole('listitem').filter({ has: this.page.getByRole('heading', { name, exact: true }) });
    await row.getByRole('button', { name: 'Edit', exact: true }).click();
    await this.page.getByLabel('API token', { exact: true }).waitFor();
  }

  async accounts(): Promise<string[]> {
    const rows = this.page.getByRole('list', { name: 'Accounts', exact: true }).getByRole('listitem');
    return (await rows.allInnerTexts()).map((row) => row.replace(/\s+/g, ' ').trim());
  }

  async control(label: string): Promise<{ enabled: boolean; checked: boolean }> {
    // :disabled also matches a control inside a disabled fieldset.
    return this.page.getByLabel(label, { exact: true }).evaluate((node) => ({
      enabled: !node.matches(':disabled'),
      checked: (node as HTMLInputElement).checked === true,
    }));
  }

  async toggleAccountSwitch(account: string, label: string): Promise<boolean> {
    const list = this.page.getByRole('list', { name: 'Accounts', exact: true });
    const row = list
      .getByRole('listitem')
      .filter({ has: this.page.getByRole('heading', { name: account, exact: true }) });
    const control = row.getByRole('switch', { name: label, exact: true });
    const before = await control.isChecked();
    await this.page.evaluate(recordStatusTexts);
    await control.click();
    await waitUntil(
      async () => (await control.isChecked()) !== before && (await control.getAttribute('aria-busy')) !== 'true',
      {
        what: `the switch "${label}" of "${account}" to turn ${before ? 'off' : 'on'}`,
      },
    );
    return !before;
  }

  async close(): Promise<void> {
    await this.page.close();
  }
}

// options.html: the accounts, their forms and the settings, found the way a user finds things: by
// label and by button name.
import { tokenVaultAccounts } from '../shared/in-extension.ts';
import { focusStop, recordStatusTexts, resetFocusToTop, statusTexts } from '../shared/in-page.ts';
import { chooseOption } from '../shared/in-page-language.ts';
import type { FocusStop, OptionsButton, OptionsField, TokenMemoryChoice, TriggerChoice } from '../shared/types.ts';
import { textMatches, waitUntil } from '../shared/wait.ts';
import type { ElementDriver, Query } from './driver.ts';
import { checkedState, describeQuery, valueOf, View } from './view.ts';

/** Runs in the page: the heading of the account-list row the element is in ('' outside one). */
function rowHeading(node: Element): string {
  return node.closest('li')?.querySelector('h1, h2, h3, h4, h5, h6, [role="heading"]')?.textContent?.trim() ?? '';
}

export class OptionsPage extends View {
  /**
   * The control matching `query`, shown. The account form holds most of the fields and buttons the
   * cases use: a first visit shows it at once (there is no account yet); later visits list the
   * accounts instead, and then "Edit" opens the first one. (A form that is open hides the list's
   * buttons, so an "Edit" shown means no form is.)
   */
  private formControl(query: Query): Promise<ElementDriver> {
    return waitUntil(
      async () => {
        const [control] = await this.shown(query);
        if (control) return control;
        const [edit] = await this.shown({ role: 'button', name: 'Edit' });
        await edit?.click();
        return undefined;
      },
      { what: `the ${describeQuery(query)} on the ${this.description}` },
    );
  }

  /** Clicks the field with this label, clears it and puts the value in (see View.typeInto). */
  async fill(label: OptionsField, value: string): Promise<void> {
    await this.typeInto(await this.formControl({ label }), label, value);
  }

  /** What the field with this label holds now. */
  async fieldValue(label: OptionsField): Promise<string> {
    return valueOf(await this.formControl({ label }));
  }

  /** Clicks the "Remember token" radio button with this label. */
  rememberToken(choice: TokenMemoryChoice): Promise<void> {
    return this.check(choice);
  }

  /** Clicks the "Lookup trigger" radio button with this label. */
  lookupTrigger(choice: TriggerChoice): Promise<void> {
    return this.check(choice);
  }

  private async check(choice: string): Promise<void> {
    const radio = await this.formControl({ role: 'radio', name: choice });
    await radio.click();
    await waitUntil(async () => (await checkedState(radio)).on, { what: `the "${choice}" radio button to be checked` });
  }

  /** Clicks the button with this accessible name. */
  async click(button: OptionsButton): Promise<void> {
    const control = await this.formControl({ role: 'button', name: button });
    await this.frame.evaluate(recordStatusTexts, undefined);
    await control.click();
  }

  /**
   * Waits until the status region (role=status) has shown text matching `text` since the last
   * click; returns that text. A message equal to the one already shown counts once shown again.
   */
  waitForStatus(expected: string | RegExp): Promise<string> {
    return waitUntil(
      async () => (await this.frame.evaluate(statusTexts, undefined)).find((text) => textMatches(text, expected)),
      { what: `the status ${String(expected)} on the ${this.description}` },
    );
  }

  /**
   * Presses Tab from the top of the page until focus reaches the control named `until` (or
   * `maxPresses` have been pressed); returns where focus went after each press.
   */
  async tabUntil(until: string, maxPresses: number): Promise<FocusStop[]> {
    await this.formControl({ label: 'API token' });
    await this.tab.bringToFront();
    await this.frame.evaluate(resetFocusToTop, undefined);
    const stops: FocusStop[] = [];
    for (let press = 0; press < maxPresses; press++) {
      await this.tab.keyboard.press('Tab');
      const stop = await this.frame.evaluate(focusStop, undefined);
      stops.push(stop);
      if (stop.name === until) break;
    }
    return stops;
  }

  /** The open form's way out, if one is shown: "Close" for a saved account, "Cancel" for a new one. */
  private async closeFormButton(): Promise<ElementDriver | undefined> {
    for (const name of ['Close', 'Cancel']) {
      const [shown] = await this.shown({ role: 'button', name });
      if (shown) return shown;
    }
    return undefined;
  }

  /**
   * Opens the form for a new account, as a user does: closes a form that is open (its "Close" or
   * "Cancel"), then clicks "Add account". On a first visit the form for the first account is
   * already shown, and this only waits for it.
   */
  async addAccount(): Promise<void> {
    const shown = await waitUntil(
      async () =>
        (await this.shows({ role: 'button', name: 'Add account' }))
          ? 'button'
          : (await this.shows({ label: 'Account name' })) && 'form',
      { what: `"Add account" or the account form on the ${this.description}` },
    );
    if (shown === 'form') {
      // A form is open: the first account's (nothing to close), or another one's.
      const close = await this.closeFormButton();
      if (!close) return;
      await close.click();
    }
    await (await this.button('Add account')).click();
    await this.element({ label: 'Account name' });
  }

  /** The control matching `query` in the account list's row of the account called `account`. */
  private inAccountRow(account: string, query: Query): Promise<ElementDriver> {
    return waitUntil(
      async () => {
        for (const control of await this.shown(query)) {
          if ((await control.evaluate(rowHeading, undefined)) === account) return control;
        }
        return undefined;
      },
      { what: `${JSON.stringify(query)} of the account "${account}" on the ${this.description}` },
    );
  }

  /** Opens the saved account called `name` for editing: its "Edit" button in the account list. */
  async editAccount(name: string): Promise<void> {
    // A form that is open hides the list's buttons: the account's row first, then the form closed.
    await this.inAccountRow(name, { role: 'heading', name });
    const close = await this.closeFormButton();
    if (close) await close.click();
    await (await this.inAccountRow(name, { role: 'button', name: 'Edit' })).click();
    await this.element({ label: 'API token' });
  }

  /**
   * Opens the user's own token of the deployed account called `account` with the button in its
   * row ("Enter token", or "Change token" once one is saved); the token field opens in the row.
   */
  async openOwnToken(account: string, button: 'Enter token' | 'Change token'): Promise<void> {
    await (await this.inAccountRow(account, { role: 'button', name: button })).click();
    await this.inAccountRow(account, { label: 'API token' });
  }

  /** The ids of the accounts whose token is in the extension's token vault, as this page reads it. */
  tokenVaultAccounts(): Promise<string[]> {
    return this.frame.evaluate(tokenVaultAccounts, undefined);
  }

  /** Each account in the list, as the text its row shows (name, badges, details), in order. */
  async accounts(): Promise<string[]> {
    const [list] = await this.frame.findAll({ role: 'list', name: 'Accounts' });
    const rows = list ? await list.findByRole('listitem') : [];
    return Promise.all(
      rows.map((row) => row.evaluate((node) => (node as HTMLElement).innerText.replace(/\s+/g, ' ').trim(), undefined)),
    );
  }

  /**
   * The radio button, check box or field with this label: whether it can be changed, and for a
   * radio button or check box whether it is checked (false for a field).
   */
  async control(label: string): Promise<{ enabled: boolean; checked: boolean }> {
    const control = await this.element({ label });
    // :disabled also matches a control inside a disabled fieldset.
    return control.evaluate(
      (node) => ({ enabled: !node.matches(':disabled'), checked: (node as HTMLInputElement).checked === true }),
      undefined,
    );
  }

  /**
   * Clicks the switch (role=switch) with this label, in the account list's row of the account
   * called `account`, and waits until it shows the other position; returns whether it is now on.
   */
  async toggleAccountSwitch(account: string, label: string): Promise<boolean> {
    const control = await this.inAccountRow(account, { role: 'switch', name: label });
    await this.frame.evaluate(recordStatusTexts, undefined);
    return this.toggle(control, `the switch "${label}" of "${account}"`);
  }

  /**
   * Picks a language in the Language list by its tag ("auto" for Automatic): by value, since the
   * list's label is in the language shown. False when the list cannot be changed (a policy locks it).
   */
  async chooseLanguage(tag: string): Promise<boolean> {
    await this.element({ css: '#language' });
    return this.frame.evaluate(chooseOption, { id: 'language', value: tag });
  }

  /** Closes the tab. */
  async close(): Promise<void> {
    await this.tab.close();
  }
}

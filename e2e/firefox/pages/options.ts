// options.html in Firefox, found the way a user finds things: by label and by button name.
import type { OptionsField, OptionsPage } from '../../shared/types.ts';
import { typeIntoField } from '../../shared/typing.ts';
import { FirefoxView } from './view.ts';

export class FirefoxOptionsPage extends FirefoxView implements OptionsPage {
  async fill(label: OptionsField, value: string): Promise<void> {
    const { keyboard } = this.page;
    const field = await this.element(label, { isField: true }, `a field labelled "${label}" on the options page`);
    await typeIntoField(label, value, {
      async replaceText(text) {
        await field.click();
        await keyboard.down('Control');
        await keyboard.press('a');
        await keyboard.up('Control');
        await keyboard.press('Delete');
        await keyboard.type(text);
      },
      readValue: () => field.evaluate((node) => (node as HTMLInputElement).value),
    });
  }

  async click(button: 'Save' | 'Test connection'): Promise<void> {
    await (await this.element(button, { role: 'button' })).click();
  }
}

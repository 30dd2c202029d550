// options.html in Chromium, found the way a user finds things: by label and by button name.
import type { OptionsField, OptionsPage } from '../../shared/types.ts';
import { typeIntoField } from '../../shared/typing.ts';
import { ChromiumView } from './view.ts';

export class ChromiumOptionsPage extends ChromiumView implements OptionsPage {
  async fill(label: OptionsField, value: string): Promise<void> {
    const field = this.page.getByLabel(label, { exact: true });
    const { keyboard } = this.page;
    await typeIntoField(label, value, {
      async replaceText(text) {
        await field.click();
        await keyboard.press('ControlOrMeta+A');
        await keyboard.press('Delete');
        await keyboard.type(text);
      },
      readValue: () => field.inputValue(),
    });
  }

  async click(button: 'Save' | 'Test connection'): Promise<void> {
    await this.page.getByRole('button', { name: button, exact: true }).click();
  }
}

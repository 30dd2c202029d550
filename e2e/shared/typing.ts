// Typing into a form field like a user, and making sure it took: a page that fills its fields
// from storage just after it opens could otherwise overwrite what was typed a moment earlier.

export interface FieldTyping {
  /** Focuses the field, clears it with real key presses and puts `text` in (see `insertText`). */
  replaceText(text: string): Promise<void>;
  readValue(): Promise<string>;
}

const ATTEMPTS = 3;

export async function typeIntoField(label: string, value: string, field: FieldTyping): Promise<void> {
  let held = '';
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    await field.replaceText(value);
    held = await field.readValue();
    if (held === value) return;
  }
  // Say how it differs without printing what was typed: it may be a token.
  throw new Error(
    `The field labelled "${label}" holds ${held.length} characters after typing ${value.length}, ${ATTEMPTS} times.`,
  );
}

/**
 * Runs in the page (passed to the driver's evaluate): puts `text` into the focused field as a paste
 * or an input method does, with one trusted \`input\` event. Typing a 69-character token key by key
 * cost seconds per field on two busy cores, and a token or an address is pasted, not typed.
 */
export function insertText(text: string): void {
  document.execCommand('insertText', false, text);
}

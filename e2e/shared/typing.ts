// Typing into a form field like a user, and making sure it took: a page that fills its fields
// from storage just after it opens could otherwise overwrite what was typed a moment earlier.

export interface FieldTyping {
  /** Focuses the field, clears it and types `text` with real key presses. */
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

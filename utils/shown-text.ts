/**
 * Lead data drawn safely next to other lead data. MEGA's fields hold whatever was typed or
 * imported, and a name with a right-to-left override (U+202E) or an isolate left open could
 * reorder what follows it (the owner and the role, a phone and an email), while a zero-width
 * character makes two addresses look the same. So each field is drawn in its own bidi isolate
 * (`<bdi>`, also inside a sentence), and the invisible format characters that could mislead
 * are left out of names and shown as visible marks in phone numbers and emails. What is copied
 * stays the value MEGA holds.
 */

/**
 * Invisible format characters (Unicode category Cf: bidi controls, zero-width characters, the BOM)
 * except the two joiners, which some scripts (Persian, the Indic scripts) and emoji need to be drawn right.
 */
const MISLEADING = /(?![\u200C\u200D])\p{Cf}/gu;

/** A name or other free text as drawn: without the format characters that could mislead. */
export function plainText(text: string): string {
  return text.replace(MISLEADING, '');
}

/**
 * A phone number or email as drawn: every format character, joiners too, shown as a visible mark
 * (`⟨U+200B⟩`), since in an address it means the value is not what it looks like.
 */
export function revealedContact(value: string): string {
  return value.replace(/\p{Cf}/gu, (character) => {
    const code = character.codePointAt(0) ?? 0;
    return `⟨U+${code.toString(16).toUpperCase().padStart(4, '0')}⟩`;
  });
}

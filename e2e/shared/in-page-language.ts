// Functions that run inside an extension page or the card frame (sent as source, so each is
// self-contained): which language and direction the page says it is in, which of its words are
// cut off, and how a phone number reads.

/** The page's lang and dir attributes. */
export function pageLanguage(): { lang: string; dir: string } {
  return { lang: document.documentElement.lang, dir: document.documentElement.dir };
}

/**
 * The extension's words (text holding `marker`, which each pseudo-locale message carries) that do
 * not fit: wider than their own box (cut off, or ended with an ellipsis), or reaching out of the
 * page's body (out of the fixed-size card). Each as "cut: text" or "outside: text".
 */
export function cutOffWords(marker: string): string[] {
  const found: string[] = [];
  const bounds = document.body.getBoundingClientRect();
  for (const element of document.body.querySelectorAll('*')) {
    const own = [...element.childNodes]
      .filter((node) => node.nodeType === Node.TEXT_NODE)
      .map((node) => node.textContent ?? '')
      .join('')
      .trim();
    if (!own.includes(marker)) continue;
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    if (style.display === 'none' || style.visibility === 'hidden' || box.width === 0) continue;
    // Screen-reader-only text is clipped on purpose.
    if (box.width <= 1 && box.height <= 1) continue;
    const shown = own.replace(/[\u202a-\u202e]/g, '').slice(0, 60);
    if (element.clientWidth > 0 && element.scrollWidth > element.clientWidth + 1) found.push(`cut: ${shown}`);
    else if (box.left < bounds.left - 1 || box.right > bounds.right + 1) found.push(`outside: ${shown}`);
  }
  return found;
}

/**
 * How the phone number `digits` (its first and last character) lies on screen in its isolate:
 * whether its first character is left of its last, as "+1 415 555 0134" must read.
 */
export function readsLeftToRight(text: string): { found: boolean; leftToRight: boolean; direction: string } {
  for (const isolate of document.querySelectorAll('bdi')) {
    const node = isolate.firstChild;
    if (!node || node.nodeType !== Node.TEXT_NODE || node.textContent !== text) continue;
    const at = (offset: number) => {
      const range = document.createRange();
      range.setStart(node, offset);
      range.setEnd(node, offset + 1);
      return range.getBoundingClientRect();
    };
    const first = at(0);
    const last = at(text.length - 1);
    return { found: true, leftToRight: first.left < last.left, direction: getComputedStyle(isolate).direction };
  }
  return { found: false, leftToRight: false, direction: '' };
}

/** Picks the option with this value in the select with this id, as a change by the user does. */
export function chooseOption(choice: { id: string; value: string }): boolean {
  const select = document.getElementById(choice.id);
  if (!(select instanceof HTMLSelectElement) || select.disabled) return false;
  select.value = choice.value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
  return select.value === choice.value;
}

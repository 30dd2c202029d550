/**
 * The `tel:` URI of the link whose number the user selected. A page's link often shows a local
 * number ("020 7946 0958") and says in its address which country it is in
 * (`tel:020-7946-0958;phone-context=+44`): the address is what is looked up, never a guess from
 * the user's own region.
 */
const digits = (text: string): string => text.replace(/\D/g, '');

export function telLinkOf(element: Element, selected: string): string | null {
  const link = element.closest('a[href]');
  const href = link?.getAttribute('href')?.trim() ?? '';
  if (!/^tel:/i.test(href)) return null;
  let uri: string;
  try {
    uri = decodeURIComponent(href);
  } catch {
    return null;
  }
  // The same number: the selection's digits are the link's, give or take a country code or a
  // trunk prefix ("020 7946 0958" shown for tel:+44-20-7946-0958).
  const number = digits(uri.split(';')[0] ?? '').replace(/^0+/, '');
  const shown = digits(selected).replace(/^0+/, '');
  return shown.length >= 6 && (number.endsWith(shown) || shown.endsWith(number)) ? uri : null;
}

/**
 * The `tel:` URI of the link whose number the user selected. A page's link often shows a local
 * number ("020 7946 0958") and says in its address which country it is in
 * (`tel:020-7946-0958;phone-context=+44`): the address is what is looked up, never a guess from
 * the user's own region.
 */
const TEL_LINK = 'a[href^="tel:" i]';

const digits = (text: string): string => text.replace(/\D/g, '');

function addressOf(link: Element): string | null {
  try {
    return decodeURIComponent(link.getAttribute('href')?.trim() ?? '');
  } catch {
    return null;
  }
}

/**
 * The address of the tel: link that `element` (what shows the selection) is in or holds, when it
 * is the selected number: the same digits, give or take a country code or a trunk prefix ("020
 * 7946 0958" shown for tel:+44-20-7946-0958).
 */
export function telLinkOf(element: Element, selected: string): string | null {
  const shown = digits(selected).replace(/^0+/, '');
  if (shown.length < 6) return null;
  const around = element.closest(TEL_LINK);
  for (const link of around ? [around] : element.querySelectorAll(TEL_LINK)) {
    const uri = addressOf(link);
    const number = digits(uri?.split(';')[0] ?? '').replace(/^0+/, '');
    if (uri && number.length >= 6 && (number.endsWith(shown) || shown.endsWith(number))) return uri;
  }
  return null;
}

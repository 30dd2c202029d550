// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { telLinkOf } from './tel-link';

beforeEach(() => {
  document.body.replaceChildren();
});

function linkText(href: string, text: string): Element {
  const link = document.createElement('a');
  link.setAttribute('href', href);
  const inner = document.createElement('span');
  inner.textContent = text;
  link.append(inner);
  document.body.append(link);
  return inner;
}

describe('telLinkOf: a selected number in a tel: link is looked up by the link', () => {
  it.each<[href: string, text: string, expected: string | null]>([
    ['tel:020-7946-0958;phone-context=+44', '020 7946 0958', 'tel:020-7946-0958;phone-context=+44'],
    ['tel:+44-20-7946-0958', '020 7946 0958', 'tel:+44-20-7946-0958'],
    ['tel:+44-20-7946-0958', '20 7946 0958', 'tel:+44-20-7946-0958'],
    ['TEL:7946%200958;phone-context=%2B44-20', '7946 0958', 'TEL:7946 0958;phone-context=+44-20'],
    // Another number than the one shown: the selection is read as the user sees it.
    ['tel:020-7946-0000;phone-context=+44', '020 7946 0958', null],
    ['https://example.com/call/02079460958', '020 7946 0958', null],
    ['tel:%E0%A4%A', '020 7946 0958', null],
  ])('%s shown as %j → %j', (href, text, expected) => {
    expect(telLinkOf(linkText(href, text), text)).toBe(expected);
  });

  it('finds the link in a line selected with it', () => {
    const paragraph = document.createElement('p');
    paragraph.append(
      'London office: ',
      linkText('tel:020-7946-0958;phone-context=+44', '020 7946 0958').parentElement!,
    );
    document.body.append(paragraph);
    expect(telLinkOf(paragraph, 'office: 020 7946 0958')).toBe('tel:020-7946-0958;phone-context=+44');
    expect(telLinkOf(paragraph, 'office: 020 7946 0000')).toBeNull();
  });

  it('reads nothing outside a link', () => {
    const paragraph = document.createElement('p');
    paragraph.textContent = '020 7946 0958';
    document.body.append(paragraph);
    expect(telLinkOf(paragraph, '020 7946 0958')).toBeNull();
  });
});

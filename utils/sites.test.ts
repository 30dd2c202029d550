import { describe, expect, it } from 'vitest';
import {
  isSiteListed,
  lookupsOffFor,
  normalizeHost,
  siteFromText,
  webHost,
  withSite,
  withSiteListEdits,
} from './sites';

describe('webHost', () => {
  it.each([
    ['https://www.Example.com/path?q=1', 'example.com'],
    ['http://127.0.0.1:8123/phone.html', '127.0.0.1'],
    ['https://crm.example.co.uk/', 'crm.example.co.uk'],
    ['http://[::1]:3000/', '[::1]'],
  ])('reads %s as %s', (url, host) => {
    expect(webHost(url)).toBe(host);
  });

  it.each([
    'chrome://extensions/',
    'about:blank',
    'file:///home/me/leads.html',
    'chrome-extension://abcdefghijklmnop/popup.html',
    'moz-extension://1234/options.html',
    'view-source:https://example.com/',
    'not a url',
    '',
    undefined,
  ])('has no web host for %s', (url) => {
    expect(webHost(url)).toBeNull();
  });
});

describe('the site list', () => {
  it('puts a host in once, in the form lookups compare', () => {
    expect(withSite(['a.example'], 'WWW.B.example', false)).toEqual(['a.example', 'b.example']);
    expect(withSite(['b.example'], 'www.b.example', false)).toEqual(['b.example']);
  });

  it('takes every spelling of a host out', () => {
    expect(withSite(['www.b.example', 'a.example', 'B.example'], 'b.example', true)).toEqual(['a.example']);
  });

  it('normalizes hosts the way isSiteListed does', () => {
    expect(normalizeHost(' WWW.Example.COM ')).toBe('example.com');
  });
});

describe('withSiteListEdits', () => {
  it.each<[string, string[], string[], string[], string[]]>([
    [
      'no edits: the current list as it is',
      ['a.example', 'popup.example'],
      ['a.example'],
      ['a.example'],
      ['a.example', 'popup.example'],
    ],
    [
      'a site put in, as spelt, after the others',
      ['a.example', 'popup.example'],
      ['a.example'],
      ['a.example', 'www.b.example'],
      ['a.example', 'popup.example', 'www.b.example'],
    ],
    ['a site taken out, in every spelling', ['www.a.example', 'popup.example'], ['a.example'], [], ['popup.example']],
    ['a site put in that is already there', ['b.example'], [], ['www.b.example'], ['b.example']],
    ['a site respelt by the user', ['a.example'], ['a.example'], ['www.a.example'], ['a.example']],
    [
      'a site taken out meanwhile, not put back',
      ['popup.example'],
      ['a.example', 'popup.example'],
      ['a.example', 'popup.example', 'c.example'],
      ['popup.example', 'c.example'],
    ],
  ])('%s', (_, current, before, after, expected) => {
    expect(withSiteListEdits(current, before, after)).toEqual(expected);
  });
});

describe('lookups off for a site, in frames too', () => {
  const off = ['crm.example.com'];
  it.each<[what: string, sites: string[] | null, list: string[], isOff: boolean]>([
    ["off on the site's own page", ['www.crm.example.com'], off, true],
    ["off in another site's frame inside the site's page", ['maps.example.net', 'crm.example.com'], off, true],
    ["off in the site's frame inside another site's page", ['crm.example.com', 'news.example.org'], off, true],
    ['on in another site with a frame of a third one', ['maps.example.net', 'news.example.org'], off, false],
    ['off in a frame whose page is not known, with a site listed', null, off, true],
    ['on in a frame whose page is not known, with no site listed', null, [], false],
  ])('%s', (_what, sites, list, isOff) => {
    expect(lookupsOffFor(list, sites)).toBe(isOff);
  });
});

describe('isSiteListed', () => {
  it.each<[string[], string, boolean]>([
    [['example.com'], 'example.com', true],
    [['example.com'], 'WWW.Example.com', true],
    [['www.example.com'], 'example.com', true],
    [['mail.example.com'], 'example.com', false],
    [[], 'example.com', false],
  ])('in %j, %s is %s', (sites, host, listed) => {
    expect(isSiteListed(sites, host)).toBe(listed);
  });
});

describe('siteFromText', () => {
  it.each<[string, string | null]>([
    ['https://Mail.Example.com/inbox', 'mail.example.com'],
    ['example.com.', 'example.com'],
    ['ftp://example.com', null],
    ['https://user:pw@example.com', null],
    ['not a host!', null],
  ])('reads %s as %s', (text, host) => {
    expect(siteFromText(text)).toBe(host);
  });
});

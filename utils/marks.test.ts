import { describe, expect, it } from 'vitest';
import { markOrigins, markSite, markSiteOf, normalMarkSite } from './marks';

describe('marks on https pages, and on http only where turned on from an http page', () => {
  it('names an https page by its bare host, an http page with http:// before it', () => {
    expect(markSiteOf('https://WWW.Mail.example.com/inbox')).toBe('mail.example.com');
    expect(markSiteOf('http://mail.example.com/inbox')).toBe('http://mail.example.com');
    expect(markSiteOf('http://127.0.0.1:8787/pages/marks.html')).toBe('http://127.0.0.1');
    expect(markSiteOf('file:///home/me/leads.html')).toBeNull();
    expect(markSiteOf(undefined)).toBeNull();
  });

  it("asks for a site's https pages only, unless it was turned on for its http pages", () => {
    expect(markOrigins(markSite('example.com', true))).toEqual(['https://example.com/*', 'https://www.example.com/*']);
    expect(markOrigins(markSite('example.com', false))).toEqual(['http://example.com/*', 'http://www.example.com/*']);
    expect(markOrigins(markSite('127.0.0.1', true))).toEqual(['https://127.0.0.1/*']);
  });

  it('spells a site one way', () => {
    expect(normalMarkSite(' WWW.Example.com')).toBe('example.com');
    expect(normalMarkSite('HTTP://www.Example.com')).toBe('http://example.com');
    expect(markSite('WWW.example.com', false)).toBe('http://example.com');
  });
});

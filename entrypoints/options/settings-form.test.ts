import { describe, expect, it } from 'vitest';
import type { ApiFailure } from '@/utils/api/errors';
import {
  checkCustomerId,
  checkRegion,
  checkSettingsDraft,
  checkSiteList,
  checkToken,
  describeConnectionResult,
  describeRefusedAccess,
  draftFromSettings,
  normalizeTokenInput,
  savedTokenHint,
  type SettingsDraft,
} from './settings-form';
import { DEFAULT_SETTINGS } from '@/utils/storage';
import { isRegion, regionChoices } from './regions';

const HEX64 = '0123456789abcdef'.repeat(4);
const TOKEN = `mega_${HEX64}`;
const CUSTOMER = '3f2a9c4e-1b7d-4e8a-9c0f-2d5e6a7b8c9d';

const draft = (patch: Partial<SettingsDraft> = {}): SettingsDraft => ({
  defaultRegion: 'US',
  trigger: 'auto',
  disabledSites: '',
  allowCreate: true,
  ...patch,
});

describe('checkToken', () => {
  it.each<[string, string, string]>([
    ['exact token', TOKEN, TOKEN],
    ['upper-case hex', `mega_${HEX64.toUpperCase()}`, `mega_${HEX64.toUpperCase()}`],
    ['mixed-case hex', `mega_${'aB'.repeat(32)}`, `mega_${'aB'.repeat(32)}`],
    ['surrounding whitespace', `  \t${TOKEN}\n `, TOKEN],
    ['pasted Bearer prefix', `Bearer ${TOKEN}`, TOKEN],
    ['lower-case bearer and whitespace', `  bearer   ${TOKEN}  `, TOKEN],
    ['BEARER with a tab', `BEARER\t${TOKEN}`, TOKEN],
  ])('accepts %s', (_, input, expected) => {
    expect(checkToken(input)).toEqual({ ok: true, value: expected });
  });

  it.each<[string, string, RegExp]>([
    ['empty', '', /^Enter the API token\.$/],
    ['only whitespace', '   \n\t ', /^Enter the API token\.$/],
    ['only "Bearer "', 'Bearer   ', /^Enter the API token\.$/],
    ['no prefix', HEX64, /starts with “mega_”/],
    ['wrong prefix', `mgea_${HEX64}`, /starts with “mega_”/],
    ['upper-case prefix', `MEGA_${HEX64}`, /starts with “mega_”/],
    ['prefix without the underscore', `mega${HEX64}`, /starts with “mega_”/],
    ['63 hex characters', `mega_${HEX64.slice(1)}`, /64 characters; this one has 63/],
    ['65 hex characters', `mega_${HEX64}a`, /64 characters; this one has 65/],
    ['nothing after the prefix', 'mega_', /64 characters; this one has 0/],
    ['a non-hex letter', `mega_${HEX64.slice(1)}g`, /only the digits 0–9 and the letters a–f/],
    ['a space inside', `mega_${HEX64.slice(0, 32)} ${HEX64.slice(32)}`, /only the digits/],
    ['punctuation', `mega_${HEX64.slice(1)}-`, /only the digits/],
    ['Bearer but a bad token', 'Bearer mega_xyz', /only the digits/],
  ])('rejects %s', (_, input, message) => {
    const result = checkToken(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });

  it('never repeats the token in an error', () => {
    const almost = `mega_${HEX64.slice(0, 60)}`;
    const result = checkToken(almost);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).not.toContain(HEX64.slice(0, 8));
  });

  it('normalises pasted input before checking it', () => {
    expect(normalizeTokenInput(`\n Bearer ${TOKEN} \n`)).toBe(TOKEN);
    expect(normalizeTokenInput('Bearertoken')).toBe('Bearertoken');
  });
});

describe('checkCustomerId', () => {
  it.each<[string, string, string]>([
    ['a UUID', CUSTOMER, CUSTOMER],
    ['an upper-case UUID, lower-cased', CUSTOMER.toUpperCase(), CUSTOMER],
    ['a UUID with whitespace', `  ${CUSTOMER}\n`, CUSTOMER],
    ['the nil UUID', '00000000-0000-0000-0000-000000000000', '00000000-0000-0000-0000-000000000000'],
  ])('accepts %s', (_, input, expected) => {
    expect(checkCustomerId(input)).toEqual({ ok: true, value: expected });
  });

  it.each<[string, string, RegExp]>([
    ['empty', '', /Enter your MEGA customer ID/],
    ['whitespace', '   ', /Enter your MEGA customer ID/],
    ['a name', 'acme', /not a customer ID/],
    ['no dashes', CUSTOMER.replace(/-/g, ''), /not a customer ID/],
    ['one digit short', CUSTOMER.slice(1), /not a customer ID/],
    ['a non-hex letter', CUSTOMER.replace(/^3/, 'g'), /not a customer ID/],
    ['braces', `{${CUSTOMER}}`, /not a customer ID/],
    ['a token pasted in the wrong field', TOKEN, /not a customer ID/],
  ])('rejects %s', (_, input, message) => {
    const result = checkCustomerId(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });
});

describe('checkRegion', () => {
  it.each([
    ['US', 'US'],
    ['gb', 'GB'],
    [' DE ', 'DE'],
  ])('accepts %s', (input, expected) => {
    expect(checkRegion(input, isRegion)).toEqual({ ok: true, value: expected });
  });

  it.each(['', 'UK', 'ZZ', 'USA', '1'])('rejects %j', (input) => {
    expect(checkRegion(input, isRegion).ok).toBe(false);
  });
});

describe('checkSiteList', () => {
  it.each<[string, string, string[]]>([
    ['empty text', '', []],
    ['blank lines only', '\n  \n\t\n', []],
    ['one host', 'example.com', ['example.com']],
    ['lower-cased', 'Mail.Example.COM', ['mail.example.com']],
    ['trimmed lines, blank lines skipped', '  a.example \n\n b.example  \n', ['a.example', 'b.example']],
    ['Windows line ends', 'a.example\r\nb.example\r\n', ['a.example', 'b.example']],
    ['repeats dropped, first order kept', 'b.example\na.example\nB.example', ['b.example', 'a.example']],
    ['a pasted URL becomes its host', 'https://Mail.Example.com/inbox?x=1#top', ['mail.example.com']],
    ['a host with a port', 'localhost:3000', ['localhost']],
    ['a trailing dot', 'example.com.', ['example.com']],
    ['www kept as typed', 'www.example.com', ['www.example.com']],
    ['an IP address', '192.168.0.10', ['192.168.0.10']],
    ['an IPv6 address', '[::1]', ['[::1]']],
    ['an internationalised name, in ASCII form', 'Bücher.example', ['xn--bcher-kva.example']],
  ])('normalises %s', (_, text, hosts) => {
    expect(checkSiteList(text)).toEqual({ ok: true, value: hosts });
  });

  it.each<[string, string, RegExp]>([
    ['a space inside a host', 'exa mple.com', /line 1 \(“exa mple\.com”\)/],
    ['a wildcard', '*.example.com', /line 1 \(“\*\.example\.com”\)/],
    ['an email address', 'someone@example.com', /not a site name/],
    ['an empty label', 'a..example', /not a site name/],
    ['another scheme', 'ftp://example.com', /not a site name/],
    ['bad lines among good ones', 'ok.example\nbad host\nfine.example\n*.x', /line 2 .* and line 4/],
  ])('reports %s', (_, text, message) => {
    const result = checkSiteList(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toMatch(message);
      expect(result.error).toMatch(/one host name per line/);
    }
  });

  it('names at most three bad lines', () => {
    const result = checkSiteList('a b\nc d\ne f\ng h\ni j');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/line 1 .*line 2 .*line 3 .* and 2 more\./);
  });
});

describe('checkSettingsDraft', () => {
  it('returns normalised settings for a valid form', () => {
    const result = checkSettingsDraft(
      draft({
        defaultRegion: 'gb',
        trigger: 'button',
        disabledSites: 'Mail.Example.com\n\nhttps://crm.example/x',
        allowCreate: false,
      }),
      isRegion,
    );
    expect(result).toEqual({
      ok: true,
      settings: {
        defaultRegion: 'GB',
        trigger: 'button',
        disabledSites: ['mail.example.com', 'crm.example'],
        allowCreate: false,
      },
    });
  });

  it('reports every invalid field at once, in page order', () => {
    const result = checkSettingsDraft(draft({ defaultRegion: 'ZZ', disabledSites: 'a b' }), isRegion);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors)).toEqual(['defaultRegion', 'disabledSites']);
  });
});

describe('saved token and saved settings', () => {
  it('shows only the last four characters of a saved token', () => {
    const hint = savedTokenHint(`mega_${'0'.repeat(60)}ab12`);
    expect(hint).toBe('Saved token ending in •••• ab12');
    expect(hint).not.toContain('mega_');
  });

  it('starts the form from saved settings, one site per line', () => {
    expect(draftFromSettings({ ...DEFAULT_SETTINGS, disabledSites: ['a.example', 'b.example'] })).toEqual({
      defaultRegion: 'US',
      trigger: 'auto',
      disabledSites: 'a.example\nb.example',
      allowCreate: true,
    });
  });
});

describe('regionChoices', () => {
  it('names every supported region in the given language, sorted by name', () => {
    const choices = regionChoices('en-US');
    expect(choices.length).toBeGreaterThan(200);
    expect(choices).toContainEqual({ code: 'DE', label: 'Germany (+49)' });
    expect(choices).toContainEqual({ code: 'US', label: 'United States (+1)' });
    const labels = choices.map((choice) => choice.label);
    expect(labels).toEqual([...labels].sort(new Intl.Collator('en').compare));
    expect(regionChoices('de').find((choice) => choice.code === 'DE')?.label).toBe('Deutschland (+49)');
  });

  it('falls back to English for a locale it cannot read', () => {
    expect(regionChoices('not a locale!').find((choice) => choice.code === 'FR')?.label).toBe('France (+33)');
  });
});

describe('describeConnectionResult', () => {
  const fail = (failure: ApiFailure) => describeConnectionResult({ ok: false, failure }, 'en-US');

  it.each<[number, string]>([
    [0, 'Connected to MEGA: 0 leads.'],
    [1, 'Connected to MEGA: 1 lead.'],
    [42, 'Connected to MEGA: 42 leads.'],
    [12345, 'Connected to MEGA: 12,345 leads.'],
  ])('reports a total of %i when connected', (total, text) => {
    expect(describeConnectionResult({ ok: true, total }, 'en-US')).toEqual({ tone: 'success', text });
  });

  it('formats the count for the locale', () => {
    expect(describeConnectionResult({ ok: true, total: 12345 }, 'de-DE').text).toBe('Connected to MEGA: 12.345 leads.');
  });

  it.each<[string, ApiFailure, RegExp]>([
    ['401', { kind: 'unauthenticated', status: 401 }, /token was rejected/],
    ['403', { kind: 'forbidden', status: 403 }, /leads read scope.*belong to this customer ID/],
    [
      '429 with Retry-After',
      { kind: 'rate_limited', status: 429, retryAfterSeconds: 30 },
      /too many requests.*Try again in 30 seconds\./,
    ],
    ['429 with one second', { kind: 'rate_limited', status: 429, retryAfterSeconds: 1 }, /Try again in 1 second\./],
    [
      '429 with a long wait',
      { kind: 'rate_limited', status: 429, retryAfterSeconds: 600 },
      /Try again in 10 minutes\./,
    ],
    ['429 without Retry-After', { kind: 'rate_limited', status: 429 }, /Wait a minute and try again\./],
    ['server unreachable', { kind: 'network' }, /could not be reached/],
    ['404: wrong base URL', { kind: 'not_found', status: 404 }, /does not look like the MEGA API/],
    ['not the MEGA shape: wrong base URL', { kind: 'contract', field: 'leads' }, /does not look like the MEGA API/],
    ['timeout', { kind: 'timeout' }, /took too long/],
    ['5xx', { kind: 'server', status: 503 }, /problem on its side \(error 503\)/],
    ['server error without a status', { kind: 'server' }, /problem on its side\. Try again/],
    ['400', { kind: 'bad_request', status: 400 }, /did not accept the test request/],
    ['409', { kind: 'conflict', status: 409 }, /something went wrong/],
    ['anything else', { kind: 'unknown' }, /something went wrong/],
  ])('explains %s', (_, failure, text) => {
    const message = fail(failure);
    expect(message.tone).toBe('error');
    expect(message.text).toMatch(text);
    expect(message.text).toMatch(/^Not connected: .*\.$/);
  });
});

describe('describeRefusedAccess', () => {
  it.each<[Parameters<typeof describeRefusedAccess>, string | null]>([
    [[{ state: 'not-needed' }, 'save'], null],
    [[{ state: 'granted', origin: 'https://mega.example.com/*' }, 'save'], null],
    [
      [{ state: 'refused', origin: 'https://mega.example.com/*' }, 'save'],
      'Settings not saved: the browser did not allow Lead Lens to connect to mega.example.com. Try again and choose “Allow” when the browser asks.',
    ],
    [
      [{ state: 'refused', origin: 'https://mega.example.com/*' }, 'test'],
      'Connection not tested: the browser did not allow Lead Lens to connect to mega.example.com. Try again and choose “Allow” when the browser asks.',
    ],
    [
      [{ state: 'failed', origin: 'https://mega.example.com/*' }, 'save'],
      'Settings not saved: the browser cannot give Lead Lens access to mega.example.com. Check the API base URL.',
    ],
  ])('%j', (args, expected) => {
    expect(describeRefusedAccess(...args)).toBe(expected);
  });
});

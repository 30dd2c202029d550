import { describe, expect, it } from 'vitest';
import type { Account } from '@/utils/storage';
import {
  blankAccountForm,
  checkAccountConnection,
  checkAccountForm,
  formFromAccount,
  suggestedName,
  type AccountFormContext,
  type AccountFormValues,
} from './account-form';

const HEX64 = '0123456789abcdef'.repeat(4);
const TOKEN = `mega_${HEX64}`;
const CUSTOMER = '3f2a9c4e-1b7d-4e8a-9c0f-2d5e6a7b8c9d';

const ACME: Account = {
  id: 'a1',
  name: 'Acme',
  customerId: CUSTOMER,
  baseUrl: 'https://app.gomega.ai',
  tokenMemory: 'local',
  revision: 4,
};
const GLOBEX: Account = { ...ACME, id: 'a2', name: 'Globex' };

const values = (patch: Partial<AccountFormValues> = {}): AccountFormValues => ({
  name: 'Initech',
  token: TOKEN,
  customerId: CUSTOMER,
  baseUrl: 'https://app.gomega.ai',
  tokenMemory: 'local',
  ...patch,
});

const adding: AccountFormContext = { accounts: [ACME, GLOBEX], editing: null, hasSavedToken: false };
const editingAcme: AccountFormContext = { accounts: [ACME, GLOBEX], editing: ACME, hasSavedToken: true };

describe('checkAccountForm', () => {
  it('returns a normalised account for a valid form', () => {
    expect(
      checkAccountForm(
        values({
          name: '  Initech ',
          token: ` Bearer ${TOKEN} `,
          customerId: CUSTOMER.toUpperCase(),
          baseUrl: ' https://app.gomega.ai/ ',
          tokenMemory: 'session',
        }),
        adding,
      ),
    ).toEqual({
      ok: true,
      draft: {
        name: 'Initech',
        token: TOKEN,
        customerId: CUSTOMER,
        baseUrl: 'https://app.gomega.ai',
        tokenMemory: 'session',
      },
    });
  });

  it('names an account left unnamed after its customer', () => {
    const result = checkAccountForm(values({ name: '   ' }), adding);
    expect(result.ok && result.draft.name).toBe('Customer 3f2a9c4e');
    expect(suggestedName({ customerId: CUSTOMER })).toBe('Customer 3f2a9c4e');
    expect(suggestedName({ customerId: 'acme' })).toBeNull();
  });

  it.each<[string, Partial<AccountFormValues>, AccountFormContext, RegExp]>([
    ['another account’s name', { name: 'globex' }, adding, /already called “globex”/],
    ['a name of 81 characters', { name: 'x'.repeat(81) }, adding, /at most 80/],
    [
      'an empty name whose customer names another account',
      { name: '' },
      { ...adding, accounts: [{ ...ACME, name: 'Customer 3f2a9c4e' }] },
      /already called/,
    ],
  ])('refuses %s', (_, patch, context, message) => {
    const result = checkAccountForm(values(patch), context);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(Object.keys(result.errors)).toEqual(['name']);
      expect(result.errors.name).toMatch(message);
    }
  });

  it('lets an edited account keep its own name', () => {
    const result = checkAccountForm(values({ name: 'ACME', token: '' }), editingAcme);
    expect(result).toEqual({
      ok: true,
      draft: {
        id: 'a1',
        name: 'ACME',
        token: null,
        customerId: CUSTOMER,
        baseUrl: 'https://app.gomega.ai',
        tokenMemory: 'local',
      },
    });
  });

  it.each<[string, string]>([
    ['https', 'https://app.gomega.ai'],
    ['https with a path', 'https://mega.example.com/api'],
    ['http on 127.0.0.1', 'http://127.0.0.1:8787'],
    ['http on localhost', 'http://localhost:8787'],
    ['http on [::1]', 'http://[::1]:8787'],
  ])('accepts a base URL over %s', (_, baseUrl) => {
    const result = checkAccountForm(values({ baseUrl }), adding);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.draft.baseUrl).toBe(baseUrl);
  });

  it.each<[string, string, RegExp]>([
    ['empty', '', /Enter the API base URL/],
    ['not a URL', 'app.gomega.ai', /not a URL/],
    ['words', 'my mega server', /not a URL/],
    ['http on a public host', 'http://app.gomega.ai', /Use https/],
    ['http on a LAN address', 'http://192.168.1.5:8787', /Use https/],
    ['another scheme', 'ftp://app.gomega.ai', /must start with https/],
    ['credentials in the URL', 'https://user:pw@app.gomega.ai', /user name or password/],
    ['a query', 'https://app.gomega.ai/?x=1', /query/],
  ])('rejects a base URL that is %s', (_, baseUrl, message) => {
    const result = checkAccountForm(values({ baseUrl }), adding);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(Object.keys(result.errors)).toEqual(['baseUrl']);
      expect(result.errors.baseUrl).toMatch(message);
    }
  });

  it('keeps the saved token when the field is left empty', () => {
    const result = checkAccountForm(values({ token: '  ' }), editingAcme);
    expect(result.ok && result.draft.token).toBeNull();
  });

  it('needs a token when none is saved', () => {
    expect(checkAccountForm(values({ token: '' }), adding)).toEqual({
      ok: false,
      errors: { token: 'Enter the API token.' },
    });
    expect(checkAccountForm(values({ token: '' }), { ...editingAcme, hasSavedToken: false }).ok).toBe(false);
  });

  it('checks a new token even when one is saved', () => {
    const result = checkAccountForm(values({ token: 'mega_123' }), editingAcme);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.token).toMatch(/64 characters/);
  });

  it.each<[string, string, boolean]>([
    ['the same address', 'https://app.gomega.ai', true],
    ['the same address with a trailing slash', 'https://app.gomega.ai/', true],
    ['another path on the same server', 'https://app.gomega.ai/v2', false],
    ['another server', 'http://127.0.0.1:8787', false],
  ])('keeps the saved token for %s only when it stays there (%s)', (_, baseUrl, kept) => {
    const result = checkAccountForm(values({ token: '', baseUrl }), editingAcme);
    expect(result.ok).toBe(kept);
    if (!result.ok) expect(result.errors).toEqual({ token: expect.stringMatching(/Enter the API token again/) });
  });

  it('reports every invalid field at once, in form order', () => {
    const result = checkAccountForm(
      { name: 'Globex', token: 'x', customerId: 'y', baseUrl: 'z', tokenMemory: 'local' },
      adding,
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors)).toEqual(['name', 'token', 'customerId', 'baseUrl']);
  });
});

describe('checkAccountConnection', () => {
  it('sends the typed token, normalised, and no account', () => {
    expect(checkAccountConnection(values({ token: `Bearer ${TOKEN}` }), editingAcme)).toEqual({
      ok: true,
      connection: { baseUrl: 'https://app.gomega.ai', customerId: CUSTOMER, token: TOKEN },
    });
  });

  it('names the saved account to use its saved token', () => {
    expect(checkAccountConnection(values({ token: '' }), editingAcme)).toEqual({
      ok: true,
      connection: { accountId: 'a1', baseUrl: 'https://app.gomega.ai', customerId: CUSTOMER },
    });
  });

  it('asks for the token again for a new address', () => {
    const result = checkAccountConnection(values({ token: '', baseUrl: 'https://mega.example.com' }), editingAcme);
    expect(result).toEqual({
      ok: false,
      errors: { token: expect.stringMatching(/to test this account at a new address/) },
    });
  });

  it('checks only the connection fields', () => {
    const result = checkAccountConnection(
      { ...values(), name: 'Globex', token: '', customerId: 'nope', baseUrl: 'http://example.com' },
      adding,
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors)).toEqual(['token', 'customerId', 'baseUrl']);
  });
});

describe('the form’s starting values', () => {
  it('starts a new account at the MEGA API, its token kept on this device', () => {
    expect(blankAccountForm()).toEqual({
      name: '',
      token: '',
      customerId: '',
      baseUrl: 'https://app.gomega.ai',
      tokenMemory: 'local',
    });
  });

  it('starts a saved account from its details, with an empty token field', () => {
    expect(formFromAccount({ ...ACME, tokenMemory: 'session' })).toEqual({
      name: 'Acme',
      token: '',
      customerId: CUSTOMER,
      baseUrl: 'https://app.gomega.ai',
      tokenMemory: 'session',
    });
  });
});

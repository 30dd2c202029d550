import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { applyPolicy, managedAccountId, NO_POLICY, parsePolicy, type ManagedPolicy } from './managed-policy';
import { CUSTOMER, HEAD_OFFICE, OTHER_CUSTOMER, OWN, user } from './policy.testing';
import type { OwnToken } from './storage';

const TOKEN = `mega_${'ab'.repeat(32)}`;

function policy(patch: Partial<ManagedPolicy>): ManagedPolicy {
  return { ...NO_POLICY, locked: [], notes: [], ...patch };
}

beforeEach(() => {
  fakeBrowser.reset();
});

describe('parsePolicy', () => {
  it('reads every setting an administrator may deploy', () => {
    expect(
      parsePolicy({
        accounts: [{ ...HEAD_OFFICE, apiToken: TOKEN }],
        trigger: 'button',
        defaultRegion: 'DE',
        disabledSites: ['mail.example.com'],
        allowCreate: false,
        lockedSettings: ['trigger', 'accounts'],
      }),
    ).toEqual({
      accounts: [{ name: 'Head office', customerId: CUSTOMER, baseUrl: 'https://mega.example.com', apiToken: TOKEN }],
      trigger: 'button',
      defaultRegion: 'DE',
      disabledSites: ['mail.example.com'],
      allowCreate: false,
      locked: ['trigger', 'accounts'],
      notes: [],
    });
  });

  it.each<[string, Record<string, unknown>, Partial<ManagedPolicy>, string]>([
    [
      'an unknown trigger',
      { trigger: 'sometimes', allowCreate: false },
      { allowCreate: false },
      '“trigger” could not be read',
    ],
    [
      'a region that is no country code',
      { defaultRegion: 'Germany', trigger: 'manual' },
      { trigger: 'manual' },
      '“defaultRegion”',
    ],
    ['a site list that is no list', { disabledSites: 'mail.example.com' }, {}, '“disabledSites”'],
    ['a switch that is no boolean', { allowCreate: 'no' }, {}, '“allowCreate”'],
    [
      'a lock on a setting that does not exist',
      { lockedSettings: ['trigger', 'colour'] },
      { locked: ['trigger'] },
      '“lockedSettings: colour”',
    ],
    ['locks that are no list', { lockedSettings: 'trigger' }, {}, '“lockedSettings”'],
    ['accounts that are no list', { accounts: { name: 'x' } }, { accounts: [] }, '“accounts”'],
  ])('skips %s with a note, and applies the rest', (_, raw, kept, note) => {
    const parsed = parsePolicy(raw);
    expect(parsed).toMatchObject({ locked: [], ...kept });
    expect(parsed.notes).toHaveLength(1);
    expect(parsed.notes[0]).toContain(note);
  });

  it.each<[string, unknown, string]>([
    ['without a customer id', { name: 'Branch', baseUrl: 'https://app.gomega.ai' }, '(“2”)'],
    [
      'over plain http to another computer',
      { ...HEAD_OFFICE, name: 'Branch', baseUrl: 'http://mega.example.com' },
      '(“2”)',
    ],
    ['with a malformed token', { ...HEAD_OFFICE, name: 'Branch', apiToken: 'secret' }, '(“2”)'],
    ['named like an earlier one', { ...HEAD_OFFICE, name: 'HEAD OFFICE' }, '(“HEAD OFFICE”)'],
    ['that is not an object', 'Branch', '(“2”)'],
  ])('skips a deployed account %s, and keeps the others', (_, entry, label) => {
    const parsed = parsePolicy({ accounts: [HEAD_OFFICE, entry] });
    expect(parsed.accounts?.map((account) => account.name)).toEqual(['Head office']);
    expect(parsed.notes).toEqual([expect.stringContaining(label)]);
    expect(parsed.notes.join(' ')).not.toContain('secret');
  });

  it('reads a language by its tag, written as Chrome or BCP 47 writes it, and skips one Lead Lens does not speak', () => {
    expect(parsePolicy({ language: 'pt_br' }).language).toBe('pt-BR');
    expect(parsePolicy({ language: 'auto', lockedSettings: ['language'] })).toMatchObject({
      language: 'auto',
      locked: ['language'],
    });
    const unknown = parsePolicy({ language: 'Klingon' });
    expect(unknown.language).toBeUndefined();
    expect(unknown.notes).toEqual([expect.stringContaining('“language” could not be read')]);
  });

  it('reads nothing from no policy', () => {
    expect(parsePolicy(undefined)).toEqual(NO_POLICY);
    expect(parsePolicy({})).toEqual(NO_POLICY);
  });
});

describe('applyPolicy', () => {
  it('an unlocked setting is a default until the user saves their own', () => {
    const deployed = policy({ trigger: 'button', allowCreate: false });
    const before = applyPolicy(user({ trigger: 'auto' }), deployed, false);
    expect(before.settings).toMatchObject({ trigger: 'button', allowCreate: false });
    const after = applyPolicy(user({ trigger: 'auto', allowCreate: true }), deployed, true);
    expect(after.settings).toMatchObject({ trigger: 'auto', allowCreate: true });
    expect([...after.managed].sort()).toEqual(['allowCreate', 'trigger']);
    expect([...after.locked]).toEqual([]);
    expect(after.notes).toEqual([]);
  });

  it('a locked setting takes the policy’s value over the user’s, and says so', () => {
    const applied = applyPolicy(user({ trigger: 'auto' }), policy({ trigger: 'manual', locked: ['trigger'] }), true);
    expect(applied.settings.trigger).toBe('manual');
    expect([...applied.locked]).toEqual(['trigger']);
    expect(applied.notes).toEqual([expect.stringContaining('locked “trigger”')]);
  });

  it('says nothing when the locked value is the user’s own', () => {
    expect(
      applyPolicy(user({ trigger: 'manual' }), policy({ trigger: 'manual', locked: ['trigger'] }), true).notes,
    ).toEqual([]);
  });

  it('lists deployed accounts first, marked, then the user’s own; their tokens stay out of the settings', () => {
    const deployed = parsePolicy({ accounts: [{ ...HEAD_OFFICE, apiToken: TOKEN }] });
    const applied = applyPolicy(user(), deployed, true);
    const id = managedAccountId('Head office');
    expect(applied.settings.accounts).toEqual([
      expect.objectContaining({ id, name: 'Head office', customerId: CUSTOMER, managed: true }),
      OWN,
    ]);
    expect(applied.settings.activeAccountId).toBe(OWN.id);
    expect(applied.tokens).toEqual({ [id]: TOKEN });
    expect(JSON.stringify(applied.settings)).not.toContain(TOKEN);
    expect([...applied.managed]).toEqual(['accounts']);
  });

  it('leaves out the user’s account named like a deployed one', () => {
    const applied = applyPolicy(user(), parsePolicy({ accounts: [{ ...HEAD_OFFICE, name: 'my OWN' }] }), true);
    expect(applied.settings.accounts.map((account) => account.name)).toEqual(['my OWN']);
    expect(applied.settings.activeAccountId).toBe(managedAccountId('My own'));
  });

  it.each<[string, ManagedPolicy, string[]]>([
    ['deployed ones only', parsePolicy({ accounts: [HEAD_OFFICE], lockedSettings: ['accounts'] }), ['Head office']],
    ['none, when none is deployed', parsePolicy({ lockedSettings: ['accounts'] }), []],
  ])('locked accounts leave %s', (_, deployed, names) => {
    const applied = applyPolicy(user(), deployed, true);
    expect(applied.settings.accounts.map((account) => account.name)).toEqual(names);
    expect(applied.settings.activeAccountId).toBe(applied.settings.accounts[0]?.id ?? null);
  });

  it('gives two deployed accounts two ids, also for names whose 32-bit hashes are the same', () => {
    // FNV-1a gives "team 711869" and "team 1001914" one 32-bit value.
    const tokenOf = (last: string) => `mega_${last.repeat(64)}`;
    const deployed = parsePolicy({
      accounts: [
        { ...HEAD_OFFICE, name: 'Team 711869', apiToken: tokenOf('a') },
        { ...HEAD_OFFICE, name: 'Team 1001914', customerId: OTHER_CUSTOMER, apiToken: tokenOf('b') },
      ],
    });
    const applied = applyPolicy(user(), deployed, true);
    const [first, second] = applied.settings.accounts;
    expect(first!.id).not.toBe(second!.id);
    expect(applied.tokens).toEqual({ [first!.id]: tokenOf('a'), [second!.id]: tokenOf('b') });
  });

  it('keeps a deployed account’s id while its name keeps, and starts a new partition when its credentials change', () => {
    const first = applyPolicy(user(), parsePolicy({ accounts: [HEAD_OFFICE] }), true).settings.accounts[0]!;
    const renamedCase = applyPolicy(user(), parsePolicy({ accounts: [{ ...HEAD_OFFICE, name: 'HEAD Office' }] }), true)
      .settings.accounts[0]!;
    const moved = applyPolicy(user(), parsePolicy({ accounts: [{ ...HEAD_OFFICE, customerId: OTHER_CUSTOMER }] }), true)
      .settings.accounts[0]!;
    expect(renamedCase.id).toBe(first.id);
    expect(moved.id).toBe(first.id);
    expect(moved.revision).not.toBe(first.revision);
  });
});

describe('applyPolicy, the user’s own token for a deployed account', () => {
  const id = managedAccountId('Head office');
  const deployed = parsePolicy({ accounts: [HEAD_OFFICE] });
  const entered = (patch: Partial<OwnToken> = {}): OwnToken => ({
    tokenMemory: 'session',
    baseUrl: 'https://mega.example.com',
    savedAt: 1_000,
    ...patch,
  });
  const applied = (own: OwnToken | null, policyGiven: ManagedPolicy = deployed) =>
    applyPolicy(user({ ownTokens: own ? { [id]: own } : {} }), policyGiven, true);

  it('is used where the policy deploys none, kept where the user chose, and a new one is a new partition', () => {
    const without = applied(null);
    const first = applied(entered());
    const second = applied(entered({ savedAt: 2_000 }));
    expect([...without.ownTokenIds]).toEqual([]);
    expect([...first.ownTokenIds]).toEqual([id]);
    expect(first.tokens).toEqual({});
    expect(first.settings.accounts[0]).toMatchObject({ id, managed: true, tokenMemory: 'session' });
    expect(first.settings.accounts[0]!.revision).not.toBe(without.settings.accounts[0]!.revision);
    expect(second.settings.accounts[0]!.revision).not.toBe(first.settings.accounts[0]!.revision);
  });

  it('gives way to a token the administrator deploys later, and the partition follows the deployed one', () => {
    const withDeployed = parsePolicy({ accounts: [{ ...HEAD_OFFICE, apiToken: TOKEN }] });
    const over = applied(entered(), withDeployed);
    expect([...over.ownTokenIds]).toEqual([]);
    expect(over.tokens).toEqual({ [id]: TOKEN });
    expect(over.settings.accounts[0]!.revision).toBe(applied(null, withDeployed).settings.accounts[0]!.revision);
  });

  it('is not sent to another address the policy gives the account later', () => {
    const moved = parsePolicy({ accounts: [{ ...HEAD_OFFICE, baseUrl: 'https://mega.example.org' }] });
    expect([...applied(entered(), moved).ownTokenIds]).toEqual([]);
  });

  it('applies to no account of the user’s own, nor to one the policy no longer deploys', () => {
    const ownAccount = applyPolicy(user({ ownTokens: { [OWN.id]: entered() } }), deployed, true);
    expect([...ownAccount.ownTokenIds]).toEqual([]);
    expect([...applied(entered(), NO_POLICY).ownTokenIds]).toEqual([]);
  });
});

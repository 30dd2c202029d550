import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { forgetHiddenMatches, hiddenLeadIds, hiddenMatches, hideMatch, unhideMatch } from './hidden-matches';

const match = (accountId: string, value: string, leadId: string, hiddenAt = 1) => ({
  accountId,
  value,
  leadId,
  leadName: `Lead ${leadId}`,
  hiddenAt,
});

describe('leads hidden with "Not this person"', () => {
  it('are hidden for that value and that account only, and come back on undo', async () => {
    await hideMatch(match('acme', '+14155550134', 'lead-1'));
    expect(await hiddenLeadIds('acme', '+14155550134')).toEqual(new Set(['lead-1']));
    expect(await hiddenLeadIds('acme', 'jane@acme.com')).toEqual(new Set());
    expect(await hiddenLeadIds('nordic', '+14155550134')).toEqual(new Set());
    await unhideMatch('acme', '+14155550134', 'lead-1');
    expect(await hiddenLeadIds('acme', '+14155550134')).toEqual(new Set());
  });

  it('are listed per account, newest first, and go with the account', async () => {
    await hideMatch(match('team', 'a@x.example', 'lead-2', 10));
    await hideMatch(match('team', 'b@x.example', 'lead-3', 20));
    await hideMatch(match('other', 'a@x.example', 'lead-2', 30));
    expect((await hiddenMatches('team')).map((m) => m.leadId)).toEqual(['lead-3', 'lead-2']);
    await forgetHiddenMatches('team');
    expect(await hiddenMatches('team')).toEqual([]);
    expect(await hiddenMatches('other')).toHaveLength(1);
  });
});

import { describe, expect, it } from 'vitest';
import { isFirstStage, nextActionHints, type HintableLead, type MegaIdentity } from './next-action';

const NOW = Date.parse('2026-01-15T12:00:00Z');
const DAY = 24 * 3600 * 1000;
const ago = (days: number) => new Date(NOW - days * DAY).toISOString();

/** A lead that needs nothing: contacted yesterday, owned, mid-pipeline. */
function lead(changes: Partial<HintableLead> = {}): HintableLead {
  return {
    created_at: ago(30),
    score: 50,
    qualified: false,
    current_stage: { slug: 'contacted', name: 'Contacted' },
    owner: { id: 'u-me', name: 'Sam Lee', role_name: 'Agent' },
    last_interaction_at: ago(1),
    interaction_count: 4,
    ...changes,
  };
}

const texts = (changes: Partial<HintableLead>, me?: MegaIdentity) =>
  nextActionHints(lead(changes), NOW, me).map((hint) => hint.text);

describe('nextActionHints', () => {
  it('has nothing to say about a lead that is being worked', () => {
    expect(nextActionHints(lead(), NOW)).toEqual([]);
  });

  it.each([
    [ago(1), []],
    [ago(6.9), []],
    [ago(7), ['No contact for 7 days']],
    [ago(9), ['No contact for 9 days']],
    [ago(13.9), ['No contact for 13 days']],
    [ago(14), ['No contact for 2 weeks']],
    [ago(45), ['No contact for 6 weeks']],
    ['2025-11-15T12:00:00Z', ['No contact for 2 months']],
    ['2025-02-01T00:00:00Z', ['No contact for 11 months']],
    // 19 months: whole years only, never rounded up.
    ['2024-06-15T12:00:00Z', ['No contact for 1 year']],
    ['2023-12-01T00:00:00Z', ['No contact for 2 years']],
    // A date in the future (a clock out of step) or one that cannot be read says nothing.
    [ago(-3), []],
    ['not a date', []],
  ])('last interaction %s: %j', (last, expected) => {
    expect(texts({ last_interaction_at: last })).toEqual(expected);
  });

  it.each([
    [null, 0, ['Never contacted']],
    [null, null, ['Never contacted']],
    [undefined, undefined, ['Never contacted']],
    // A count without a date contradicts itself: no guess.
    [null, 3, []],
  ])('last interaction %j with %j interactions: %j', (last, count, expected) => {
    expect(texts({ last_interaction_at: last, interaction_count: count })).toEqual(expected);
  });

  it.each([
    [true, null, ['Qualified · no owner']],
    [true, { name: 'Sam Lee' }, ['Qualified · no owner']],
    [true, { id: '', name: 'Sam Lee' }, ['Qualified · no owner']],
    [true, { id: 'u-me', name: 'Sam Lee' }, []],
    [false, null, []],
    [null, null, []],
  ])('qualified %j, owner %j: %j', (qualified, owner, expected) => {
    expect(texts({ qualified, owner })).toEqual(expected);
  });

  it.each([
    // score, stage, created days ago, hints
    [85, { slug: 'new_inquiry', name: 'New Inquiry' }, 3, ['High score, still in New Inquiry']],
    [80, { slug: 'new', name: 'New' }, 2, ['High score, still in New']],
    [92, { slug: 'inbound', name: 'New leads' }, 10, ['High score, still in New leads']],
    [92, { slug: 'new_lead' }, 10, ['High score, still in New lead']],
    [79, { slug: 'new_inquiry', name: 'New Inquiry' }, 10, []],
    [null, { slug: 'new_inquiry', name: 'New Inquiry' }, 10, []],
    [95, { slug: 'new_inquiry', name: 'New Inquiry' }, 1.9, []],
    [95, { slug: 'qualified', name: 'Qualified' }, 10, []],
    [95, null, 10, []],
  ])('score %j in %j created %j days ago: %j', (score, stage, days, expected) => {
    expect(texts({ score, current_stage: stage, created_at: ago(days) })).toEqual(expected);
  });

  it.each([
    // who the user said they are, owner, hints
    [{ id: 'u-me' }, { id: 'u-alex', name: 'Alex Kim', role_name: 'Closer' }, ['Owned by Alex Kim (Closer)']],
    [{ id: 'u-me' }, { id: 'u-alex', name: 'Alex Kim', role_name: null }, ['Owned by Alex Kim']],
    [{ id: 'u-me' }, { id: 'u-alex', name: 'Alex Kim', role_name: ' ' }, ['Owned by Alex Kim']],
    [{ id: 'u-me' }, { id: 'u-alex' }, ['Owned by someone else']],
    [{ id: 'u-me' }, { id: 'u-me', name: 'Sam Lee' }, []],
    [{ name: 'sam lee ' }, { id: 'u-me', name: 'Sam Lee' }, []],
    [{ name: 'Sam Lee' }, { id: 'u-alex', name: 'Alex Kim', role_name: 'Closer' }, ['Owned by Alex Kim (Closer)']],
    // The ids decide when both are known, whatever the names say.
    [{ id: 'u-me', name: 'Alex Kim' }, { id: 'u-alex', name: 'Alex Kim' }, ['Owned by Alex Kim']],
    // Nothing to compare: no caution.
    [{ id: 'u-me' }, { id: 'u-alex', name: null }, ['Owned by someone else']],
    [{ name: 'Sam Lee' }, { id: 'u-alex' }, []],
    [{}, { id: 'u-alex', name: 'Alex Kim' }, []],
    [undefined, { id: 'u-alex', name: 'Alex Kim' }, []],
    [{ id: 'u-me' }, null, []],
  ])('user %j, owner %j: %j', (me, owner, expected) => {
    expect(texts({ owner }, me)).toEqual(expected);
  });

  it('lists every hint that applies, most important first, each with its severity', () => {
    const hints = nextActionHints(
      lead({
        score: 90,
        qualified: true,
        owner: null,
        current_stage: { slug: 'new_inquiry', name: 'New Inquiry' },
        created_at: ago(5),
        last_interaction_at: null,
        interaction_count: 0,
      }),
      NOW,
      { id: 'u-me' },
    );
    expect(hints).toEqual([
      { kind: 'qualifiedWithoutOwner', severity: 'caution', text: 'Qualified · no owner' },
      { kind: 'highScoreStillNew', severity: 'caution', text: 'High score, still in New Inquiry' },
      { kind: 'neverContacted', severity: 'info', text: 'Never contacted' },
    ]);
    const someoneElses = nextActionHints(
      lead({ owner: { id: 'u-alex', name: 'Alex Kim' }, last_interaction_at: ago(9) }),
      NOW,
      { id: 'u-me' },
    );
    expect(someoneElses.map((hint) => [hint.kind, hint.severity])).toEqual([
      ['ownedBySomeoneElse', 'caution'],
      ['noContactFor', 'info'],
    ]);
  });
});

describe('isFirstStage', () => {
  it.each([
    [{ slug: 'new', name: 'New' }, true],
    [{ slug: 'new_inquiry', name: 'Inquiry received' }, true],
    [{ slug: 'New-Lead', name: 'Fresh' }, true],
    [{ slug: 'inquiry' }, true],
    [{ slug: 'stage_1', name: 'New Inquiry' }, true],
    [{ slug: 'stage_1', name: 'new' }, true],
    [{ slug: 'newsletter', name: 'Newsletter' }, false],
    [{ slug: 'renewal', name: 'Renewal' }, false],
    [{ slug: 'contacted', name: 'Contacted' }, false],
    [{}, false],
    [null, false],
  ])('%j: %s', (stage, expected) => {
    expect(isFirstStage(stage)).toBe(expected);
  });
});

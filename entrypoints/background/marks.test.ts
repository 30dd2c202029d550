import { describe, expect, it } from 'vitest';
import type { Connection } from './connection';
import type { IndexedLead, LeadIndex } from './lead-index/lead-index';
import { createMarksBudget, type MarksBudgetState } from './marks-budget';
import {
  createMarkedTabs,
  createMarksAnswers,
  knownLeads,
  markedSites,
  registerMarksScript,
  type KnownLeadsDeps,
  type MarkedTabsState,
  type MarkedTabsStore,
  type MarksScripting,
} from './marks';
import type { Lead } from '@/utils/api/schemas';
import type { Contact } from '@/utils/contact';
import type { HiddenMatch } from '@/utils/hidden-matches';
import { MARKS_SCRIPT_FILE, MARKS_SCRIPT_ID } from '@/utils/marks';
import { DEFAULT_SETTINGS, type Account, type Settings } from '@/utils/storage';

const ACCOUNT: Account = {
  id: 'account-demo-0001',
  name: 'Acme',
  customerId: 'customer-1',
  baseUrl: 'https://api.example.com',
  tokenMemory: 'local',
  revision: 1,
};

function lead(id: string, name: string, stage: Lead['current_stage'], extra: Partial<Lead> = {}): Lead {
  return {
    id,
    customer_id: 'customer-1',
    source_platform: 'direct',
    source_type: 'form',
    status: 'active',
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-02T00:00:00Z',
    contact_name: name,
    current_stage: stage,
    ...extra,
  };
}

const JANE = lead('lead-jane', 'Jane Cooper', { name: 'Qualified', color: '#0A0' });
const TEAL = lead('lead-teal', 'Terry Teal', { name: 'New', color: 'teal' });
const NO_STAGE = lead('lead-nostage', 'Nora Field', null);
const OTHER_JANE = lead('lead-jane-2', 'Jane Doe', { name: 'Won', color: '#123456' });

/** The copy on the device, by normalised value (E.164 or lower-case email), as the index keys it. */
type Copy = Record<string, Lead[]>;

function copyIndex(copy: Copy) {
  const asked: Contact[][] = [];
  const index: Pick<LeadIndex, 'lookupMany'> = {
    lookupMany: async (contacts) => {
      asked.push([...contacts]);
      return contacts.map((contact): IndexedLead[] =>
        (copy[contact.value] ?? []).map((found) => ({ lead: found, syncedAt: 1 })),
      );
    },
  };
  return { index, asked };
}

interface Setup {
  settings?: Partial<Settings>;
  account?: Account | null;
  copy?: Copy;
  /** No copy on this device at all. */
  noCopy?: boolean;
  /** The copy cannot answer now (not synced yet). */
  copyNotReady?: boolean;
  hidden?: HiddenMatch[] | Error;
}

function setup(options: Setup = {}) {
  const settings: Settings = { ...DEFAULT_SETTINGS, markSites: ['example.com'], ...options.settings };
  const account = options.account === undefined ? ACCOUNT : options.account;
  const connection: Connection = { settings, account, token: account ? 'token' : null };
  const { index, asked } = copyIndex(options.copy ?? {});
  const hiddenAskedFor: string[] = [];
  const deps: KnownLeadsDeps = {
    connection: { load: async () => connection },
    copy: {
      indexFor: async () => {
        if (options.noCopy) return null;
        if (options.copyNotReady) return { lookupMany: async () => null } as unknown as LeadIndex;
        // The marks use nothing of the index but lookupMany.
        return index as LeadIndex;
      },
    },
    hidden: async (accountId) => {
      hiddenAskedFor.push(accountId);
      if (options.hidden instanceof Error) throw options.hidden;
      return options.hidden ?? [];
    },
  };
  return { deps, asked, hiddenAskedFor };
}

const COPY: Copy = {
  '+14155550134': [JANE],
  'jane.cooper@acme.com': [JANE],
  '+442079460958': [TEAL],
  'nora.field@example.com': [NO_STAGE],
};

describe('which values on a page are known leads', () => {
  it('answers the known values as written, with the stage colour as #rrggbb and the stage name', async () => {
    const { deps } = setup({ copy: COPY });
    const reply = await knownLeads(
      ['(415) 555-0134', 'Jane.Cooper@ACME.com', '+44 20 7946 0958', 'nora.field@example.com', 'nobody@example.com'],
      'example.com',
      deps,
    );
    expect(reply).toEqual({
      known: [
        {
          value: '(415) 555-0134',
          color: '#00aa00',
          stage: 'Qualified',
          label: 'Known lead in MEGA, Qualified. Open the card',
        },
        {
          value: 'Jane.Cooper@ACME.com',
          color: '#00aa00',
          stage: 'Qualified',
          label: 'Known lead in MEGA, Qualified. Open the card',
        },
        // "teal" is not a colour MEGA's stages use: the neutral mark.
        { value: '+44 20 7946 0958', color: null, stage: 'New', label: 'Known lead in MEGA, New. Open the card' },
        { value: 'nora.field@example.com', color: null, stage: null, label: 'Known lead in MEGA. Open the card' },
      ],
    });
  });

  it('never says who the lead is', async () => {
    const { deps } = setup({ copy: COPY });
    const reply = await knownLeads(['(415) 555-0134', 'nora.field@example.com'], 'example.com', deps);
    const said = JSON.stringify(reply);
    for (const secret of ['Jane', 'Cooper', 'Nora', 'lead-jane', 'lead-nostage', 'customer-1'])
      expect(said).not.toContain(secret);
    for (const known of reply?.known ?? [])
      expect(Object.keys(known).sort()).toEqual(['color', 'label', 'stage', 'value']);
  });

  it('answers on the site however it is spelt ("www.", capitals)', async () => {
    const { deps } = setup({ copy: COPY, settings: { markSites: ['www.Example.com'] } });
    expect((await knownLeads(['(415) 555-0134'], 'example.com', deps))?.known).toHaveLength(1);
  });

  it.each<[string, Setup, string]>([
    ['marks are not on for the site', { settings: { markSites: ['other.example'] } }, 'example.com'],
    [
      'marks are on for another site of the same name only in part',
      { settings: { markSites: ['mail.example.com'] } },
      'example.com',
    ],
    [
      'lookups are off on the site',
      { settings: { markSites: ['example.com'], disabledSites: ['www.example.com'] } },
      'example.com',
    ],
    ['there is no account', { account: null }, 'example.com'],
    ['the account keeps no copy on this device', { noCopy: true }, 'example.com'],
    ['the copy has not been synced yet', { copyNotReady: true }, 'example.com'],
  ])('answers nothing when %s', async (_what, options, site) => {
    const { deps, asked } = setup({ copy: COPY, ...options });
    expect(await knownLeads(['(415) 555-0134'], site, deps)).toBeNull();
    expect(asked).toEqual([]);
  });

  it('answers a question that comes before the background heard marks were turned on for the site', async () => {
    const { deps } = setup({ copy: COPY, settings: { markSites: [] } });
    const turnedOn: Connection = {
      ...(await deps.connection.load()),
      settings: { ...DEFAULT_SETTINGS, markSites: ['example.com'] },
    };
    let reloads = 0;
    const withReload: KnownLeadsDeps = { ...deps, reload: async () => (reloads++, turnedOn) };
    expect((await knownLeads(['(415) 555-0134'], 'example.com', withReload))?.known).toHaveLength(1);
    expect(reloads).toBe(1);
    // Still off for another site, read again: nothing.
    expect(await knownLeads(['(415) 555-0134'], 'other.example', withReload)).toBeNull();
  });

  it('leaves out a lead hidden with "Not this person" for that value, and only for that value', async () => {
    const hidden: HiddenMatch[] = [
      { accountId: ACCOUNT.id, value: '+14155550134', leadId: JANE.id, leadName: 'Jane Cooper', hiddenAt: 1 },
    ];
    const { deps, hiddenAskedFor } = setup({ copy: COPY, hidden });
    const reply = await knownLeads(['(415) 555-0134', 'jane.cooper@acme.com'], 'example.com', deps);
    expect(reply?.known.map((known) => known.value)).toEqual(['jane.cooper@acme.com']);
    expect(hiddenAskedFor).toEqual([ACCOUNT.id]);
  });

  it('marks a value by another of its leads when one of them is hidden', async () => {
    const hidden: HiddenMatch[] = [
      { accountId: ACCOUNT.id, value: '+14155550134', leadId: JANE.id, leadName: 'Jane Cooper', hiddenAt: 1 },
    ];
    const { deps } = setup({ copy: { '+14155550134': [JANE, OTHER_JANE] }, hidden });
    expect(await knownLeads(['(415) 555-0134'], 'example.com', deps)).toEqual({
      known: [
        { value: '(415) 555-0134', color: '#123456', stage: 'Won', label: 'Known lead in MEGA, Won. Open the card' },
      ],
    });
  });

  it('still answers when the hidden leads cannot be read', async () => {
    const { deps } = setup({ copy: COPY, hidden: new Error('storage gone') });
    expect((await knownLeads(['(415) 555-0134'], 'example.com', deps))?.known).toHaveLength(1);
  });

  it('looks up each value that reads as a contact, once, and leaves out the others', async () => {
    const { deps, asked } = setup({ copy: COPY });
    const reply = await knownLeads(
      ['555-0134', '(415) 555-0134', 'not a contact', '(415) 555-0134', 'jane@'],
      'example.com',
      deps,
    );
    expect(reply?.known.map((known) => known.value)).toEqual(['(415) 555-0134']);
    expect(asked).toEqual([[{ kind: 'phone', value: '+14155550134', display: expect.any(String) }]]);
  });

  it('reads national numbers with the region in the settings', async () => {
    const { deps, asked } = setup({ copy: { '+33142685300': [JANE] }, settings: { defaultRegion: 'FR' } });
    expect((await knownLeads(['01 42 68 53 00'], 'example.com', deps))?.known).toHaveLength(1);
    expect(asked[0]?.map((contact) => contact.value)).toEqual(['+33142685300']);
  });
});

describe("the marks' answers, within each page's budget", () => {
  const load = 'Qk3tR0aZ-pL_9xWc';

  function answers(options: Setup & { perLoad?: number } = {}) {
    const { deps, asked } = setup({ copy: COPY, ...options });
    let saved: MarksBudgetState | null = null;
    const budget = createMarksBudget(
      { load: async () => saved, save: async (state) => void (saved = state) },
      { perLoad: options.perLoad ?? 300 },
    );
    const tabs: number[] = [];
    return { marks: createMarksAnswers({ ...deps, budget, saw: (tabId) => tabs.push(tabId) }), asked, tabs, budget };
  }

  it('answers a page of a marked https site, and notes the tab as holding marks', async () => {
    const { marks, tabs } = answers();
    const reply = await marks.known({ values: ['(415) 555-0134'], load }, { site: 'example.com', tabId: 4 });
    expect(reply?.known.map((known) => known.value)).toEqual(['(415) 555-0134']);
    expect(tabs).toEqual([4]);
  });

  it.each([
    ['an http page of a site marked for its https pages', 'http://example.com'],
    ['a page that is no web page', null],
  ])('answers nothing to %s, and counts nothing', async (_what, site) => {
    const { marks, asked, budget } = answers({ perLoad: 1 });
    expect(await marks.known({ values: ['(415) 555-0134'], load }, { site, tabId: 4 })).toBeNull();
    expect(asked).toEqual([]);
    expect(await budget.take(4, load, 'example.com', ['a@example.com'])).toBeNull();
  });

  it('answers an http page where marks were turned on for the http pages', async () => {
    const { marks } = answers({ settings: { markSites: ['http://example.com'] } });
    const reply = await marks.known({ values: ['(415) 555-0134'], load }, { site: 'http://example.com', tabId: 4 });
    expect(reply?.known).toHaveLength(1);
  });

  it('tells a page past its budget to stop, with no answer, and the popup why', async () => {
    const { marks } = answers({ perLoad: 1 });
    const reply = await marks.known(
      { values: ['(415) 555-0134', 'jane.cooper@acme.com'], load },
      { site: 'example.com', tabId: 4 },
    );
    expect(reply).toEqual({ known: [], stopped: 'page' });
    expect(await marks.stoppedIn(4)).toBe('page');
  });

  it('notes a page that stopped on values added in bulk, for the popup', async () => {
    const { marks, asked } = answers();
    expect(await marks.known({ values: [], load, bulk: true }, { site: 'example.com', tabId: 4 })).toEqual({
      known: [],
      stopped: 'bulk',
    });
    expect(asked).toEqual([]);
    expect(await marks.stoppedIn(4)).toBe('bulk');
  });
});

describe('the sites that get marks', () => {
  it('are those switched on, less those where lookups are off', () => {
    expect(
      markedSites({ markSites: ['a.example', 'b.example', 'c.example'], disabledSites: ['www.b.example'] }),
    ).toEqual(['a.example', 'c.example']);
  });
});

/** `browser.scripting` as far as the marks use it, recording each call. */
function fakeScripting(registered: string[] = []) {
  const calls: Array<[string, unknown]> = [];
  let ids = [...registered];
  const scripting = {
    getRegisteredContentScripts: async (filter?: { ids?: string[] }) => {
      calls.push(['get', filter]);
      return ids.filter((id) => !filter?.ids || filter.ids.includes(id)).map((id) => ({ id }));
    },
    registerContentScripts: async (scripts: Array<{ id: string }>) => {
      calls.push(['register', scripts]);
      ids.push(...scripts.map((script) => script.id));
    },
    updateContentScripts: async (scripts: unknown) => {
      calls.push(['update', scripts]);
    },
    unregisterContentScripts: async (filter?: { ids?: string[] }) => {
      calls.push(['unregister', filter]);
      ids = ids.filter((id) => !filter?.ids?.includes(id));
    },
    executeScript: async () => [],
  };
  // The browser's own overloads and result types are wider than these fakes need to be.
  return { scripting: scripting as unknown as MarksScripting, calls, registered: () => ids };
}

describe('where the marks script runs', () => {
  const script = (matches: string[]) => ({
    id: MARKS_SCRIPT_ID,
    js: [MARKS_SCRIPT_FILE],
    matches,
    runAt: 'document_idle',
    allFrames: false,
  });

  it('registers it for the https pages of the marked sites, www. too, top frames only; http only where turned on for http', async () => {
    const { scripting, calls } = fakeScripting();
    await registerMarksScript(
      {
        markSites: ['example.com', 'off.example', 'http://127.0.0.1', 'http://off.example'],
        disabledSites: ['off.example'],
      },
      scripting,
    );
    expect(calls.slice(1)).toEqual([
      ['register', [script(['https://example.com/*', 'https://www.example.com/*', 'http://127.0.0.1/*'])]],
    ]);
  });

  it('updates the registration when the sites change', async () => {
    const { scripting, calls } = fakeScripting([MARKS_SCRIPT_ID]);
    await registerMarksScript({ markSites: ['example.org'], disabledSites: [] }, scripting);
    expect(calls.slice(1)).toEqual([['update', [script(['https://example.org/*', 'https://www.example.org/*'])]]]);
  });

  it('takes it away when no site is left (the last one turned off, or lookups turned off there)', async () => {
    const { scripting, calls, registered } = fakeScripting([MARKS_SCRIPT_ID]);
    await registerMarksScript({ markSites: ['example.com'], disabledSites: ['example.com'] }, scripting);
    expect(calls.slice(1)).toEqual([['unregister', { ids: [MARKS_SCRIPT_ID] }]]);
    expect(registered()).toEqual([]);
  });

  it('does nothing when no site has marks and none is registered', async () => {
    const { scripting, calls } = fakeScripting();
    await registerMarksScript({ markSites: [], disabledSites: [] }, scripting);
    expect(calls).toEqual([['get', { ids: [MARKS_SCRIPT_ID] }]]);
  });

  it('can run at every start and after every change: twice in a row registers once', async () => {
    const { scripting, calls } = fakeScripting();
    const settings = { markSites: ['example.com'], disabledSites: [] };
    await registerMarksScript(settings, scripting);
    await registerMarksScript(settings, scripting);
    expect(calls.map(([name]) => name)).toEqual(['get', 'register', 'get', 'update']);
  });
});

describe('reading marked pages again', () => {
  /** Tells each tab by message, as the background does; tabs in `gone` are closed. */
  function tabsTold(gone: Set<number>) {
    const told: number[] = [];
    const refresh = async (tabId: number) => {
      told.push(tabId);
      if (gone.has(tabId)) throw new Error('Could not establish connection. Receiving end does not exist.');
      return true;
    };
    return { refresh, told };
  }

  it('tells each tab that asked to read its page again, once each, and forgets tabs that are gone', async () => {
    const { refresh, told } = tabsTold(new Set([8]));
    const tabs = createMarkedTabs(refresh);
    tabs.saw(7);
    tabs.saw(8);
    tabs.saw(7);

    await tabs.refreshAll();
    expect(told.sort()).toEqual([7, 8]);

    await tabs.refreshAll();
    expect(told).toEqual([7, 8, 7]);
  });

  it('tells no tab before one has asked', async () => {
    const { refresh, told } = tabsTold(new Set());
    await createMarkedTabs(refresh).refreshAll();
    expect(told).toEqual([]);
  });

  /** Session storage, as a restarted background finds it. */
  function sessionStore(): MarkedTabsStore {
    let saved: MarkedTabsState | null = null;
    return { load: async () => structuredClone(saved), save: async (state) => void (saved = structuredClone(state)) };
  }
  const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

  it('reads the pages again when what the marks are drawn from changes, not when it stays', async () => {
    const { refresh, told } = tabsTold(new Set());
    const tabs = createMarkedTabs(refresh, sessionStore());
    await tabs.drawnFrom('account A');
    tabs.saw(7);
    await settle();
    await tabs.drawnFrom('account A');
    expect(told).toEqual([]);
    await tabs.drawnFrom('account B');
    expect(told).toEqual([7]);
  });

  it("a background stopped, then woken by the switch to another account, still clears the last account's marks", async () => {
    const store = sessionStore();
    const before = createMarkedTabs(tabsTold(new Set()).refresh, store);
    await before.drawnFrom('account A');
    before.saw(7);
    before.saw(9);
    await settle();
    // The background stops; the user switches to B; the new background first reads B.
    const { refresh, told } = tabsTold(new Set());
    await createMarkedTabs(refresh, store).drawnFrom('account B');
    expect(told.sort()).toEqual([7, 9]);
  });
});

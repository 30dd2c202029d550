/**
 * The panel's answers in the background, against the local MEGA server over real HTTP: the copy
 * answers with no request, MEGA is asked only for what the copy could not answer, and an import
 * sent again with its key creates nobody twice.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createMegaServer, BULK_PATH, type MegaServerOptions } from '@/server/mega-server';
import { ANCHORS } from '@/server/seed';
import { DEMO_TOKEN } from '@/server/credentials';
import { createBulkImports } from './bulk-import';
import { demoAccountAt } from './demo-account.testing';
import type { DeviceCopy } from './device-copy';
import type { LeadIndex } from './lead-index/lead-index';
import { LookupCache } from './lookup-cache';
import { createLookups } from './lookups';
import { createPanelAnswers } from './panel';
import { createStageBook } from './stages';
import type { Lead } from '@/utils/api/schemas';
import type { HiddenMatch } from '@/utils/hidden-matches';
import type { LookupAnswer, LookupRecord } from '@/utils/storage';

type MegaServer = Awaited<ReturnType<typeof createMegaServer>>;
const servers: MegaServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** The copy on this device, by normalised value; null: no copy. */
type Copy = Record<string, Lead[]> | null;

async function setup(options: { copy?: Copy; hidden?: HiddenMatch[]; server?: MegaServerOptions } = {}) {
  const server = await createMegaServer({ quiet: true, ...options.server });
  servers.push(server);
  const { connection } = demoAccountAt(server.url, DEMO_TOKEN, { defaultRegion: 'US' });
  const copy = options.copy ?? null;
  const index = {
    lookupMany: async (contacts: readonly { value: string }[]) =>
      contacts.map((contact) => (copy?.[contact.value] ?? []).map((lead) => ({ lead, syncedAt: 1 }))),
  } as unknown as LeadIndex;
  let syncs = 0;
  const deviceCopy = {
    indexFor: async () => (copy ? index : null),
    syncNow: async () => {
      syncs += 1;
      return null;
    },
  } as unknown as DeviceCopy;
  const stages = createStageBook();
  const lookups = createLookups({
    connection,
    stages,
    cache: new LookupCache<LookupAnswer>({ ttlMs: 300_000 }),
    records: new LookupCache<LookupRecord>({ ttlMs: 300_000 }),
  });
  let marksRedrawn = 0;
  const panel = createPanelAnswers({
    connection,
    copy: deviceCopy,
    lookups,
    stages,
    hidden: async () => options.hidden ?? [],
    imports: createBulkImports({ connection }),
    leadsAdded: async () => {
      marksRedrawn += 1;
    },
  });
  return { server, panel, syncs: () => syncs, marksRedrawn: () => marksRedrawn };
}

const jane = (server: MegaServer) => server.leads.find((lead) => lead.id === ANCHORS.jane.id)!;

describe('the panel’s rows', () => {
  it('are answered from the copy with no request, one number written three ways read alike', async () => {
    const seeded = (await setup()).server;
    const { server, panel } = await setup({ copy: { '+14155550134': [jane(seeded)] } });
    const rows = await panel.rows(['(415) 555-0134', '+1 415 555 0134', 'mei@northwind.example', 'not a value']);
    expect(rows?.fromCopy).toBe(true);
    expect(rows?.values.map((value) => [value.written, value.contact.value, value.answer.state])).toEqual([
      ['(415) 555-0134', '+14155550134', 'known'],
      ['+1 415 555 0134', '+14155550134', 'known'],
      ['mei@northwind.example', 'mei@northwind.example', 'none'],
    ]);
    expect(server.requests, 'requests').toEqual([]);
  });

  it('leave out a lead the user said is not this person', async () => {
    const { server } = await setup();
    const { panel } = await setup({
      copy: { '+14155550134': [jane(server)] },
      hidden: [{ accountId: 'demo', value: '+14155550134', leadId: ANCHORS.jane.id, leadName: 'Jane', hiddenAt: 1 }],
    });
    const rows = await panel.rows(['(415) 555-0134']);
    expect(rows?.values[0]?.answer).toEqual({ state: 'none', hidden: 1 });
  });

  it('without the copy, come back unchecked, and are checked with MEGA one request each', async () => {
    const { server, panel } = await setup();
    const rows = await panel.rows(['(415) 555-0134', 'nobody@nowhere.example']);
    expect(rows?.fromCopy).toBe(false);
    expect(rows?.values.map((value) => value.answer.state)).toEqual(['unchecked', 'unchecked']);
    expect(server.requests).toEqual([]);
    const checked = await panel.check(['(415) 555-0134', 'nobody@nowhere.example']);
    expect(checked.stopped).toBeNull();
    expect(checked.values.map((value) => value.answer.state)).toEqual(['known', 'none']);
    expect(server.requests.map((request) => request.query.search)).toEqual(['+14155550134', 'nobody@nowhere.example']);
    // Asked again, the cache answers.
    await panel.check(['(415) 555-0134']);
    expect(server.requests).toHaveLength(2);
  });

  it('stop checking at MEGA’s refusal and say why', async () => {
    const { server, panel } = await setup();
    server.injectFault({ type: 'status', status: 401 });
    const checked = await panel.check(['(415) 555-0134', 'nobody@nowhere.example']);
    expect(checked.values).toEqual([]);
    expect(checked.stopped?.kind).toBe('unauthenticated');
    expect(server.requests).toHaveLength(1);
  });
});

describe('adding the panel’s rows', () => {
  const ROWS = [
    { row_ref: 'row-1', contact_email: 'Amelie@Dubois-Avocats.example', contact_phone: '+33 1 42 68 53 00' },
    { row_ref: 'row-2', contact_phone: '(971) 555-0163', contact_name: 'Dario Ferrante' },
  ];

  it('previews with one dry run, then adds with one import: the copy syncs and the marks are drawn again', async () => {
    const { server, panel, syncs, marksRedrawn } = await setup();
    const preview = await panel.preview(ROWS);
    expect(preview).toMatchObject({ ok: true, result: { dry_run: true, summary: { created: 1, updated: 1 } } });
    const added = await panel.add(ROWS, 'panel-add-1');
    expect(added).toMatchObject({ ok: true, result: { dry_run: false, summary: { created: 1, updated: 1 } } });
    const bulk = server.requests.filter((request) => request.path === BULK_PATH);
    expect(bulk.map((request) => request.idempotencyKey)).toEqual([null, 'panel-add-1']);
    expect((bulk[1]?.body as { leads: unknown[] }).leads).toEqual([
      {
        row_ref: 'row-1',
        source_type: 'manual',
        contact_email: 'amelie@dubois-avocats.example',
        contact_phone: '+33142685300',
      },
      { row_ref: 'row-2', source_type: 'manual', contact_name: 'Dario Ferrante', contact_phone: '+19715550163' },
    ]);
    expect([syncs(), marksRedrawn()]).toEqual([1, 1]);
  });

  it('sent again with its key (a retry after a lost answer), creates nobody twice', async () => {
    const { server, panel } = await setup();
    const before = server.leads.length;
    const first = await panel.add(ROWS, 'panel-add-retry');
    const again = await panel.add(ROWS, 'panel-add-retry');
    expect(again).toEqual(first);
    expect(server.leads.length).toBe(before + 1);
    expect(server.leads.filter((lead) => lead.contact_name === 'Dario Ferrante')).toHaveLength(1);
  });
});

/**
 * The background's bulk import against the local MEGA server over real HTTP: the account's own
 * client and budgets, as the background wires them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createMegaServer, BULK_PATH, LEADS_PATH, type MegaServerOptions } from '@/server/mega-server';
import { DEMO_TOKEN, READ_ONLY_TOKEN } from '@/server/credentials';
import { createBulkImports } from './bulk-import';
import { demoAccountAt } from './demo-account.testing';
import { failureText } from '@/utils/api/errors';
import type { BulkImport } from '@/utils/api/schemas';
import type { Settings } from '@/utils/storage';

type MegaServer = Awaited<ReturnType<typeof createMegaServer>>;

const servers: MegaServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const ROWS: BulkImport = {
  leads: [
    { row_ref: 'rosa', contact_name: 'Rosa Delgado', contact_email: 'rosa.delgado@example.org' },
    { row_ref: 'jane', contact_email: 'jane.cooper@acme.com' },
  ],
};

async function setup(options: MegaServerOptions = {}, token = DEMO_TOKEN, settings: Partial<Settings> = {}) {
  const server = await createMegaServer({ quiet: true, ...options });
  servers.push(server);
  const { saved, connection } = demoAccountAt(server.url, token, settings);
  return { server, connection, saved, imports: createBulkImports({ connection }) };
}

describe('the bulk import in the background', () => {
  it('previews, then adds with the key of the action: one request each', async () => {
    const { server, imports } = await setup();
    const preview = await imports.preview(ROWS);
    expect(preview).toMatchObject({ ok: true, result: { dry_run: true, summary: { created: 1, updated: 1 } } });
    const added = await imports.add(ROWS, 'add-two');
    expect(added).toMatchObject({ ok: true, result: { dry_run: false, summary: { created: 1, updated: 1 } } });
    expect(server.requests.map((request) => [request.path, request.idempotencyKey])).toEqual([
      [BULK_PATH, null],
      [BULK_PATH, 'add-two'],
    ]);
  });

  it("spends the import's own budget: once it is used up, imports wait and lookups go on", async () => {
    const { server, connection, saved, imports } = await setup({ bulkRateLimit: { perMinute: 1 } });
    expect((await imports.preview(ROWS)).ok).toBe(true);
    // MEGA's answer said none are left this minute: the import is held back without a request.
    for (const key of ['too-soon', 'still-too-soon']) {
      const held = await imports.add(ROWS, key);
      if (held.ok) throw new Error('expected the bulk limit');
      expect(held.failure).toMatchObject({ kind: 'rate_limited', reason: 'bulk-rate-limited' });
      expect(held.failure.retryAfterSeconds).toBeGreaterThan(0);
    }
    expect(server.requests).toHaveLength(1);
    // The lookups' budget knows nothing of it.
    expect(connection.budgetStatus(saved)).toBeNull();
    const link = connection.accountFor(saved)!;
    expect(link.budget.request('automatic').ok).toBe(true);
    await link.client.listLeads({ search: 'jane' });
    expect(server.requests.at(-1)?.path).toBe(LEADS_PATH);
    expect(connection.budgetStatus(saved)).toMatchObject({ limit: 60 });
  });

  it('a 429 on an import holds back the next import, not the lookups', async () => {
    const { server, connection, saved, imports } = await setup();
    server.injectFault({ type: 'status', status: 429, retryAfter: 50 });
    const limited = await imports.add(ROWS, 'limited');
    expect(limited).toMatchObject({ ok: false, failure: { kind: 'rate_limited', retryAfterSeconds: 50 } });
    expect(await imports.add(ROWS, 'limited')).toMatchObject({ ok: false, failure: { reason: 'bulk-rate-limited' } });
    expect(server.requests).toHaveLength(1);
    const link = connection.accountFor(saved)!;
    expect(link.budget.request('automatic').ok).toBe(true);
  });

  it('says so when the token may not add leads', async () => {
    const { imports } = await setup({}, READ_ONLY_TOKEN);
    const reply = await imports.preview(ROWS);
    if (reply.ok) throw new Error('expected a refusal');
    expect(reply.failure).toMatchObject({ kind: 'forbidden', reason: 'no-write-scope' });
    expect(failureText(reply.failure)).toMatch(/may look leads up but not add them/);
  });

  it('sends nothing while adding leads is turned off', async () => {
    const { server, imports } = await setup({}, DEMO_TOKEN, { allowCreate: false });
    expect(await imports.add(ROWS, 'off')).toEqual({
      ok: false,
      failure: { kind: 'forbidden', reason: 'create-turned-off' },
    });
    expect(server.requests).toHaveLength(0);
  });

  it('sends nothing without an account', async () => {
    const { server, imports } = await setup({}, '');
    expect(await imports.preview(ROWS)).toMatchObject({ ok: false, failure: { reason: 'not-connected' } });
    expect(server.requests).toHaveLength(0);
  });
});

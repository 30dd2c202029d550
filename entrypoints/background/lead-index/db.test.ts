import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import type { Lead } from '@/utils/api/schemas';
import { initialMeta, isQuotaError, LeadDb, type SyncMeta } from './db';
import { leadKeys } from './keys';

const open: LeadDb[] = [];
afterEach(() => open.splice(0).forEach((db) => db.close()));

async function freshDb(): Promise<LeadDb> {
  const db = await LeadDb.open(new IDBFactory(), 'lead-lens-leads-test', () => undefined);
  open.push(db);
  return db;
}

function version(id: string, updated_at: string, contact_name: string): Lead {
  return {
    id,
    customer_id: 'c1',
    source_platform: 'direct',
    source_type: 'manual',
    status: 'active',
    created_at: '2025-01-01T00:00:00Z',
    updated_at,
    contact_name,
    contact_email: `${id}@example.com`,
  };
}

const context = (generation: number, syncedAt: number) => ({
  generation,
  syncedAt,
  keysOf: (lead: Lead) => leadKeys(lead, 'US'),
});
const next =
  (meta: SyncMeta) =>
  ({ added, newestMs }: { added: number; newestMs: number | null }) => ({
    ...meta,
    count: meta.count + added,
    rev: meta.rev + 1,
    lastUpdatedMs: newestMs,
  });

describe('LeadDb.writePage', () => {
  it('keeps the newer version of a lead, whichever arrives last, and marks it seen either way', async () => {
    const db = await freshDb();
    let meta = initialMeta('US');
    const newer = version('a', '2025-03-02T10:00:00Z', 'Newer');
    const older = version('a', '2025-03-01T10:00:00Z', 'Older');

    ({ meta } = await db.writePage([newer], context(1, 100), next(meta)));
    const second = await db.writePage(
      [older, version('b', '2025-03-01T00:00:00Z', 'Bea')],
      context(2, 200),
      next(meta),
    );

    expect(second.written.map((row) => row.id)).toEqual(['b']);
    expect(second.meta).toMatchObject({ count: 2, rev: 2 });
    const [a, b] = await db.get(['a', 'b']);
    expect(a).toMatchObject({ lead: { contact_name: 'Newer' }, syncedAt: 100, generation: 2 });
    expect(b).toMatchObject({ lead: { contact_name: 'Bea' }, syncedAt: 200, generation: 2 });
    expect(await db.readMeta()).toEqual(second.meta);
  });

  it('takes the later of two versions in the same page', async () => {
    const db = await freshDb();
    const meta = initialMeta('US');
    const { written, meta: after } = await db.writePage(
      [version('a', '2025-03-02T10:00:00Z', 'Second'), version('a', '2025-03-01T10:00:00Z', 'First')],
      context(1, 1),
      next(meta),
    );
    expect(after.count).toBe(1);
    expect(written.map((row) => row.lead.contact_name)).toEqual(['Second']);
    expect((await db.find({ email: 'a@example.com' })).map((row) => row.lead.contact_name)).toEqual(['Second']);
  });
});

describe('LeadDb.sweep', () => {
  it('removes exactly the leads the last full sync did not see', async () => {
    const db = await freshDb();
    let meta = initialMeta('US');
    ({ meta } = await db.writePage(
      [version('a', '2025-01-02T00:00:00Z', 'A'), version('b', '2025-01-02T00:00:00Z', 'B')],
      context(1, 1),
      next(meta),
    ));
    ({ meta } = await db.writePage([version('b', '2025-01-02T00:00:00Z', 'B')], context(2, 2), next(meta)));
    const { removed, meta: after } = await db.sweep(2, (count) => ({ ...meta, count: meta.count - count }));
    expect(removed).toEqual(['a']);
    expect(after.count).toBe(1);
    expect(await db.get(['a', 'b'])).toEqual([undefined, expect.objectContaining({ id: 'b' })]);
  });
});

it.each([
  [new DOMException('full', 'QuotaExceededError'), true],
  [{ name: 'NS_ERROR_DOM_QUOTA_REACHED' }, true],
  [new DOMException('gone', 'AbortError'), false],
  [new Error('QuotaExceededError'), false],
  [null, false],
])('isQuotaError(%s) is %s', (error, quota) => {
  expect(isQuotaError(error)).toBe(quota);
});

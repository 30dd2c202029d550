/**
 * Adding many leads at once: the bulk import's dry run ("what would each row become?") and the
 * import itself. Both are the user's own requests, so they may use the whole of the import's
 * rate budget, which MEGA counts apart: they never spend the lookups' share, nor theirs this.
 */
import type { MegaClient } from './api/client';
import { notConnectedFailure, spend, type ConnectionService } from './connection';
import { toApiFailure } from '@/utils/api/errors';
import type { BulkImport, BulkImportResult } from '@/utils/api/schemas';
import type { BulkImportReply } from '@/utils/protocol';

export type { BulkImportReply };

export function createBulkImports(deps: { connection: ConnectionService }) {
  async function send(call: (client: MegaClient) => Promise<BulkImportResult>): Promise<BulkImportReply> {
    const connection = await deps.connection.load();
    if (!connection.settings.allowCreate) {
      return { ok: false, failure: { kind: 'forbidden', reason: 'create-turned-off' } };
    }
    const account = deps.connection.accountFor(connection);
    if (!account) return { ok: false, failure: notConnectedFailure() };
    try {
      spend(account.bulkBudget, 'explicit', 'bulk-rate-limited');
      return { ok: true, result: await call(account.client) };
    } catch (error) {
      return { ok: false, failure: toApiFailure(error) };
    }
  }

  return {
    /** What each row would become; nothing is written. */
    preview: (request: BulkImport, signal?: AbortSignal): Promise<BulkImportReply> =>
      send((client) => client.previewImport(request, signal ? { signal } : {})),

    /**
     * Creates or merges the rows. `idempotencyKey` belongs to the user's action and is sent again
     * unchanged when the action is retried, so a retry after a lost answer creates nothing twice.
     */
    add: (request: BulkImport, idempotencyKey: string): Promise<BulkImportReply> =>
      send((client) => client.importLeads(request, { idempotencyKey })),
  };
}

export type BulkImports = ReturnType<typeof createBulkImports>;

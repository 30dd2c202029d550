/**
 * The popup search's rows in memory, and their snapshot in the database: a restarted worker reads
 * the snapshot when it is current (its `rev` is the copy's) instead of every lead.
 */
import { CHUNK, type CopyState } from './copy-state';
import { SearchRows } from './search-rows';

export interface RowSnapshot {
  /** The rows, when built: every write to the copy updates them too. */
  built(): SearchRows | null;
  /** The rows, built from the saved snapshot when it is current, else from the leads. */
  load(): Promise<SearchRows>;
  /** Saves the rows for the next worker, unless they are saved already. */
  save(): void;
  /** Lets the rows go (the copy closed or emptied): built again on the next search. */
  drop(): void;
  /** Settles once the last save is over. */
  saved(): Promise<void>;
}

export function createRowSnapshot(copy: CopyState): RowSnapshot {
  /** The search rows, in step with the leads whenever not null. */
  let rows: SearchRows | null = null;
  let savedRev = -1;
  let saving: Promise<void> = Promise.resolve();

  function save(): void {
    if (!rows || savedRev === copy.meta.rev || copy.closedBy) return;
    const rev = copy.meta.rev;
    // Only an optimisation: a failure leaves the next worker to build the rows from the leads.
    saving = copy.db.saveSnapshot({ rev, rows: rows.pack() }).then(
      () => {
        savedRev = rev;
      },
      () => undefined,
    );
  }

  return {
    built: () => rows,
    load() {
      if (rows) return Promise.resolve(rows);
      return copy.exclusive(async () => {
        if (rows) return rows;
        const snapshot = await copy.db.readSnapshot();
        const restored = snapshot?.rev === copy.meta.rev ? SearchRows.unpack(snapshot.rows) : null;
        if (restored) {
          rows = restored;
          savedRev = copy.meta.rev;
          return restored;
        }
        const built = new SearchRows();
        await copy.db.forEachChunk(CHUNK, (chunk) => {
          for (const row of chunk) built.upsert(row.lead);
        });
        rows = built;
        save();
        return built;
      });
    },
    save,
    drop() {
      rows = null;
    },
    saved: () => saving,
  };
}

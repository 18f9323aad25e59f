// How much of the database file the cache uses, for its size cap and `cache stats`.
import type { Db } from './database.js';

/** Pages in use (free pages are reused before the file grows). */
export function usedBytes(db: Db): number {
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const pages = db.pragma('page_count', { simple: true }) as number;
  const free = db.pragma('freelist_count', { simple: true }) as number;
  return (pages - free) * pageSize;
}

export function fileBytes(db: Db): number {
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const pages = db.pragma('page_count', { simple: true }) as number;
  return pages * pageSize;
}

export interface StoreStats {
  events: number;
  /** Bytes in use (what the size cap limits). */
  bytes: number;
  /** Size of the database file (free pages included). */
  fileBytes: number;
  maxBytes: number;
  oldest?: number;
  newest?: number;
}

export function cacheStats(db: Db, maxBytes: number): StoreStats {
  const row = db.prepare(`SELECT COUNT(*) AS n, MIN(created_at) AS oldest, MAX(created_at) AS newest FROM events`).get() as {
    n: number;
    oldest: number | null;
    newest: number | null;
  };
  return {
    events: row.n,
    bytes: usedBytes(db),
    fileBytes: fileBytes(db),
    maxBytes,
    ...(row.oldest === null ? {} : { oldest: row.oldest }),
    ...(row.newest === null ? {} : { newest: row.newest }),
  };
}

const paused = new WeakMap<Db, { count: number; pages: number }>();

/**
 * Turns SQLite's automatic checkpoint off while any writer asks (write-buffer.ts
 * checkpoints in small steps instead), and back to what it was after the last.
 */
export function pauseAutoCheckpoint(db: Db): () => void {
  let state = paused.get(db);
  if (!state) {
    state = { count: 0, pages: db.pragma('wal_autocheckpoint', { simple: true }) as number };
    paused.set(db, state);
  }
  if (state.count++ === 0) db.pragma('wal_autocheckpoint = 0');
  let resumed = false;
  return () => {
    if (resumed || !db.open) return;
    resumed = true;
    if (--state!.count === 0) {
      db.pragma(`wal_autocheckpoint = ${state!.pages}`);
      paused.delete(db);
    }
  };
}

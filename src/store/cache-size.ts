// How much of the database file the cache uses, for its size cap.
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

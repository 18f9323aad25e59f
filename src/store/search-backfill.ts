// Building the full-text index for events cached before it existed. The
// migration that creates the `search` table records in meta `search_backfill`
// the highest seq then stored; every event written since is indexed as it is
// written, so only rows up to that mark are left to do. They are done newest
// first (the ones a search most likely wants), a batch per transaction, and
// the mark moves down with each batch: an interrupted build goes on where it
// stopped, and a second process sharing the file never indexes a row twice.
import type { Event } from 'nostr-tools';
import type { Db } from './database.js';
import { INDEXED_KINDS, searchColumns } from './search.js';

const BATCH = 2_000;

export interface IndexProgress {
  done: number;
  total: number;
}

/** Rows cached before the index existed and not yet indexed (0 when the index is complete). */
export function pendingSearchRows(db: Db): number {
  const mark = backfillMark(db);
  if (mark <= 0) return 0;
  return db.prepare(`SELECT COUNT(*) FROM events WHERE seq <= ? AND kind IN (${INDEXED_KINDS.join(',')})`).pluck().get(mark) as number;
}

/**
 * Indexes every pending row, calling `onProgress` after each batch (and once
 * at the start). Returns how many rows were indexed.
 */
export function buildSearchIndex(db: Db, onProgress?: (progress: IndexProgress) => void): number {
  const total = pendingSearchRows(db);
  if (total === 0) return 0;
  onProgress?.({ done: 0, total });
  const rows = db.prepare(
    `SELECT seq, json FROM events WHERE seq <= ? AND kind IN (${INDEXED_KINDS.join(',')}) ORDER BY seq DESC LIMIT ${BATCH}`,
  );
  const insert = db.prepare(`INSERT OR REPLACE INTO search (rowid, name, body) VALUES (?, ?, ?)`);
  const setMark = db.prepare(`INSERT OR REPLACE INTO meta (key, value) VALUES ('search_backfill', ?)`);
  const batch = db.transaction((): number => {
    // Read inside the (immediate) transaction: another process may have moved it.
    const mark = backfillMark(db);
    if (mark <= 0) return -1;
    const found = rows.all(mark) as { seq: number; json: string }[];
    for (const { seq, json } of found) {
      const columns = searchColumns(JSON.parse(json) as Event);
      if (columns) insert.run(seq, columns.name, columns.body);
    }
    setMark.run(String(found.length < BATCH ? 0 : found[found.length - 1]!.seq - 1));
    return found.length;
  });
  let done = 0;
  for (;;) {
    const n = batch.immediate();
    if (n < 0) break;
    done += n;
    onProgress?.({ done: Math.min(done, total), total });
    if (n < BATCH) break;
  }
  return done;
}

function backfillMark(db: Db): number {
  const value = db.prepare(`SELECT value FROM meta WHERE key = 'search_backfill'`).pluck().get() as string | undefined;
  return value === undefined ? 0 : Number(value);
}

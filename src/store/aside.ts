// A database that cannot be used is moved aside (`nostr-tui.db.broken-<time>`) and kept: its
// unsent outbox entries are carried into the new one when they can be read. When they cannot, the
// new database remembers the file (meta `aside-unread:<name>`), so that `outbox` says, on every
// run until they are read or the file is removed, that unsent events may be in it: it once said
// "every signed event has reached a relay" while the note was only in the file set aside.
import fs from 'node:fs';
import path from 'node:path';
import type { Clock } from '../core/clock.js';
import type { Db } from './database.js';
import { COMPANIONS } from './cache-files.js';
import { openSqlite } from './sqlite.js';

const UNREAD = 'aside-unread:';

export function moveAside(file: string, clock: Clock): string {
  const stamp = new Date(clock.now()).toISOString().replace(/[:.]/g, '-');
  const aside = `${file}.broken-${stamp}`;
  fs.renameSync(file, aside);
  for (const suffix of COMPANIONS) {
    if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, aside + suffix);
  }
  return aside;
}

/**
 * Undoes moveAside when a new database cannot be opened either: then the file was not what
 * failed, and setting it aside again on every command (eight copies after one `timeline`) only
 * hid the real problem.
 */
export function putBack(aside: string, file: string): void {
  for (const suffix of ['', ...COMPANIONS]) {
    if (fs.existsSync(aside + suffix)) fs.renameSync(aside + suffix, file + suffix);
    else if (suffix) fs.rmSync(file + suffix, { force: true });
  }
}

interface OutboxRow {
  id: string;
  json: string;
  saved_at: number;
  relays?: string | null;
}

export interface Salvaged {
  rows: OutboxRow[];
  /** Why the outbox could not be read. */
  error?: string;
}

/** Best effort: reads undelivered outbox rows from a damaged file; `error` when they could not be read. */
export function salvageOutbox(file: string): Salvaged {
  let db: Db | undefined;
  try {
    db = openSqlite(file, { readonly: true, fileMustExist: true });
    // SELECT *: a file from before the relays column still gives its rows.
    return { rows: db.prepare(`SELECT * FROM outbox WHERE delivered_at IS NULL`).all() as OutboxRow[] };
  } catch (error) {
    return { rows: [], error: firstLine(error) };
  } finally {
    db?.close();
  }
}

/** Rows already in `db`'s outbox (delivered or not) are left as they are. Returns how many were added. */
export function restoreOutbox(db: Db, rows: OutboxRow[]): number {
  const insert = db.prepare(`INSERT OR IGNORE INTO outbox (id, json, saved_at, relays) VALUES (?, ?, ?, ?)`);
  let added = 0;
  db.transaction(() => {
    for (const row of rows) if (isIntact(row)) added += insert.run(row.id, row.json, row.saved_at, typeof row.relays === 'string' ? row.relays : null).changes;
  })();
  return added;
}

/** The outbox of `aside` could not be read: `outbox` says so until it can, or the file is gone. */
export function rememberUnread(db: Db, aside: string, reason: string): void {
  db.prepare(`INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)`).run(UNREAD + path.basename(aside), reason);
}

export interface AsideReport {
  /** Files set aside whose outbox still cannot be read, and why. */
  unread: { file: string; reason: string }[];
  /** Files whose outbox could be read now: how many unsent events came back from each. */
  carried: { file: string; count: number }[];
}

/**
 * The files set aside whose outbox could not be read, each tried again: one that reads now (the
 * link or permission that stopped it is gone) gives its unsent entries to the outbox; one that is
 * gone is forgotten.
 */
export function asideOutboxes(db: Db, file: string): AsideReport {
  const report: AsideReport = { unread: [], carried: [] };
  const keys = db.prepare(`SELECT key FROM meta WHERE key LIKE '${UNREAD}%'`).pluck().all() as string[];
  const forget = db.prepare(`DELETE FROM meta WHERE key = ?`);
  for (const key of keys) {
    const aside = path.join(path.dirname(file), key.slice(UNREAD.length));
    if (!fs.existsSync(aside)) {
      forget.run(key);
      continue;
    }
    const salvaged = salvageOutbox(aside);
    if (salvaged.error) {
      report.unread.push({ file: aside, reason: salvaged.error });
      continue;
    }
    report.carried.push({ file: aside, count: restoreOutbox(db, salvaged.rows) });
    forget.run(key);
  }
  return report;
}

/** A row read from a damaged file is kept only if its JSON still names its own id. */
function isIntact(row: OutboxRow): boolean {
  try {
    return (JSON.parse(row.json) as { id?: unknown }).id === row.id;
  } catch {
    return false;
  }
}

export function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!;
}

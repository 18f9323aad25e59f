// Opens the one SQLite file that holds the event cache and the outbox:
// WAL, schema migrations, and what to do when the file is damaged.
import type Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import type { Clock } from '../core/clock.js';
import { failure, UserError } from '../core/errors.js';
import { ensurePrivateDir } from './safe-file.js';
import { firstLine as describe, moveAside, putBack, rememberUnread, restoreOutbox, salvageOutbox } from './aside.js';
import { cacheFiles, refuseCacheLinks } from './cache-files.js';
import { MIGRATIONS } from './migrations.js';
import { openSqlite } from './sqlite.js';
import { isRunning } from './process-alive.js';

export type Db = Database.Database;

export const DATABASE_FILE = 'nostr-tui.db';


export interface OpenDatabaseOptions {
  clock: Clock;
  onWarning?(message: string): void;
}

export interface OpenedDatabase {
  db: Db;
  file: string;
}

/**
 * Opens (or creates) the database in `dataDir`. A file SQLite cannot read, or
 * that fails its integrity check, is renamed aside with a warning and a new one
 * is created; pending outbox entries are carried over when they can still be
 * read. Only files in `dataDir` are ever touched (never config or keys).
 */
export function openDatabase(dataDir: string, opts: OpenDatabaseOptions): OpenedDatabase {
  const file = path.join(dataDir, DATABASE_FILE);
  try {
    // Holds unsent drafts: made 0700 whatever the umask; a link, another user's or a
    // writable-by-others directory is refused.
    ensurePrivateDir(dataDir);
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw failure(`cannot create the data directory ${dataDir}: ${describe(error)}. Check its permissions or set NOSTR_TUI_HOME.`);
  }
  // Before SQLite follows one: a link is named, and the database is never set aside for it.
  refuseCacheLinks(file);
  try {
    return { db: openChecked(file), file };
  } catch (error) {
    if (!isDamage(error) || !fs.existsSync(file)) throw cannotOpen(file, dataDir, error);
    const reason = describe(error);
    const salvaged = salvageOutbox(file);
    let aside: string;
    try {
      aside = moveAside(file, opts.clock);
    } catch (again) {
      throw cannotOpen(file, dataDir, again);
    }
    let db: Db;
    try {
      db = openChecked(file);
    } catch (again) {
      // A new file cannot be opened either: the old one was not the problem. It is put back.
      putBack(aside, file);
      throw cannotOpen(file, dataDir, again);
    }
    restoreOutbox(db, salvaged.rows);
    if (salvaged.error) rememberUnread(db, aside, salvaged.error);
    opts.onWarning?.(
      `the local cache ${file} could not be read (${reason}); moved it to ${aside} and started a new one` +
        (salvaged.rows.length ? `, keeping ${salvaged.rows.length} unsent post(s) from the outbox` : '') +
        // Never imply that nothing was waiting: the old file is kept, and may hold what was not sent.
        (salvaged.error ? `; its outbox could not be read (${salvaged.error}), so unsent posts may be only in ${aside}, which is kept` : '') +
        '. Events will be fetched from the relays again; your config and keys are untouched.',
    );
    return { db, file };
  }
}

function cannotOpen(file: string, dataDir: string, error: unknown) {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('SQLITE_BUSY')) {
    return failure(`the local cache ${file} is locked by another nostr-tui process; try again when it has finished.`);
  }
  return failure(`cannot open the local cache ${file}: ${describe(error)}. Check that ${dataDir} is writable.`);
}

/** This connection's row in `meta`, removed again by closeDatabase. */
const holderKeys = new WeakMap<Db, string>();

/**
 * The database holds unsent drafts: it is created 0600 before SQLite opens
 * it (an empty file is a new database), and SQLite gives its -wal and -shm
 * files the database file's mode. A file of ours left wider by an older
 * version is narrowed.
 */
function createPrivate(file: string): boolean {
  let created = true;
  try {
    const fd = fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | (fs.constants.O_NOFOLLOW ?? 0), 0o600);
    try {
      // The umask may have taken the owner's bits too (umask 0377 gave a file no one could open).
      if (process.platform !== 'win32') fs.fchmodSync(fd, 0o600);
    } finally {
      fs.closeSync(fd);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    created = false;
  }
  if (process.platform === 'win32') return created;
  for (const name of cacheFiles(file)) {
    try {
      const stat = fs.lstatSync(name);
      if (stat.isFile() && (stat.mode & 0o077) !== 0 && stat.uid === process.getuid?.()) fs.chmodSync(name, 0o600);
    } catch {
      // Not there (yet): SQLite creates it with the database's mode.
    }
  }
  return created;
}

function openChecked(file: string): Db {
  const suspect = fs.existsSync(damageMarker(file));
  const created = createPrivate(file);
  const db = openSqlite(file);
  try {
    // Switching a new, empty database to WAL syncs it to disk first (3-28 ms on this machine's disk,
    // on every first start): there is nothing in it to lose yet, and a file left damaged by a crash
    // in that instant is moved aside like any other (openDatabase). configureConnection sets the
    // real level just after.
    if (created) db.pragma('synchronous = OFF');
    db.pragma('journal_mode = WAL');
    configureConnection(db);
    migrate(db);
    checkAfterCrash(db, suspect);
    if (suspect) fs.rmSync(damageMarker(file), { force: true });
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** What every connection to the file sets (journal_mode is the file's own): this one's and the writer thread's (writer-worker.ts). */
export function configureConnection(db: Db): void {
  // Another nostr-tui process may hold the file briefly (UI and a one-shot command).
  db.pragma('busy_timeout = 5000');
  // NORMAL in WAL mode: a commit survives the process being killed; the
  // outbox asks for FULL on its own writes, to survive power loss too.
  db.pragma('synchronous = NORMAL');
  // A checkpoint syncs the file; with SQLite's default (every 1,000 pages) a
  // stream of events would pay for one every other batch.
  db.pragma('wal_autocheckpoint = 16384');
  db.pragma('journal_size_limit = 67108864');
}

function migrate(db: Db): void {
  const schema = (): number => {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > MIGRATIONS.length) throw new DamageError(`it was written by a newer nostr-tui (schema ${version})`);
    return version;
  };
  if (schema() === MIGRATIONS.length) return;
  // Two processes opening a new file at once (`follow a & follow b`) both found it empty and both
  // created its tables: the second failed ("table events already exists"). The write lock is
  // taken first (IMMEDIATE, waited for), and the version read again under it.
  db.transaction(() => {
    for (let v = schema(); v < MIGRATIONS.length; v++) {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    }
  }).immediate();
}

/**
 * A full check reads the whole file, so doing it on every start would make
 * start-up grow with the cache. It runs only when a process that had the
 * database open died without closing it (crash, kill -9), or after damage was
 * met while running (see markDamaged). Each open connection leaves a
 * `holder:<pid>:<n>` row; a process still running (the UI while a one-shot
 * command runs) is not taken for a crash.
 */
function checkAfterCrash(db: Db, suspect: boolean): void {
  const holders = db.prepare(`SELECT key FROM meta WHERE key LIKE 'holder:%'`).pluck().all() as string[];
  const dead = holders.filter((key) => !isRunning(Number(key.split(':')[1])));
  if (suspect || dead.length > 0) {
    const result = quickCheck(db);
    if (result !== 'ok') throw new DamageError(`integrity check: ${result}`);
  }
  const key = `holder:${process.pid}:${++connections}`;
  db.transaction(() => {
    const forget = db.prepare(`DELETE FROM meta WHERE key = ?`);
    for (const gone of dead) forget.run(gone);
    db.prepare(`INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)`).run(key, String(Date.now()));
  })();
  holderKeys.set(db, key);
}

let connections = 0;


/** Marks a clean shutdown and lets SQLite refresh its query-planner statistics. */
export function closeDatabase(db: Db): void {
  if (!db.open) return;
  try {
    const key = holderKeys.get(db);
    if (key) db.prepare(`DELETE FROM meta WHERE key = ?`).run(key);
    // Bounded statistics refresh, so closing a large cache stays quick.
    db.pragma('analysis_limit = 400');
    db.pragma('optimize');
  } catch {
    // Damaged or moved aside under us: the next open finds out and says so.
  } finally {
    db.close();
  }
}

const damageMarker = (file: string): string => `${file}.damaged`;

/** Damage found while running: the next open checks the whole file and rebuilds it if needed. */
export function markDamaged(file: string): void {
  try {
    fs.writeFileSync(damageMarker(file), '');
  } catch {
    // Unwritable data directory: the next open will meet the damage itself.
  }
}

/** The file is damaged or is not a database we can use. */
export class DamageError extends Error {}

/**
 * SQLite's quick_check: 'ok', or its first finding. SQLite heads the first one with the database's
 * name on a line of its own ("*** in database main ***"), which says nothing to a person.
 */
export function quickCheck(db: Db): string {
  const result = String(db.pragma('quick_check', { simple: true }));
  return result.split('\n').find((line) => !/^\*\*\* in database /.test(line)) ?? result;
}

// Damaged, not a database, or a file this user cannot read or write.
const DAMAGE_CODES = new Set(['SQLITE_NOTADB', 'SQLITE_CANTOPEN', 'SQLITE_PERM', 'SQLITE_READONLY', 'SQLITE_IOERR_SHORT_READ']);

export function isDamage(error: unknown): boolean {
  if (error instanceof DamageError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (DAMAGE_CODES.has(code) || code.startsWith('SQLITE_CORRUPT'));
}

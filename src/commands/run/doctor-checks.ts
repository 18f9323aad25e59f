// The checks behind `nostr-tui doctor`, each returning what it found and, when
// something needs fixing, the fix as a command. They only read: no file is
// created or changed, the database is opened read-only.
import type Database from 'better-sqlite3';
import type { Event } from 'nostr-tools';
import { finalizeEvent, generateSecretKey } from 'nostr-tools/pure';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Clock } from '../../core/clock.js';
import { dnsServersFromEnv } from '../../net/lookup.js';
import { createPool } from '../../net/pool.js';
import type { RelaySpec } from '../../net/types.js';
import { sharedVerifier, type SignatureVerifier } from '../../net/verify.js';
import { cacheFiles } from '../../store/cache-files.js';
import { DATABASE_FILE, isDamage, markDamaged, quickCheck } from '../../store/database.js';
import { SqliteOutbox } from '../../store/outbox.js';
import { openSqlite } from '../../store/sqlite.js';

/** One thing that needs fixing, and how. Paths and network text are raw here: sanitise before printing. */
export interface Problem {
  what: string;
  fix: string;
}

export interface PathReport {
  label: string;
  path: string;
  exists: boolean;
  /** Octal, e.g. "700". */
  mode?: string;
  uid?: number;
  symlink?: boolean;
  problems: Problem[];
}

type PathKind = 'private dir' | 'secret file' | 'cache file' | 'file';

const quote = (p: string): string => `'${p.replace(/'/g, `'\\''`)}'`;

/** What is never read or written through a link, by kind. */
const NO_LINK: Partial<Record<PathKind, string>> = {
  'secret file': 'the key is never read or written through one',
  'cache file': 'the local cache and its unsent posts are never kept through one',
};

/**
 * Mode, owner and link state of one path. A private directory must be 0700, a
 * secret file and a cache file 0600 and never a link (keys are never written
 * through one, nor the outbox); a file must not be writable by others; all
 * must belong to the user.
 */
export function checkPath(label: string, file: string, kind: PathKind): PathReport {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(file);
  } catch {
    return { label, path: file, exists: false, problems: [] };
  }
  const problems: Problem[] = [];
  const symlink = stat.isSymbolicLink();
  if (symlink) {
    const target = fs.statSync(file, { throwIfNoEntry: false });
    const never = NO_LINK[kind];
    if (never) {
      const fix = target ? `replace the link with the file it points to: mv "$(readlink -f ${quote(file)})" ${quote(file)}` : `rm ${quote(file)}`;
      problems.push({ what: `${file} is a symbolic link; ${never}`, fix });
    } else if (!target) {
      problems.push({ what: `${file} is a link to nothing`, fix: `rm ${quote(file)}` });
    }
    // A link to nothing has no mode or owner to show.
    if (!target) return { label, path: file, exists: true, symlink, problems };
    stat = target;
  }
  const mode = stat.mode & 0o777;
  const report: PathReport = { label, path: file, exists: true, mode: mode.toString(8).padStart(3, '0'), uid: stat.uid, symlink, problems };
  if (process.platform === 'win32') return report;
  if (kind === 'private dir' && (mode & 0o077) !== 0) {
    problems.push({ what: `${file} is open to other users (mode ${report.mode}, should be 700)`, fix: `chmod 700 ${quote(file)}` });
  }
  if (kind === 'cache file' && (mode & 0o077) !== 0) {
    problems.push({ what: `${file} holds unsent posts and is open to other users (mode ${report.mode}, should be 600)`, fix: `chmod 600 ${quote(file)}` });
  }
  if (kind === 'secret file' && (mode & 0o077) !== 0) {
    const how = (mode & 0o044) !== 0 ? 'readable by other users' : 'open to other users';
    problems.push({ what: `${file} holds your secret key and is ${how} (mode ${report.mode}, should be 600)`, fix: `chmod 600 ${quote(file)}` });
  }
  if (kind === 'file' && (mode & 0o022) !== 0) {
    problems.push({ what: `${file} is writable by other users (mode ${report.mode})`, fix: `chmod 600 ${quote(file)}` });
  }
  const uid = process.getuid?.();
  if (uid !== undefined && stat.uid !== uid) {
    problems.push({ what: `${file} belongs to user id ${stat.uid}, not to you (${uid})`, fix: `sudo chown "$(id -u):$(id -g)" ${quote(file)}` });
  }
  return report;
}

export interface VerifierReport {
  name: string;
  kind: 'native' | 'workers' | 'pure JS';
  /** Signature checks per second, measured on events signed just now. */
  checksPerSecond: number;
  problems: Problem[];
}

/** Which verifier the pool uses, and how fast it checks, over a short measured window. */
export async function checkVerifier(windowMs = 300): Promise<VerifierReport> {
  const sk = generateSecretKey();
  const events: Event[] = Array.from({ length: 32 }, (_, i) => finalizeEvent({ kind: 1, created_at: 1_700_000_000 + i, tags: [], content: `doctor ${i}` }, sk));
  // The one the pool uses: native libsecp256k1, else nostr-wasm in workers, else pure JS.
  const verifier: SignatureVerifier = sharedVerifier();
  let checks = 0;
  let wrong = 0;
  // Warm up (loads nostr-wasm or the worker threads) before timing.
  for (const event of events) if (!(await verifier.verify({ ...event }))) wrong++;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < windowMs) {
    const batch = await Promise.all(events.map((event) => verifier.verify({ ...event })));
    wrong += batch.filter((ok) => !ok).length;
    checks += batch.length;
    elapsed = performance.now() - start;
  }
  const name = verifier.name;
  const kind = name.includes('native') ? 'native' : name.includes('worker') || name.includes('wasm') ? 'workers' : 'pure JS';
  const problems: Problem[] = [];
  if (wrong > 0) problems.push({ what: `the signature verifier (${name}) rejected valid events`, fix: 'reinstall nostr-tui (npm rebuild bcrypto), then report it if it persists' });
  return { name, kind, checksPerSecond: Math.round((checks / elapsed) * 1000), problems };
}

export interface DatabaseReport {
  file: string;
  exists: boolean;
  /** The database with its WAL file. */
  bytes?: number;
  integrity?: string;
  outboxPending?: number;
  /** Why it was not opened (the problem is on its file's line). */
  notOpened?: string;
  problems: Problem[];
}

/** Size, SQLite's quick_check and the outbox count, on a read-only connection. */
export function checkDatabase(dataDir: string, clock: Clock): DatabaseReport {
  const file = path.join(dataDir, DATABASE_FILE);
  // Never through a link: nor does any command open it so (cache-files.ts), and its fix is not a rebuild.
  if (cacheFiles(file).some((name) => fs.lstatSync(name, { throwIfNoEntry: false })?.isSymbolicLink())) {
    return { file, exists: true, notOpened: 'not opened: a symbolic link (see above)', problems: [] };
  }
  if (!fs.existsSync(file)) return { file, exists: false, problems: [] };
  const bytes = [file, `${file}-wal`].reduce((sum, f) => sum + (fs.statSync(f, { throwIfNoEntry: false })?.size ?? 0), 0);
  let db: Database.Database | undefined;
  try {
    db = openSqlite(file, { readonly: true, fileMustExist: true });
    const integrity = quickCheck(db);
    const outboxPending = new SqliteOutbox(db, clock).pending().length;
    // Marked, as a command that meets damage marks it, so that the next start rebuilds it (it
    // checks the whole file only then): the fix below takes one command, not two.
    if (integrity !== 'ok') markDamaged(file);
    const problems: Problem[] =
      integrity === 'ok'
        ? []
        : [{ what: `the local cache ${file} is damaged (${integrity})`, fix: 'run any command (e.g. `nostr-tui timeline`): a damaged cache is set aside and rebuilt, keeping the outbox' }];
    return { file, exists: true, bytes, integrity, outboxPending, problems };
  } catch (error) {
    if (isDamage(error)) markDamaged(file);
    const reason = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    return { file, exists: true, bytes, problems: [{ what: `the local cache ${file} cannot be read (${reason})`, fix: 'run any command (e.g. `nostr-tui timeline`): an unreadable cache is set aside and rebuilt' }] };
  } finally {
    db?.close();
  }
}

export interface RelayReport {
  url: string;
  read: boolean;
  write: boolean;
  reachable: boolean;
  /** Connect, REQ and EOSE, in ms. */
  rttMs?: number;
  /** Raw from the network or the socket: sanitise before printing. */
  error?: string;
  problems: Problem[];
}

/**
 * Each relay asked once, in parallel, for an event that cannot exist: the time
 * to connect and get EOSE is its round trip; no answer within `timeoutMs`, or
 * a failed connection, makes it unreachable.
 */
export async function checkRelays(relays: RelaySpec[], clock: Clock, env: NodeJS.ProcessEnv, timeoutMs = 4_000): Promise<RelayReport[]> {
  if (relays.length === 0) return [];
  const pool = createPool({ relays, clock, eoseTimeoutMs: timeoutMs, dnsServers: dnsServersFromEnv(env) });
  try {
    const outcomes = await Promise.all(
      relays.map(async ({ url }) => {
        const start = performance.now();
        const { relays: [outcome] } = await pool.query([{ ids: ['0'.repeat(64)], limit: 1 }], { relays: [url] });
        return { outcome, rttMs: Math.round(performance.now() - start) };
      }),
    );
    const dead = outcomes.filter(({ outcome }) => !outcome?.eose).length;
    return relays.map(({ url, read, write }, i): RelayReport => {
      const { outcome, rttMs } = outcomes[i]!;
      if (outcome?.eose) return { url, read, write, reachable: true, rttMs, problems: [] };
      const error = outcome?.timedOut ? `no answer within ${timeoutMs / 1000} s` : (outcome?.error ?? 'no answer');
      return { url, read, write, reachable: false, error, problems: [{ what: `relay ${url} is unreachable (${error})`, fix: removeFix(url, !!outcome?.unreached && dead === 1) }] };
    });
  } finally {
    await pool.close();
  }
}

/**
 * `relay remove` asks every relay for the newest relay list first, and without a published one
 * it needs every relay to answer, but for the one being removed when it refuses connections. So
 * it surely works only for a relay that refuses while all the others answer; otherwise --local
 * may be what is left.
 */
function removeFix(url: string, sure: boolean): string {
  const fix = `check the URL and your network, or remove it: nostr-tui relay remove ${url}`;
  return sure ? fix : `${fix} (with --local if it says your relays did not answer)`;
}

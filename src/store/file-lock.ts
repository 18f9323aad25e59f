// One change at a time to a file that is read, changed and written back whole (config.json,
// keys.json), across every nostr-tui on this machine. Two commands started together each read the
// same content, and the one that wrote last dropped the other's change: six `relay add --local`
// started at once kept four of the six relays, and four `key generate` at once each printed the
// npub of a new key, of which one was kept.
//
// The lock is a file next to the one it guards, created with O_EXCL (one process wins) in a
// directory that passed ensurePrivateDir (no one else can put anything there). It names its holder
// (host, process, a token) and is held only while the file is read and written, synchronously,
// a few ms: one whose process has died, or older than STALE_MS, is taken over.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import { failure } from '../core/errors.js';
import { sanitizeLine } from '../core/sanitize.js';
import { isRunning } from './process-alive.js';

/** Past this a lock is left over (a read and write of a small file take ms; a stopped process may hold one). */
const STALE_MS = 5_000;
/** The longest wait for another's lock: past STALE_MS, so a left-over lock is taken over first. */
const WAIT_MS = 8_000;
const POLL_MS = 5;

const FLAGS = fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | (fs.constants.O_NOFOLLOW ?? 0);

interface Holder {
  host: string;
  pid: number;
  token: string;
  at: number;
}

/** Runs `change` (which reads `file` and may write it) while no other process holding this lock can. */
export function withFileLock<T>(file: string, change: () => T, now: () => number = Date.now): T {
  const lock = `${file}.lock`;
  const token = randomBytes(8).toString('hex');
  const deadline = now() + WAIT_MS;
  while (!tryTake(lock, token, now)) {
    if (now() > deadline) {
      throw failure(
        `another nostr-tui is changing ${sanitizeLine(file)} (${sanitizeLine(lock)} exists); nothing was written. ` +
          'Run the command again; if no nostr-tui is running, remove that file first.',
      );
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, POLL_MS);
  }
  try {
    return change();
  } finally {
    // Only our own: a lock taken over while this process was stopped is the new holder's.
    if (readHolder(lock)?.token === token) fs.rmSync(lock, { force: true });
  }
}

function tryTake(lock: string, token: string, now: () => number): boolean {
  let fd: number;
  try {
    fd = fs.openSync(lock, FLAGS, 0o600);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EEXIST') throw failure(`cannot create ${sanitizeLine(lock)} (${code ?? 'error'}); nothing was written.`);
    removeIfLeftOver(lock, now());
    return false;
  }
  try {
    // Readable by its owner whatever the umask: under umask 0777 the lock could not be read back, so
    // it was never removed and the next change waited for it to go stale.
    if (process.platform !== 'win32') fs.fchmodSync(fd, 0o600);
    const holder: Holder = { host: os.hostname(), pid: process.pid, token, at: now() };
    fs.writeSync(fd, JSON.stringify(holder));
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

function readHolder(lock: string): Partial<Holder> | undefined {
  try {
    const value: unknown = JSON.parse(fs.readFileSync(lock, 'utf8'));
    return value !== null && typeof value === 'object' ? (value as Partial<Holder>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Removes the lock if its process is gone or it is older than STALE_MS (by its own time, else the
 * file's). Removed only if it is still the file judged (inode, time and holder), so a lock taken
 * meanwhile by another process that found the same left-over is not removed in its place.
 */
function removeIfLeftOver(lock: string, now: number): void {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(lock);
  } catch {
    return; // gone: the next try takes it
  }
  const holder = readHolder(lock);
  const dead = holder?.host === os.hostname() && typeof holder.pid === 'number' && !isRunning(holder.pid);
  // Being written (empty as yet) or damaged: its age is the file's.
  const at = typeof holder?.at === 'number' ? holder.at : stat.mtimeMs;
  if (!dead && now - at <= STALE_MS) return;
  try {
    const again = fs.lstatSync(lock);
    if (again.ino === stat.ino && again.mtimeMs === stat.mtimeMs && readHolder(lock)?.token === holder?.token) fs.rmSync(lock, { force: true });
  } catch {
    // Gone meanwhile.
  }
}

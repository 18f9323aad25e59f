// Writing the key and config files, and checking the directories that hold
// them, without trusting anything another user could have put there.
//
// conf's atomic writer (which this replaces) resolved symlinks and kept the
// old file's owner: with keys.json a link to another user's file, the secret
// went into that file and stayed theirs. Here a link is refused (lstat), the
// new content goes into a temporary file created in the same directory with
// O_CREAT|O_EXCL|O_NOFOLLOW and mode 0600 (so nothing can be waiting at that
// name), is synced, then renamed over the old name: the result is always a new
// file of ours. Nothing is ever chowned, and a directory nostr-tui did not
// create is never chmodded: it is refused with the command that fixes it.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { failure } from '../core/errors.js';
import { sanitizeLine } from '../core/sanitize.js';
import { privateDirState, processUid, type GetUid } from './private-dir.js';

export type { GetUid } from './private-dir.js';
export { processUid } from './private-dir.js';

const POSIX = process.platform !== 'win32';
const shown = (p: string): string => sanitizeLine(p);

/** Refuses `file` when it is a symbolic link (or anything but a regular file). Missing is fine. */
function refuseLink(file: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw failure(`cannot check ${shown(file)} (${(error as NodeJS.ErrnoException).code ?? 'error'}); nothing was written.`);
  }
  if (stat.isSymbolicLink()) {
    throw failure(
      `${shown(file)} is a symbolic link; nostr-tui never writes through a link. ` +
        `Remove it (\`rm '${shown(file)}'\`) and run the command again; nothing was written.`,
    );
  }
  if (!stat.isFile()) throw failure(`${shown(file)} is not a regular file; move it away and run the command again. Nothing was written.`);
}

const quote = (p: string): string => `'${shown(p).replace(/'/g, `'\\''`)}'`;

/**
 * The text of `file`, a regular file of this user's, read without following a link at it; undefined
 * when there is none. A link, or another user's file, is refused with the command that fixes it:
 * keys.json through a link was read and its key used for signing, though it is never written so.
 */
export function readPrivateFile(file: string, opts: DirCheck = {}): string | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ELOOP') {
      const fix = fs.existsSync(file)
        ? `Replace it with the file it points to (\`mv "$(readlink -f ${quote(file)})" ${quote(file)}\`) or remove it (\`rm ${quote(file)}\`)`
        : `Remove it (\`rm ${quote(file)}\`)`;
      throw failure(`${shown(file)} is a symbolic link; nostr-tui never reads or writes it through a link. ${fix}, and run the command again.`);
    }
    throw failure(`${shown(file)} cannot be read (${code ?? 'error'}).`);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw failure(`${shown(file)} is not a regular file; move it away and run the command again.`);
    const uid = (opts.getuid ?? processUid)();
    if (POSIX && uid !== undefined && stat.uid !== uid) {
      throw failure(
        `${shown(file)} belongs to another user (uid ${stat.uid}), who could read or replace it; ` +
          `run \`sudo chown ${uid} ${quote(file)}\` if it is yours, or move it away.`,
      );
    }
    return fs.readFileSync(fd, 'utf8');
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Replaces `file` with `content`, mode 0600, atomically and without following a
 * link at `file` or at the temporary name. The directory must already have
 * passed ensurePrivateDir.
 */
export function writePrivateFile(file: string, content: string | Uint8Array): void {
  refuseLink(file);
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const flags = fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | (fs.constants.O_NOFOLLOW ?? 0);
  const fd = fs.openSync(temp, flags, 0o600);
  try {
    try {
      // The umask may have taken bits away, never added them; make the mode exact.
      if (POSIX) fs.fchmodSync(fd, 0o600);
      fs.writeFileSync(fd, content);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    // Checked again just before the rename: a link put there meanwhile is refused, not replaced silently.
    refuseLink(file);
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
  syncDir(dir);
}

/** The rename reaches the disk too (best effort: not every file system can sync a directory). */
function syncDir(dir: string): void {
  if (!POSIX) return;
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Not supported here; the rename itself is still atomic.
  }
}

export interface DirCheck {
  /** Defaults to the process's real user id. */
  getuid?: GetUid;
}

/**
 * Refuses a directory that is a symbolic link, belongs to another user, or
 * that group or others can write to (they could swap the files in it), saying
 * what to run. Missing is fine (returns false).
 */
export function checkPrivateDir(dir: string, opts: DirCheck = {}): boolean {
  const state = privateDirState(dir, opts.getuid);
  const where = shown(dir);
  switch (state.kind) {
    case 'missing':
      return false;
    case 'private':
      return true;
    case 'unreadable':
      throw failure(`cannot check the directory ${where} (${state.code}).`);
    case 'link':
      throw failure(
        `${where} is a symbolic link; nostr-tui keeps its files only in a real directory of yours. ` +
          `Replace it with one (\`rm '${where}' && mkdir -m 700 '${where}'\`) or set NOSTR_TUI_HOME.`,
      );
    case 'not-a-directory':
      throw failure(`${where} is not a directory; move it away or set NOSTR_TUI_HOME.`);
    case 'other-owner':
      throw failure(
        `${where} belongs to another user (uid ${state.owner}), who could read or replace your keys; ` +
          `run \`sudo chown ${state.uid} '${where}'\` if it is yours, or set NOSTR_TUI_HOME to a directory you own.`,
      );
    case 'writable-by-others':
      throw failure(
        `${where} can be written by other users (mode ${state.mode.toString(8)}), who could replace your files; ` +
          `run \`chmod 700 '${where}'\`.`,
      );
  }
}

/**
 * The directory, checked (see checkPrivateDir), or created 0700 (its parents too) when missing.
 * Only a directory created here is chmodded (the umask may have narrowed it).
 */
export function ensurePrivateDir(dir: string, opts: DirCheck = {}): void {
  if (checkPrivateDir(dir, opts)) return;
  makeDirs(dir);
  checkPrivateDir(dir, opts);
}

/**
 * Creates `dir` and its missing parents one at a time, each chmodded to 0700 at once: under umask
 * 0177 a directory made 0700 is 0600, which not even its owner can enter (the data directory was,
 * and every command that needs the cache failed for good), and the next level could not be made in it.
 */
function makeDirs(dir: string): void {
  const missing: string[] = [];
  for (let at = dir; !fs.existsSync(at); at = path.dirname(at)) {
    missing.unshift(at);
    if (path.dirname(at) === at) break;
  }
  for (const at of missing) {
    try {
      fs.mkdirSync(at, { mode: 0o700 });
    } catch (error) {
      // Another process made it meanwhile (or a link is there): then it is checked like any existing one.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      continue;
    }
    if (POSIX) fs.chmodSync(at, 0o700);
  }
}

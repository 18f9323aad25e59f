// What a directory is, for keeping private files in it: the checks of
// safe-file.ts without its messages, so that a caller that only needs the answer
// (the interactive start reading its code cache, code-cache.ts) does not load the
// sanitiser those messages go through.
import fs from 'node:fs';

/** The current user's id; injectable so tests can play a second user where they cannot be one. */
export type GetUid = () => number | undefined;

export const processUid: GetUid = () => (typeof process.getuid === 'function' ? process.getuid() : undefined);

const POSIX = process.platform !== 'win32';

export type DirState =
  | { kind: 'missing' }
  | { kind: 'private' }
  | { kind: 'unreadable'; code: string }
  | { kind: 'link' }
  | { kind: 'not-a-directory' }
  | { kind: 'other-owner'; uid: number; owner: number }
  | { kind: 'writable-by-others'; mode: number };

/**
 * Private means: a real directory (not a link), of this user, that group and others cannot
 * write to (they could swap the files in it). On Windows only the first two are checked.
 */
export function privateDirState(dir: string, getuid: GetUid = processUid): DirState {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return code === 'ENOENT' ? { kind: 'missing' } : { kind: 'unreadable', code };
  }
  if (stat.isSymbolicLink()) return { kind: 'link' };
  if (!stat.isDirectory()) return { kind: 'not-a-directory' };
  if (!POSIX) return { kind: 'private' };
  const uid = getuid();
  if (uid !== undefined && stat.uid !== uid) return { kind: 'other-owner', uid, owner: stat.uid };
  if ((stat.mode & 0o022) !== 0) return { kind: 'writable-by-others', mode: stat.mode & 0o777 };
  return { kind: 'private' };
}

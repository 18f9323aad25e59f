// The files SQLite keeps the local cache in: the database and the files it opens beside it. They
// hold unsent drafts, so each must be a regular file of ours, never a symbolic link. SQLite follows
// links: a dangling `nostr-tui.db` link had SQLite create its target, mode 0644, with the outbox in
// it; a dangling `-wal` link made every open fail, and the healthy database was set aside as
// unreadable on every command. A link is refused, named, with the command that fixes it, before
// SQLite opens anything, and the database is left where it is.
import fs from 'node:fs';
import { failure } from '../core/errors.js';
import { sanitizeLine } from '../core/sanitize.js';

/** The database's companions: its write-ahead log, the log's index, and a rollback journal. */
export const COMPANIONS = ['-wal', '-shm', '-journal'] as const;

/** `file` and its companions. */
export const cacheFiles = (file: string): string[] => [file, ...COMPANIONS.map((suffix) => file + suffix)];

const quote = (p: string): string => `'${p.replace(/'/g, `'\\''`)}'`;

/** Refuses the database when it or a companion is a symbolic link or not a regular file. Missing is fine. */
export function refuseCacheLinks(file: string): void {
  for (const name of cacheFiles(file)) {
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(name);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw failure(`cannot check ${sanitizeLine(name)} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
    }
    const shown = sanitizeLine(name);
    if (stat.isSymbolicLink()) throw failure(`${shown} is a symbolic link; ${linkFix(name)}`);
    if (!stat.isFile()) throw failure(`${shown} is not a regular file; the local cache is kept only in files of its own. Move it away and run the command again.`);
  }
}

/** What to run about a link at `name`: a dangling one is removed; one to a file is replaced by that file, or removed. */
export function linkFix(name: string): string {
  const shown = quote(sanitizeLine(name));
  const why = 'the local cache and its unsent posts are kept only in files of its own, never through a link.';
  if (!fs.existsSync(name)) return `${why} Remove it (\`rm ${shown}\`) and run the command again.`;
  return `${why} Replace it with the file it points to (\`mv "$(readlink -f ${shown})" ${shown}\`), or remove it (\`rm ${shown}\`), and run the command again.`;
}

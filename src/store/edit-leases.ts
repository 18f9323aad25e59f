// Who is editing one of the user's replaceable lists (follow list, mutes, bookmarks, profile,
// relay lists) right now, kept in the database's meta table so that every nostr-tui sharing this
// cache sees it: the UI and a one-shot command, two commands started together, or two keys
// pressed in the UI before the first edit is saved. An edit reads the newest copy, changes it and
// saves the new version; two at once each start from the same copy, and the one saved last drops
// the other's change (three `follow`s started together kept two). The holder is named by host
// and process, so a lease left by a process that died is taken over at once; one left by a
// process that is still running ends at its time.
import os from 'node:os';
import type { Db } from './database.js';
import { isRunning } from './process-alive.js';

const PREFIX = 'edit-lease:';

interface Holder {
  host: string;
  pid: number;
  token: string;
  /** Unix ms after which the lease is anyone's. */
  until: number;
}

function parseHolder(value: string | undefined): Holder | undefined {
  if (value === undefined) return undefined;
  try {
    const holder = JSON.parse(value) as Partial<Holder>;
    if (typeof holder.host !== 'string' || !Number.isSafeInteger(holder.pid) || typeof holder.token !== 'string' || !Number.isFinite(holder.until)) return undefined;
    return holder as Holder;
  } catch {
    return undefined;
  }
}

export class EditLeases {
  constructor(
    private readonly db: Db,
    private readonly host = os.hostname(),
    private readonly pid = process.pid,
    private readonly running = isRunning,
  ) {}

  /**
   * Takes the lease `name` for `token` until `until` (unix ms), unless someone else holds it: a
   * lease not yet over whose process still runs (or runs on another host). True when taken.
   */
  take(name: string, token: string, now: number, until: number): boolean {
    const key = PREFIX + name;
    return this.db
      .transaction(() => {
        const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
        const holder = parseHolder(row?.value);
        const held = holder && holder.token !== token && holder.until > now && (holder.host !== this.host || this.running(holder.pid));
        if (held) return false;
        const value: Holder = { host: this.host, pid: this.pid, token, until };
        this.db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(key, JSON.stringify(value));
        return true;
      })
      .immediate();
  }

  /**
   * Gives the lease back, if `token` still holds it. The write lock is taken first (IMMEDIATE): a
   * read that became a write after another connection wrote would fail at once, and the lease
   * would hold the next edit until its time.
   */
  release(name: string, token: string): void {
    const key = PREFIX + name;
    this.db
      .transaction(() => {
        const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
        if (parseHolder(row?.value)?.token === token) this.db.prepare('DELETE FROM meta WHERE key = ?').run(key);
      })
      .immediate();
  }
}

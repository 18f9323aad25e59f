// The newest notification the user has seen, per key, in the database's meta
// table: the header's unread count survives a restart. It only moves forward.
import type { Db } from './database.js';

export class NotificationsSeen {
  constructor(private readonly db: Db) {}

  /** Unix seconds of the newest notification seen by `pubkey`; 0 when none yet. */
  get(pubkey: string): number {
    const row = this.db.prepare(`SELECT value FROM meta WHERE key = ?`).pluck().get(`notifications-seen:${pubkey}`) as string | undefined;
    const at = Number(row);
    return Number.isSafeInteger(at) && at > 0 ? at : 0;
  }

  /** Records that everything up to `at` was seen (never moves back); returns the mark now stored. */
  mark(pubkey: string, at: number): number {
    const known = this.get(pubkey);
    if (!Number.isSafeInteger(at) || at <= known) return known;
    this.db.prepare(`INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)`).run(`notifications-seen:${pubkey}`, String(at));
    return at;
  }
}

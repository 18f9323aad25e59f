// Which private messages the user has seen, by rumor id (NIP-17). The ids
// reveal nothing without the user's key: no text, no sender, no peer.
import type { Clock } from '../core/clock.js';
import type { Db } from './database.js';

export class DmReadMarks {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Those of `ids` already read. */
  read(ids: readonly string[]): Set<string> {
    const found = new Set<string>();
    const stmt = this.db.prepare(`SELECT 1 FROM dm_read WHERE rumor_id = ?`);
    for (const id of ids) if (stmt.get(id) !== undefined) found.add(id);
    return found;
  }

  markRead(ids: readonly string[]): void {
    if (ids.length === 0) return;
    const insert = this.db.prepare(`INSERT OR IGNORE INTO dm_read (rumor_id, read_at) VALUES (?, ?)`);
    const now = this.clock.now();
    this.db.transaction(() => {
      for (const id of ids) insert.run(id, now);
    })();
  }
}

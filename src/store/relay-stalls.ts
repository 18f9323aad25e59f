// When each relay last stalled (it took a request and sent no EOSE in the whole wait), kept
// across runs in the database's meta table, so that the next command does not wait the whole
// time again for a relay that is down (src/client/stall-memory.ts).
import type { Db } from './database.js';

const PREFIX = 'relay-stalled:';
// Every key that starts with PREFIX sorts between it and this (';' follows ':').
const PAST_PREFIX = 'relay-stalled;';

export class RelayStalls {
  constructor(private readonly db: Db) {}

  /** Relay URL -> unix ms of its last stall. */
  load(): Map<string, number> {
    const rows = this.db.prepare('SELECT key, value FROM meta WHERE key >= ? AND key < ?').all(PREFIX, PAST_PREFIX) as Array<{ key: string; value: string }>;
    const stalls = new Map<string, number>();
    for (const { key, value } of rows) {
      const at = Number(value);
      if (Number.isSafeInteger(at) && at > 0) stalls.set(key.slice(PREFIX.length), at);
    }
    return stalls;
  }

  /**
   * Records each stall (a time) and forgets each relay that answered (undefined), in one
   * transaction; stalls from before `forgetBefore` (unix ms) are dropped, so that the rows of
   * every dead relay ever met (people's own relays included) do not pile up.
   */
  save(changes: ReadonlyMap<string, number | undefined>, forgetBefore: number): void {
    const put = this.db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
    const forget = this.db.prepare('DELETE FROM meta WHERE key = ?');
    this.db.transaction(() => {
      for (const [url, at] of changes) {
        if (at === undefined) forget.run(PREFIX + url);
        else put.run(PREFIX + url, String(at));
      }
      this.db.prepare('DELETE FROM meta WHERE key >= ? AND key < ? AND CAST(value AS INTEGER) < ?').run(PREFIX, PAST_PREFIX, forgetBefore);
    })();
  }
}

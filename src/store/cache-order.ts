// The order events entered the cache (its rows' seq). Private messages are
// dated to the second only; those written in one second are shown in the
// order this client first held them, and the cache keeps that order across
// restarts (src/core/dm-order.ts).
import type { Db } from './database.js';

export class CacheOrder {
  constructor(private readonly db: Db) {}

  /** Of `ids`, those in the cache, in the order they were first stored. */
  of(ids: readonly string[]): string[] {
    if (ids.length === 0) return [];
    const sql = `SELECT e.id FROM json_each(?) j JOIN events e ON e.id = j.value ORDER BY e.seq`;
    return this.db.prepare(sql).pluck().all(JSON.stringify(ids)) as string[];
  }
}

// Relays' NIP-11 limits, remembered in the database's meta table so a post
// does not ask every write relay for its document every time.
import type { Clock } from '../core/clock.js';
import type { RelayLimits } from '../core/relay-limits.js';
import type { Db } from './database.js';

/** A document read a day ago is still good; a relay that served none is asked again after an hour. */
const FRESH_MS = 24 * 3_600_000;
const FRESH_NONE_MS = 3_600_000;

export class RelayInfoCache {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** The limits known for `url` (`null`: the relay published none), or undefined when not known or stale. */
  get(url: string): RelayLimits | null | undefined {
    const row = this.db.prepare(`SELECT value FROM meta WHERE key = ?`).pluck().get(`nip11:${url}`) as string | undefined;
    if (row === undefined) return undefined;
    try {
      const { at, limits } = JSON.parse(row) as { at: number; limits: RelayLimits | null };
      const age = this.clock.now() - at;
      return age >= 0 && age < (limits ? FRESH_MS : FRESH_NONE_MS) ? limits : undefined;
    } catch {
      return undefined;
    }
  }

  put(url: string, limits: RelayLimits | null): void {
    this.db
      .prepare(`INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)`)
      .run(`nip11:${url}`, JSON.stringify({ at: this.clock.now(), limits }));
  }
}

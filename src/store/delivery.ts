// The outbox planner's learning kept across runs: per relay, and per relay and
// author, how often it was asked and how often it delivered (src/core/delivery.ts).
import { DeliveryStats } from '../core/delivery.js';
import type { Db } from './database.js';

export class SqliteDelivery {
  constructor(private readonly db: Db) {}

  load(): DeliveryStats {
    const stats = new DeliveryStats();
    const rows = this.db.prepare('SELECT url, author, hits, tries FROM delivery').all() as Array<{ url: string; author: string; hits: number; tries: number }>;
    stats.load(rows.map((row) => ({ ...row, author: row.author || null })));
    return stats;
  }

  save(stats: DeliveryStats): void {
    const put = this.db.prepare('INSERT OR REPLACE INTO delivery (url, author, hits, tries) VALUES (?, ?, ?, ?)');
    this.db.transaction(() => {
      for (const entry of stats.entries()) put.run(entry.url, entry.author ?? '', entry.hits, entry.tries);
    })();
  }
}

// Reading the cache newest first, at a cost that does not grow with its size for timeline filters.
import { PROBE_ROWS, type CompiledFilter } from './filter-sql.js';
import type { StatementCache } from './statements.js';

/**
 * The first `limit` rows matching, newest first. A timeline filter (many
 * authors, or only kinds) usually matches most recent events, so the newest
 * PROBE_ROWS rows are searched first; that costs the same however large the
 * cache is. Only if they hold too few matches does the filter use its own
 * indexes, which cost in proportion to what it matches.
 */
export function newestRows(statements: StatementCache, column: 'json' | 'created_at', compiled: CompiledFilter, limit: number | undefined): Iterable<unknown> {
  const order = 'ORDER BY created_at DESC, id ASC';
  if (limit !== undefined && compiled.broad) {
    const probe = statements.get(
      `SELECT ${column} FROM (SELECT * FROM events ${order} LIMIT ${PROBE_ROWS}) e WHERE ${compiled.where} ${order} LIMIT ?`,
    )
      .pluck()
      .all(...compiled.params, limit);
    if (probe.length === limit) return probe;
  }
  // Rows are read one by one, so a large answer is never held twice (rows and events).
  return statements.get(`SELECT ${column} FROM events e WHERE ${compiled.where} ${order} LIMIT ?`)
    .pluck()
    .iterate(...compiled.params, limit ?? -1);
}

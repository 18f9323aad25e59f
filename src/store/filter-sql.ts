// NIP-01 filters as SQL over the event cache's tables, so the cache answers
// the same questions a relay does.
import type { Filter } from 'nostr-tools';

/** Newest rows searched first for a broad filter (see newestRows). */
export const PROBE_ROWS = 5000;
/** A filter naming at most this many authors is answered from the author index directly. */
const FEW_AUTHORS = 8;

export interface CompiledFilter {
  where: string;
  params: (string | number)[];
  limit?: number;
  /** Likely to match much of the recent cache: no ids, no tags, no short author list. */
  broad: boolean;
}

/**
 * NIP-01 filter -> SQL condition; null when the filter can match nothing here
 * (an empty list, limit 0, a NIP-50 search or a tag that is not indexed).
 */
export function compileFilter(filter: Filter): CompiledFilter | null {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const list = (column: string, values: readonly (string | number)[]) => {
    where.push(`${column} IN (${values.map(() => '?').join(',')})`);
    params.push(...values);
  };
  let limit: number | undefined;
  for (const [key, raw] of Object.entries(filter)) {
    if (raw === undefined) continue;
    switch (key) {
      case 'ids':
      case 'authors':
      case 'kinds': {
        const values = raw as (string | number)[];
        if (values.length === 0) return null;
        list(key === 'ids' ? 'id' : key === 'authors' ? 'pubkey' : 'kind', values);
        break;
      }
      case 'since':
        where.push('created_at >= ?');
        params.push(raw as number);
        break;
      case 'until':
        where.push('created_at <= ?');
        params.push(raw as number);
        break;
      case 'limit':
        if (typeof raw !== 'number' || !Number.isFinite(raw)) break;
        limit = Math.max(0, Math.floor(raw));
        if (limit === 0) return null;
        break;
      default: {
        if (!key.startsWith('#')) return null; // search and unknown fields: not answerable from the cache
        const name = key.slice(1);
        const values = raw as string[];
        if (!/^[a-zA-Z]$/.test(name) || values.length === 0) return null;
        where.push(`seq IN (SELECT seq FROM tags WHERE name = ? AND value IN (${values.map(() => '?').join(',')}))`);
        params.push(name, ...values);
      }
    }
  }
  const broad =
    filter.ids === undefined &&
    !Object.keys(filter).some((key) => key.startsWith('#')) &&
    (filter.authors === undefined || filter.authors.length > FEW_AUTHORS);
  return { where: where.length ? where.join(' AND ') : '1', params, broad, ...(limit === undefined ? {} : { limit }) };
}

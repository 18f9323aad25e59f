// The REQ filters behind each feed (NIP-01). Notes are kind 1, reposts kind 6
// (NIP-18). Long author lists are split: relays cap filter sizes (many at a
// few hundred authors), and one oversized filter would make a relay refuse
// the whole REQ.
import type { Filter } from 'nostr-tools';

export const FEED_KINDS = [1, 6];
export const AUTHORS_PER_FILTER = 250;

/** Follows' notes and reposts: one filter per 250 authors, each with the same window and limit. */
export function homeFilters(authors: string[], since: number, limit: number): Filter[] {
  const unique = [...new Set(authors)];
  const filters: Filter[] = [];
  for (let i = 0; i < unique.length; i += AUTHORS_PER_FILTER) {
    filters.push({ kinds: [...FEED_KINDS], authors: unique.slice(i, i + AUTHORS_PER_FILTER), since, limit });
  }
  return filters;
}

/** Notes and reposts that tag the user (NIP-01 `#p`). */
export function mentionFilters(pubkey: string, since: number, limit: number): Filter[] {
  return [{ kinds: [...FEED_KINDS], '#p': [pubkey], since, limit }];
}

/** Everything recent the relays carry. */
export function globalFilters(since: number, limit: number): Filter[] {
  return [{ kinds: [...FEED_KINDS], since, limit }];
}

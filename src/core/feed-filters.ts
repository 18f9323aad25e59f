// The REQ filters behind each feed (NIP-01). Notes are kind 1, reposts kind 6
// (NIP-18). Long author lists are split: relays cap filter sizes (many at a
// few hundred authors), and one oversized filter would make a relay refuse
// the whole REQ.
import type { Filter } from 'nostr-tools';
import { DELETION_KIND } from './deletion.js';
import { AUTHORS_PER_FILTER, inGroupsOf } from './filter-lists.js';

export const FEED_KINDS = [1, 6];
/**
 * Home also asks for the follows' deletion requests (NIP-09), in the same
 * filters (rare next to notes, so they barely use the limit), so a note its
 * author deletes leaves the timeline. Mentions and Global do not: deletions
 * from everyone would be a stream of noise for the few notes shown.
 */
export const HOME_KINDS = [...FEED_KINDS, DELETION_KIND];

/** Follows' notes, reposts and deletions: one filter per 250 authors, each with the same window and limit. */
export function homeFilters(authors: string[], since: number, limit: number, until?: number): Filter[] {
  const unique = [...new Set(authors)];
  return inGroupsOf(unique, AUTHORS_PER_FILTER).map((group) => ({ kinds: [...HOME_KINDS], authors: group, since, ...upTo(until), limit }));
}

/** Notes and reposts that tag the user (NIP-01 `#p`). */
export function mentionFilters(pubkey: string, since: number, limit: number, until?: number): Filter[] {
  return [{ kinds: [...FEED_KINDS], '#p': [pubkey], since, ...upTo(until), limit }];
}

/**
 * Everything recent the relays carry, and the user's own deletion requests of the window (NIP-09;
 * few, so without a limit, taken in one answer): a repost of theirs undone, which a relay may still
 * keep, leaves Global as it leaves Home.
 */
export function globalFilters(since: number, limit: number, until?: number, me?: string): Filter[] {
  const own: Filter[] = me === undefined ? [] : [{ kinds: [DELETION_KIND], authors: [me], since, ...upTo(until) }];
  return [{ kinds: [...FEED_KINDS], since, ...upTo(until), limit }, ...own];
}

/** `until` (NIP-01, inclusive) only when one is given. */
const upTo = (until: number | undefined): { until?: number } => (until === undefined ? {} : { until });

// NIP-09: a kind 5 event asks to delete the author's own events it names by
// `e` tag (an id) or `a` tag (an address, every version up to the request's
// time). Only events by the same pubkey are affected; a request naming
// someone else's event, or another deletion request, has no effect.
import type { Event, Filter } from 'nostr-tools';
import { isHex64, parseAddress, type Address } from './event-shape.js';
import { IDS_PER_FILTER, inGroupsOf } from './filter-lists.js';

export const DELETION_KIND = 5;

/** Ids a deletion request names (`e` tags); empty for any other kind. */
export function deletedIds(request: Event): string[] {
  if (request.kind !== DELETION_KIND) return [];
  return request.tags.filter((tag) => tag[0] === 'e' && typeof tag[1] === 'string').map((tag) => tag[1]!);
}

/** Addresses a deletion request names (`a` tags) that its author may delete: only their own. */
export function deletedAddresses(request: Event): Array<Address & { value: string }> {
  if (request.kind !== DELETION_KIND) return [];
  return request.tags.flatMap((tag) => {
    const address = tag[0] === 'a' && typeof tag[1] === 'string' ? parseAddress(tag[1]) : null;
    return address && address.pubkey === request.pubkey ? [{ ...address, value: tag[1]! }] : [];
  });
}

/**
 * The note a repost (NIP-18, kind 6 or 16) names, as `id:author`: its `e` tag, and the author
 * its `p` tag names (else the embedded note's, when that is the same id). A repost of a note its
 * author deleted shows a deleted note, so the timeline drops it with the note (the cache keeps it,
 * as relays do). The author is the repost's own claim: a false one can hide only that repost,
 * never one naming the note's real author.
 */
export function repostedKey(event: Pick<Event, 'kind' | 'tags' | 'content'>): string | undefined {
  if (event.kind !== 6 && event.kind !== 16) return undefined;
  const id = event.tags.find((tag) => tag[0] === 'e')?.[1];
  if (!isHex64(id)) return undefined;
  let author = event.tags.find((tag) => tag[0] === 'p')?.[1];
  if (!isHex64(author)) {
    try {
      const inner = JSON.parse(event.content) as { id?: unknown; pubkey?: unknown };
      author = inner?.id === id && isHex64(inner.pubkey) ? inner.pubkey : undefined;
    } catch {
      author = undefined;
    }
  }
  return author ? `${id}:${author}` : undefined;
}

/**
 * What these deletion requests delete, as "id:pubkey" (match `${event.id}:${event.pubkey}`): a
 * request counts only for its own author's events (NIP-09), so one naming someone else's note,
 * whatever a relay sent with it, hides nothing.
 */
export function deletedKeys(requests: Iterable<Event>): Set<string> {
  const keys = new Set<string>();
  for (const request of requests) for (const id of deletedIds(request)) keys.add(`${id}:${request.pubkey}`);
  return keys;
}

/**
 * The filters for the deletion requests that may withdraw `events`: kind 5 by their authors,
 * naming them (`#e`), in groups a relay takes. Whose request counts is deletedKeys' to decide.
 */
export function deletionRequestFilters(events: readonly Event[]): Filter[] {
  return inGroupsOf(events, IDS_PER_FILTER).map((group) => ({
    kinds: [DELETION_KIND],
    authors: [...new Set(group.map((event) => event.pubkey))],
    '#e': group.map((event) => event.id),
  }));
}

// NIP-09: a kind 5 event asks to delete the author's own events it names by
// `e` tag. Only events by the same pubkey are affected; a request naming
// someone else's event, or another deletion request, has no effect.
import type { Event } from 'nostr-tools';

export const DELETION_KIND = 5;

/** Ids a deletion request names (`e` tags); empty for any other kind. */
export function deletedIds(request: Event): string[] {
  if (request.kind !== DELETION_KIND) return [];
  return request.tags.filter((tag) => tag[0] === 'e' && typeof tag[1] === 'string').map((tag) => tag[1]!);
}

// NIP-09: a kind 5 event asks to delete the author's own events it names by
// `e` tag (an id) or `a` tag (an address, every version up to the request's
// time). Only events by the same pubkey are affected; a request naming
// someone else's event, or another deletion request, has no effect.
import type { Event } from 'nostr-tools';
import { parseAddress, type Address } from './event-shape.js';

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

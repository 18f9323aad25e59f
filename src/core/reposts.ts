// The note inside a NIP-18 repost: its content carries the reposted event, whose own id and
// signature are checked (nostr-tools' getRepostedEvent) before it is shown as its author's.
import type { Event } from 'nostr-tools';
import { getRepostedEvent } from 'nostr-tools/nip18';

const reposts = new Map<string, Event | null>();

/** The note inside a NIP-18 repost (signature checked), remembered by repost id. */
export function repostedNote(repost: Event): Event | undefined {
  if (repost.kind !== 6 && repost.kind !== 16) return undefined;
  let inner = reposts.get(repost.id);
  if (inner === undefined) {
    try {
      inner = getRepostedEvent(repost) ?? null;
    } catch {
      inner = null;
    }
    if (reposts.size > 5000) reposts.clear();
    reposts.set(repost.id, inner);
  }
  return inner ?? undefined;
}

/** The note an action (reply, like, open, profile) applies to: the original of a repost. */
export const targetNote = (event: Event): Event => repostedNote(event) ?? event;

// One change to one of the user's own replaceable lists (NIP-51 mutes, bookmarks), made from the
// newest copy on the relays (newest-copy.ts) and never from a partial view: the key is unlocked
// first, so a read-only key or a wrong passphrase fails before any relay is asked; the new version
// is dated after the newest copy, keeps its content (the encrypted private items) byte for byte,
// and goes through the outbox like every write.
import type { Event, VerifiedEvent } from 'nostr-tools';
import { unixNow } from '../core/clock.js';
import { nextListVersion } from '../core/events.js';
import type { PublishResult } from '../net/types.js';
import type { Client } from './client.js';
import { oneEditAtATime } from './edit-lease.js';
import { fetchNewest, requireNewest, type NewestLookup } from './newest-copy.js';
import { publishEvent, type PublishHooks } from './publish.js';

export interface ListChange<Unchanged extends string> {
  changed: boolean;
  unchanged?: Unchanged;
  event?: VerifiedEvent;
  results: PublishResult[];
  lookup: NewestLookup;
}

/** `own`: the user's key; `noun` names the list for people; `change` gives the new tags (from the newest copy's, which it is given too), or why nothing changes. */
export async function editOwnList<Unchanged extends string>(
  client: Client,
  own: string,
  list: { kind: number; noun: string },
  change: (tags: string[][], newest: Event | undefined) => string[][] | { unchanged: Unchanged } | Promise<string[][] | { unchanged: Unchanged }>,
  hooks?: PublishHooks,
): Promise<ListChange<Unchanged>> {
  await client.signer();
  return oneEditAtATime(client, list.kind, async (releasing) => {
    const lookup = await fetchNewest(client, list.kind, own, { forEdit: true });
    requireNewest(lookup, list.noun);
    const next = await change(lookup.event?.tags ?? [], lookup.event);
    if (!Array.isArray(next)) return { changed: false, unchanged: next.unchanged, results: [], lookup };
    const { event, results } = await publishEvent(client, nextListVersion(list.kind, next, unixNow(client.clock), lookup.event), releasing(hooks));
    return { changed: true, event, results, lookup };
  });
}

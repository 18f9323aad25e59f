// Following (NIP-02). A follow list is one replaceable event holding everyone
// the user follows, so an edit must start from the newest version anywhere:
// ask every relay, take the newest (the local copy counts too), change one p
// tag, publish. If the relays could not be asked, stop: a list rebuilt from a
// partial view would replace the real one everywhere it lands.
import type { VerifiedEvent } from 'nostr-tools';
import { unixNow } from '../core/clock.js';
import { followListTemplate } from '../core/events.js';
import { addFollow, followEntries, isFollowing, removeFollow, type FollowEntry } from '../core/follow-list.js';
import { isSecretOf, secretWherePublic } from '../core/identifiers.js';
import type { PublishResult } from '../net/types.js';
import { ownKey, type Client } from './client.js';
import { oneEditAtATime } from './edit-lease.js';
import { fetchNewest, requireNewest, type NewestLookup } from './newest-copy.js';
import { publishEvent, type PublishHooks } from './publish.js';

/** The newest follow list found on the relays or in the local copy, and which relays answered. */
export type FollowListLookup = NewestLookup;

export interface CurrentFollows extends FollowListLookup {
  entries: FollowEntry[];
}

export type Unchanged = 'self' | 'already-following' | 'not-following';

export interface FollowChange {
  /** False for a friendly no-op (following yourself, or someone already followed). */
  changed: boolean;
  unchanged?: Unchanged;
  /** The new follow list, when one was published. */
  event?: VerifiedEvent;
  results: PublishResult[];
  lookup: FollowListLookup;
}

/** The newest kind 3 of `pubkey` from every relay (read and write) and the local copy (the pool caches what the relays sent). */
export const fetchFollowList = (client: Client, pubkey: string, forEdit = false): Promise<FollowListLookup> => fetchNewest(client, 3, pubkey, { forEdit, orIndexers: true });

/** The user's follow list as the relays have it now. */
export async function currentFollows(client: Client, pubkey = ownKey(client)): Promise<CurrentFollows> {
  const lookup = await fetchFollowList(client, pubkey);
  return { ...lookup, entries: lookup.event ? followEntries(lookup.event.tags) : [] };
}

/** `hooks`: told when the new list is saved, and each relay's answer as it comes. */
export const follow = (client: Client, pubkey: string, hooks?: PublishHooks): Promise<FollowChange> => edit(client, pubkey, 'follow', hooks);
export const unfollow = (client: Client, pubkey: string, hooks?: PublishHooks): Promise<FollowChange> => edit(client, pubkey, 'unfollow', hooks);

async function edit(client: Client, target: string, action: 'follow' | 'unfollow', hooks?: PublishHooks): Promise<FollowChange> {
  const own = ownKey(client);
  const noLookup: FollowListLookup = { relays: [], answered: 0 };
  // The user's own secret must never become a `p` tag (issue 16): refused for the UI's keys as for the CLI.
  if (isSecretOf(target, own)) throw secretWherePublic();
  if (action === 'follow' && target === own) return { changed: false, unchanged: 'self', results: [], lookup: noLookup };
  // Unlock first: a read-only key or a wrong passphrase should fail before any network.
  await client.signer();

  return oneEditAtATime(client, 3, async (releasing) => {
    const lookup = await fetchFollowList(client, own, true);
    requireNewest(lookup, 'follow list');

    const tags = lookup.event?.tags ?? [];
    const following = isFollowing(tags, target);
    if (action === 'follow' && following) return { changed: false, unchanged: 'already-following', results: [], lookup };
    if (action === 'unfollow' && !following) return { changed: false, unchanged: 'not-following', results: [], lookup };

    const newTags = action === 'follow' ? addFollow(tags, target) : removeFollow(tags, target);
    const { event, results } = await publishEvent(client, followListTemplate(newTags, unixNow(client.clock), lookup.event), releasing(hooks));
    return { changed: true, event, results, lookup };
  });
}

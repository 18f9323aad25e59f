// The user's bookmarks (NIP-51 kind 10003), edited one note at a time from the newest copy on
// the relays, like the mute and follow lists (src/client/newest-copy.ts): never rebuilt from a
// partial view. Only public `e` tags are changed; every other tag and the encrypted private part
// (`content`) are kept exactly.
import type { VerifiedEvent } from 'nostr-tools';
import { BOOKMARKS_KIND, bookmarkedNotes, isBookmarked, withBookmark, withoutBookmark } from '../core/bookmarks.js';
import { unixNow } from '../core/clock.js';
import { nextListVersion } from '../core/events.js';
import type { PublishResult } from '../net/types.js';
import { ownKey, type Client } from './client.js';
import { fetchNewest, requireNewest, type NewestLookup } from './newest-copy.js';
import { publishEvent } from './publish.js';

export interface CurrentBookmarks extends NewestLookup {
  /** Note ids in list order: the oldest saved first. */
  notes: string[];
}

export interface BookmarkChange {
  changed: boolean;
  unchanged?: 'already-bookmarked' | 'not-bookmarked';
  event?: VerifiedEvent;
  results: PublishResult[];
  lookup: NewestLookup;
}

/** The user's bookmarks as the relays have them now (the local copy when newer). */
export async function currentBookmarks(client: Client): Promise<CurrentBookmarks> {
  const lookup = await fetchNewest(client, BOOKMARKS_KIND, ownKey(client));
  return { ...lookup, notes: lookup.event ? bookmarkedNotes(lookup.event.tags) : [] };
}

/** Saves the note (`relay`: one it was seen on, for others to find it). */
export const bookmark = (client: Client, id: string, relay = ''): Promise<BookmarkChange> => edit(client, id, relay, 'add');
export const unbookmark = (client: Client, id: string): Promise<BookmarkChange> => edit(client, id, '', 'remove');

async function edit(client: Client, id: string, relay: string, action: 'add' | 'remove'): Promise<BookmarkChange> {
  const own = ownKey(client);
  // Unlock first: a read-only key or a wrong passphrase should fail before any network.
  await client.signer();
  const lookup = await fetchNewest(client, BOOKMARKS_KIND, own);
  requireNewest(lookup, 'bookmarks');
  const tags = lookup.event?.tags ?? [];
  const saved = isBookmarked(tags, id);
  if (action === 'add' && saved) return { changed: false, unchanged: 'already-bookmarked', results: [], lookup };
  if (action === 'remove' && !saved) return { changed: false, unchanged: 'not-bookmarked', results: [], lookup };
  const next = action === 'add' ? withBookmark(tags, id, relay) : withoutBookmark(tags, id);
  const { event, results } = await publishEvent(client, nextListVersion(BOOKMARKS_KIND, next, unixNow(client.clock), lookup.event));
  return { changed: true, event, results, lookup };
}

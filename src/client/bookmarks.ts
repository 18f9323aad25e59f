// The user's bookmarks (NIP-51 kind 10003), edited one note at a time from the newest copy on
// the relays, like the mute and follow lists (src/client/newest-copy.ts): never rebuilt from a
// partial view. Only public `e` tags are changed; every other tag and the encrypted private part
// (`content`) are kept exactly. The private part's notes (other clients save there) are read with
// the user's key when it is at hand (src/client/private-items.ts) and listed with the others.
import { BOOKMARKS_KIND, bookmarkedNotes, isBookmarked, withBookmark, withoutBookmark } from '../core/bookmarks.js';
import type { Event } from 'nostr-tools';
import { ownKey, type Client } from './client.js';
import { fetchNewest, type NewestLookup } from './newest-copy.js';
import { editOwnList, type ListChange } from './own-list-edit.js';
import { privateItems } from './private-items.js';
import type { PublishHooks } from './publish.js';

export interface CurrentBookmarks extends NewestLookup {
  /** Note ids in list order, the oldest saved first: the public ones, then the private part's. */
  notes: string[];
  /** Those of `notes` that are in the private part only. */
  privateNotes: string[];
}

export type BookmarkChange = ListChange<'already-bookmarked' | 'not-bookmarked' | 'bookmarked-privately'>;

/** The notes saved in the private part of the bookmark list `event` and not in its public tags. */
export async function privateBookmarks(client: Client, event: Event | undefined): Promise<string[]> {
  const shown = new Set(event ? bookmarkedNotes(event.tags) : []);
  return bookmarkedNotes(await privateItems(client, event)).filter((id) => !shown.has(id));
}

/** The user's bookmarks as the relays have them now (the local copy when newer). */
export async function currentBookmarks(client: Client): Promise<CurrentBookmarks> {
  const lookup = await fetchNewest(client, BOOKMARKS_KIND, ownKey(client));
  const privateNotes = await privateBookmarks(client, lookup.event);
  return { ...lookup, notes: [...(lookup.event ? bookmarkedNotes(lookup.event.tags) : []), ...privateNotes], privateNotes };
}

/** Saves the note (`relay`: one it was seen on, for others to find it). */
export const bookmark = (client: Client, id: string, relay = '', hooks?: PublishHooks): Promise<BookmarkChange> => edit(client, id, relay, 'add', hooks);
export const unbookmark = (client: Client, id: string, hooks?: PublishHooks): Promise<BookmarkChange> => edit(client, id, '', 'remove', hooks);

const edit = (client: Client, id: string, relay: string, action: 'add' | 'remove', hooks?: PublishHooks): Promise<BookmarkChange> =>
  editOwnList(client, ownKey(client), { kind: BOOKMARKS_KIND, noun: 'bookmarks' }, async (tags, newest) => {
    if (isBookmarked(tags, id)) return action === 'add' ? { unchanged: 'already-bookmarked' as const } : withoutBookmark(tags, id);
    // Saved in the private part (by another client): a public copy would show everyone, and that part is left as it is.
    if ((await privateBookmarks(client, newest)).includes(id)) return { unchanged: 'bookmarked-privately' as const };
    return action === 'add' ? withBookmark(tags, id, relay) : { unchanged: 'not-bookmarked' as const };
  }, hooks);

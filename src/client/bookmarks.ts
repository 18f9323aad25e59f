// The user's bookmarks (NIP-51 kind 10003), edited one note at a time from the newest copy on
// the relays, like the mute and follow lists (src/client/newest-copy.ts): never rebuilt from a
// partial view. Only public `e` tags are changed; every other tag and the encrypted private part
// (`content`) are kept exactly.
import { BOOKMARKS_KIND, bookmarkedNotes, isBookmarked, withBookmark, withoutBookmark } from '../core/bookmarks.js';
import { ownKey, type Client } from './client.js';
import { fetchNewest, type NewestLookup } from './newest-copy.js';
import { editOwnList, type ListChange } from './own-list-edit.js';
import type { PublishHooks } from './publish.js';

export interface CurrentBookmarks extends NewestLookup {
  /** Note ids in list order: the oldest saved first. */
  notes: string[];
}

export type BookmarkChange = ListChange<'already-bookmarked' | 'not-bookmarked'>;

/** The user's bookmarks as the relays have them now (the local copy when newer). */
export async function currentBookmarks(client: Client): Promise<CurrentBookmarks> {
  const lookup = await fetchNewest(client, BOOKMARKS_KIND, ownKey(client));
  return { ...lookup, notes: lookup.event ? bookmarkedNotes(lookup.event.tags) : [] };
}

/** Saves the note (`relay`: one it was seen on, for others to find it). */
export const bookmark = (client: Client, id: string, relay = '', hooks?: PublishHooks): Promise<BookmarkChange> => edit(client, id, relay, 'add', hooks);
export const unbookmark = (client: Client, id: string, hooks?: PublishHooks): Promise<BookmarkChange> => edit(client, id, '', 'remove', hooks);

const edit = (client: Client, id: string, relay: string, action: 'add' | 'remove', hooks?: PublishHooks): Promise<BookmarkChange> =>
  editOwnList(client, ownKey(client), { kind: BOOKMARKS_KIND, noun: 'bookmarks' }, (tags) => {
    const saved = isBookmarked(tags, id);
    if (action === 'add') return saved ? { unchanged: 'already-bookmarked' as const } : withBookmark(tags, id, relay);
    return saved ? withoutBookmark(tags, id) : { unchanged: 'not-bookmarked' as const };
  }, hooks);

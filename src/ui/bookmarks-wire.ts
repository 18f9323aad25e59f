// The UI's bookmarks (NIP-51): `b` saves or takes off a note, `B` opens the view. After an edit
// that changed the list, an open Bookmarks view reads it again (onBookmarksChanged).
import type { Filter } from 'nostr-tools';
import { bookmark, currentBookmarks, unbookmark } from '../client/bookmarks.js';
import { openBookmarksFeed } from '../client/bookmarks-feed.js';
import type { Client } from '../client/client.js';
import type { Feed } from '../client/feed.js';
import type { UiServices } from './services.js';

type BookmarkServices = Required<Pick<UiServices, 'bookmark' | 'unbookmark' | 'onBookmarksChanged' | 'openBookmarksFeed'>>;

/** `feed`: a feed over filters, as the UI's others are opened (the cache, then the read relays). */
export function wireBookmarks(client: Client, feed: (filters: Filter[]) => Feed): BookmarkServices {
  const listeners = new Set<() => void>();
  const edited = <T extends { changed: boolean }>(change: T): T => {
    if (change.changed) listeners.forEach((listener) => listener());
    return change;
  };
  return {
    bookmark: (note, relay) => bookmark(client, note.id, relay).then(edited),
    unbookmark: (id) => unbookmark(client, id).then(edited),
    onBookmarksChanged(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    openBookmarksFeed: () => openBookmarksFeed({ clock: client.clock, current: () => currentBookmarks(client), open: feed }),
  };
}

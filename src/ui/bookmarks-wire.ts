// The UI's bookmarks (NIP-51): `b` saves or takes off a note, `B` opens the view, and `⚑` marks
// saved notes in every list. After an edit that changed the list, an open Bookmarks view reads it
// again (onBookmarksChanged).
import type { Event, Filter } from 'nostr-tools';
import { bookmark, currentBookmarks, privateBookmarks, unbookmark, type BookmarkChange } from '../client/bookmarks.js';
import { openBookmarksFeed } from '../client/bookmarks-feed.js';
import type { Client } from '../client/client.js';
import type { Feed } from '../client/feed.js';
import { localCopy } from '../client/newest-copy.js';
import { BOOKMARKS_KIND, bookmarkedNotes } from '../core/bookmarks.js';
import { safely } from '../core/safely.js';
import type { SavedNotesLike, UiServices } from './services.js';

type BookmarkServices = Required<Pick<UiServices, 'bookmark' | 'unbookmark' | 'onBookmarksChanged' | 'openBookmarksFeed' | 'savedNotes'>>;

/** `feed`: a feed over filters, as the UI's others are opened (the cache, then the read relays). */
export function wireBookmarks(client: Client, feed: (filters: Filter[]) => Feed): BookmarkServices {
  const listeners = new Set<() => void>();
  const saved = savedNotes(client);
  const edited = (change: BookmarkChange): BookmarkChange => {
    // The list just published, or (nothing to change) the newest copy the edit read.
    saved.learn(change.event ?? change.lookup.event);
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
    savedNotes: saved.notes,
  };
}

/**
 * The notes on the user's newest bookmark list seen so far: the local copy as soon as a list asks,
 * then the relays' newest, then what each edit publishes or reads. An older copy arriving late
 * never replaces a newer one.
 */
function savedNotes(client: Client): { notes: SavedNotesLike; learn(list: Event | undefined): void } {
  let newest = -1;
  let ids: ReadonlySet<string> = new Set();
  let asked = false;
  const listeners = new Set<() => void>();
  const learn = (list: Event | undefined) => {
    if (!list || list.created_at < newest) return;
    newest = list.created_at;
    ids = new Set(bookmarkedNotes(list.tags));
    listeners.forEach((listener) => listener());
    // The private part's notes once read (the key at hand), unless a newer list came meanwhile.
    void privateBookmarks(client, list).then((privately) => {
      if (privately.length === 0 || list.created_at !== newest) return;
      ids = new Set([...ids, ...privately]);
      listeners.forEach((listener) => listener());
    });
  };
  const ask = (me: string) => {
    asked = true;
    learn(safely(() => localCopy(client, BOOKMARKS_KIND, me), undefined));
    currentBookmarks(client).then(
      (current) => learn(current.event),
      () => {},
    );
  };
  return {
    learn,
    notes: {
      has: (id) => ids.has(id),
      onChange(listener) {
        listeners.add(listener);
        const me = client.publicKey();
        if (!asked && me) ask(me);
        return () => void listeners.delete(listener);
      },
    },
  };
}

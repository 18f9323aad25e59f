// The notes of the Bookmarks view (`B`): the relays' newest bookmark list (NIP-51 kind 10003)
// decides which notes, then they are read as any feed's are (the cache paints them, the relays
// fill in the rest). Until the list is known the view holds nothing and says it is reading; when
// no relay answers, the local copy of the list stands in, and `problem` says so.
import type { Filter } from 'nostr-tools';
import type { Clock } from '../core/clock.js';
import { IDS_PER_FILTER, inGroupsOf } from '../core/filter-lists.js';
import { Timeline } from '../core/timeline.js';
import type { CurrentBookmarks } from './bookmarks.js';
import type { Feed } from './feed.js';

export interface BookmarksFeedDeps {
  clock: Clock;
  /** The relays' newest list (src/client/bookmarks.ts). */
  current(): Promise<CurrentBookmarks>;
  /** A feed over these filters (the cache, then the user's read relays). */
  open(filters: Filter[]): Feed;
}

export interface BookmarksFeed {
  readonly timeline: Feed['timeline'];
  onChange(listener: () => void): () => void;
  settled: Promise<unknown>;
  /** Why the view may not be the relays' list: still reading it, none answered, or it could not be read. */
  problem(): string | undefined;
  close(): void;
}

export function openBookmarksFeed(deps: BookmarksFeedDeps): BookmarksFeed {
  const empty = new Timeline({ clock: deps.clock });
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((listener) => listener());
  let inner: Feed | undefined;
  let off: (() => void) | undefined;
  let closed = false;
  let problem: string | undefined = 'reading your bookmarks from your relays…';

  const settled = deps.current().then(
    async (list) => {
      if (closed) return;
      problem = list.answered === 0 ? (list.event ? 'no relay answered: this is the local copy of your bookmarks' : 'no relay answered, and there is no local copy of your bookmarks') : undefined;
      if (list.notes.length === 0) return notify();
      inner = deps.open(inGroupsOf(list.notes, IDS_PER_FILTER).map((ids) => ({ ids })));
      off = inner.onChange(notify);
      notify();
      await inner.settled;
    },
    (error: unknown) => {
      problem = `your bookmarks could not be read: ${error instanceof Error ? error.message : String(error)}`;
      notify();
    },
  );

  return {
    get timeline() {
      return inner?.timeline ?? empty;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    settled,
    problem: () => problem,
    close() {
      closed = true;
      off?.();
      inner?.close();
    },
  };
}

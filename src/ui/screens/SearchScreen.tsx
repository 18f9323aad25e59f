// A search's results, a hashtag's notes and the user's bookmarks: the same list as
// the feeds (paging, threads, reply, like all work), so only the opening differs.
import { useEffect, useState } from 'react';
import { describeSources } from '../../client/search-feed.js';
import { useServices } from '../context.js';
import { useFeed } from '../hooks/use-feed.js';
import type { NoteCommand } from '../hooks/use-list-keys.js';
import type { NoteRow } from '../notes/note-source.js';
import type { BookmarksFeedLike, SearchFeedLike } from '../services.js';
import type { StatusMessage } from '../status.js';
import { FeedScreen } from './FeedScreen.js';

interface ListProps {
  rows: number;
  active: boolean;
  perform(command: NoteCommand, row: NoteRow): void;
}

export function SearchScreen({ feed, ...props }: ListProps & { feed: SearchFeedLike }) {
  // The feed was opened when the search was asked (the header reads its counts); closed when this view goes.
  const view = useFeed(() => feed, [feed]);
  const sources = feed.sources();
  // Found but muted is said so: the relays do hold what was searched.
  const found = sources.muted > 0 ? `nothing to show: what was found is muted (${describeSources(sources)})` : `nothing found (${describeSources(sources)})`;
  const empty = sources.searching ? 'nothing in the cache; asking the search relays…' : found;
  return <FeedScreen view={view} rows={props.rows} active={props.active} perform={props.perform} empty={empty} />;
}

export function HashtagScreen({ tag, ...props }: ListProps & { tag: string }) {
  const services = useServices();
  const view = useFeed(() => services.openHashtagFeed?.(tag), [services, tag]);
  return <FeedScreen view={view} rows={props.rows} active={props.active} perform={props.perform} empty={`no notes with #${tag} on your relays`} />;
}

export function BookmarksScreen({ setStatus, ...props }: ListProps & { setStatus(status: StatusMessage): void }) {
  const services = useServices();
  // Opened again after each edit (b, then y), so a note taken off leaves the list.
  const [edits, setEdits] = useState(0);
  useEffect(() => services.onBookmarksChanged?.(() => setEdits((n) => n + 1)), [services]);
  const view = useFeed(() => services.openBookmarksFeed?.(), [services, edits]);
  const feed = view.feed as BookmarksFeedLike | undefined;
  const problem = feed?.problem();
  const shown = (feed?.timeline.view().length ?? 0) > 0;
  // Notes from the local copy of the list (no relay answered) say so in the footer; an empty list says it in its place.
  useEffect(() => {
    if (problem && shown) setStatus({ text: problem, tone: 'error' });
  }, [problem, shown, setStatus]);
  const empty = !services.openBookmarksFeed ? 'bookmarks are not available here' : (problem ?? 'no bookmarks yet: b on a note saves it');
  return <FeedScreen view={view} rows={props.rows} active={props.active} perform={props.perform} empty={empty} />;
}

/** The header: what is searched, and where the results come from. */
export const searchTitle = (feed: SearchFeedLike): string => `Search "${feed.query}" · ${describeSources(feed.sources())}`;

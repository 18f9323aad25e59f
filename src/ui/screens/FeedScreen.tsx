import { useEffect, useMemo, useRef } from 'react';
import { useScreenSize } from '../context.js';
import type { FeedView } from '../hooks/use-feed.js';
import { useListKeys, type NoteCommand } from '../hooks/use-list-keys.js';
import { useLayouter, useNoteList } from '../hooks/use-note-list.js';
import { useMutes, withoutMuted } from '../hooks/use-mutes.js';
import { NoteList } from '../notes/NoteList.js';
import { timelineSource, type NoteRow } from '../notes/note-source.js';
import { RecentMap } from '../../core/recent.js';

const NO_ENTRIES: readonly never[] = [];
/** Ids whose created_at the list remembers, to find them again by binary search (src/ui/notes/note-source.ts). */
const KNOWN_KEYS = 10_000;

const OLDER_TEXT = {
  loading: 'loading older notes…',
  end: 'no older notes on your relays',
  incomplete: 'no older notes from the relays that answered',
} as const;

/** Content lines of a note shown in a feed before it is cut. */
export const FEED_MAX_LINES = 8;

export interface FeedScreenProps {
  view: FeedView;
  rows: number;
  active: boolean;
  perform(command: NoteCommand, row: NoteRow): void;
  empty: string;
  /** Said when every note the feed holds is muted; by default, how many. */
  allMuted?: string;
  /** Changing this number jumps to the top (after the user posted). */
  topSignal?: number;
}

/** A live feed: only the window is laid out and drawn, whatever the timeline's length. */
export function FeedScreen({ view, rows, active, perform, empty, allMuted, topSignal }: FeedScreenProps) {
  const { columns } = useScreenSize();
  const timeline = view.feed?.timeline;
  const eventOf = useMemo(() => (timeline?.get ? (id: string) => timeline.get!(id) : undefined), [timeline]);
  const layout = useLayouter(columns, FEED_MAX_LINES, eventOf);
  // Ids handed out as keys, a few per frame: bounded for a long session (issue #16 item 5);
  // the keys the list holds (top, selected) are handed out again every frame, so they stay.
  const known = useRef(new RecentMap<string, number>(KNOWN_KEYS)).current;
  const entries = view.feed?.timeline.view() ?? NO_ENTRIES;
  // Muted people, hashtags and words are left out of every list (src/ui/hooks/use-mutes.ts).
  const mutes = useMutes();
  const shown = useMemo(() => withoutMuted(entries, mutes), [entries, view.version, mutes]);
  const source = useMemo(() => timelineSource(shown, layout, known), [shown, view.version, layout, known, topSignal]);
  const { window, dispatch } = useNoteList(source, rows, view.settled, undefined, topSignal);
  useListKeys(source, window, dispatch, perform, active);
  // On the last note, the next window is asked for (cache and relays, `until` the oldest shown).
  const atBottom = source.length > 0 && window.selected === source.length - 1;
  const { loadOlder, older, settled } = view;
  useEffect(() => {
    if (atBottom && settled && older === 'idle') loadOlder?.();
  }, [atBottom, settled, older, loadOlder]);
  const footer = older && older !== 'idle' ? OLDER_TEXT[older] : undefined;
  // Every note the feed holds is muted: say so rather than that the relays have none.
  const hidden = shown.length === 0 && entries.length > 0 ? (allMuted ?? `nothing to show: the ${entries.length} note${entries.length === 1 ? ' here is' : 's here are'} muted`) : undefined;
  return <NoteList source={source} window={window} rows={rows} empty={hidden ?? (view.settled ? empty : 'loading…')} {...(footer ? { footer } : {})} />;
}

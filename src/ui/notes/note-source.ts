// Lists of notes as the list window sees them (ListSource): keys, positions
// and heights, with each note laid out only when it comes into view.
import type { Event } from 'nostr-tools';
import type { ListSource } from '../list/list-state.js';
import type { TimelineViewLike } from '../services.js';
import type { NoteLine } from './note-layout.js';

export interface NoteRow {
  event: Event;
  /** Thread depth (indentation); 0 in feeds. */
  depth: number;
  /** A relay it was seen on, for relay hints in replies and reposts. */
  relay?: string;
}

export interface NoteSource extends ListSource {
  rowAt(index: number): NoteRow;
  linesAt(index: number): NoteLine[];
}

/** Lays out a row; results are cached by the caller per width and names version. */
export type Layouter = (row: NoteRow) => NoteLine[];

/** A blank line between notes. */
const GAP = 1;

/** Timeline order (NIP-01 feeds, src/core/timeline.ts): newest first, then id ascending. */
const before = (a: Event, createdAt: number, id: string) => (a.created_at !== createdAt ? a.created_at > createdAt : a.id < id);

/** The created_at of each id handed out as a key; a RecentMap keeps it bounded (src/ui/screens/FeedScreen.tsx). */
export interface KnownTimes {
  get(id: string): number | undefined;
  set(id: string, createdAt: number): void;
}

/**
 * A timeline's entries as a list. Finding an id again after arrivals is a binary
 * search on (created_at, id), using the times of the ids handed out (`known`),
 * so anchoring the window costs the same with 100 or 100,000 notes. An id no
 * longer known is searched for one by one (indexOf) or taken as gone (placeOf).
 */
export function timelineSource(entries: TimelineViewLike, layout: Layouter, known: KnownTimes): NoteSource {
  /** The first index not before (createdAt, id): where that note is, or would be. */
  const placeOf = (createdAt: number, id: string): number => {
    let lo = 0;
    let hi = entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (before(entries.at(mid)!.event, createdAt, id)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const rowAt = (i: number): NoteRow => {
    const entry = entries.at(i)!;
    return { event: entry.event, depth: 0, relay: entry.seenOn[0] };
  };
  return {
    length: entries.length,
    keyAt(i) {
      const { event } = entries.at(i)!;
      known.set(event.id, event.created_at);
      return event.id;
    },
    indexOf(id) {
      const createdAt = known.get(id);
      if (createdAt === undefined) {
        for (let i = 0; i < entries.length; i++) if (entries.at(i)!.event.id === id) return i;
        return -1;
      }
      const at = placeOf(createdAt, id);
      return entries.at(at)?.event.id === id ? at : -1;
    },
    placeOf(id) {
      const createdAt = known.get(id);
      return createdAt === undefined ? -1 : placeOf(createdAt, id);
    },
    heightAt: (i) => layout(rowAt(i)).length + GAP,
    rowAt,
    linesAt: (i) => layout(rowAt(i)),
  };
}

/** A short list (a thread, search results) kept whole in memory. */
export function rowsSource(rows: readonly NoteRow[], layout: Layouter): NoteSource {
  const index = new Map(rows.map((row, i) => [row.event.id, i]));
  return {
    length: rows.length,
    keyAt: (i) => rows[i]!.event.id,
    indexOf: (id) => index.get(id) ?? -1,
    heightAt: (i) => layout(rows[i]!).length + GAP,
    rowAt: (i) => rows[i]!,
    linesAt: (i) => layout(rows[i]!),
  };
}

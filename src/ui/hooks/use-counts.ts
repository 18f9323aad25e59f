// Counts on notes (`↩ 3  ↻ 2  ♥ 14  ⚡ 2.1k`), from the counts service: a line
// under each note that has any. The note list asks for the notes in view (the
// original of a repost); the layouter reads the counts and is remade when the
// service learns more. The user's own like or repost is taken from the
// interactions service (a like just made, or just undone), and marked on the header.
// Muted people are not counted, as the thread does not show them.
import { useEffect, useMemo, useState } from 'react';
import type { Event } from 'nostr-tools';
import { formatCounts, withOwn } from '../../core/notifications-counts.js';
import { useServices } from '../context.js';
import { targetNote } from '../../core/reposts.js';
import type { NoteSource } from '../notes/note-source.js';
import { useMutes } from './use-mutes.js';

/** Asks the counts service about the notes in view. */
export function useRequestCounts(source: NoteSource, visible: readonly number[]): void {
  const { counts } = useServices();
  const ids = counts ? visible.filter((i) => i < source.length).map((i) => targetNote(source.rowAt(i).event).id) : [];
  const key = ids.join(',');
  useEffect(() => {
    if (ids.length > 0) counts?.request(ids);
    // `key` stands for `ids`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [counts, key]);
}

/** The counts line of a note ('' for none), remade when counts or the user's own likes change; undefined without a counts service. */
export function useCountsText(): ((event: Event) => string) | undefined {
  const { counts, interactions } = useServices();
  const mutes = useMutes();
  const [version, setVersion] = useState(0);
  useEffect(() => counts?.onChange(() => setVersion((v) => v + 1)), [counts]);
  useEffect(() => (counts ? interactions?.onChange(() => setVersion((v) => v + 1)) : undefined), [counts, interactions]);
  return useMemo(() => {
    if (!counts) return undefined;
    return (event: Event) => {
      const id = targetNote(event).id;
      return formatCounts(withOwn(counts.get(id, mutes), interactions?.state(id)));
    };
    // `version` changes when either service learns something.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [counts, interactions, mutes, version]);
}

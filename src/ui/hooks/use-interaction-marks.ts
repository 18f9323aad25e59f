// `♥` on a note the user liked, `↻` on one they reposted (from the interactions service, asked
// about the notes in view) and `⚑` on one they bookmarked; for a repost, those of its original.
import { useCallback, useEffect, useState } from 'react';
import { useServices } from '../context.js';
import { targetNote } from '../../core/reposts.js';
import type { NoteSource } from '../notes/note-source.js';

/** The mark to show after the header of the note at `index` ('' for none). */
export function useInteractionMarks(source: NoteSource, visible: readonly number[]): (index: number) => string {
  const { interactions, savedNotes } = useServices();
  const [version, setVersion] = useState(0);
  useEffect(() => interactions?.onChange(() => setVersion((v) => v + 1)), [interactions]);
  useEffect(() => savedNotes?.onChange(() => setVersion((v) => v + 1)), [savedNotes]);
  const ids = visible.filter((i) => i < source.length).map((i) => targetNote(source.rowAt(i).event).id);
  const key = ids.join(',');
  useEffect(() => {
    if (ids.length > 0) interactions?.request(ids);
    // `key` stands for `ids`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [interactions, key]);
  return useCallback(
    (index: number) => {
      if (index >= source.length) return '';
      const id = targetNote(source.rowAt(index).event).id;
      const state = interactions?.state(id);
      return `${state?.liked ? ' ♥' : ''}${state?.reposted ? ' ↻' : ''}${savedNotes?.has(id) ? ' ⚑' : ''}`;
    },
    // `version` changes when the services learn something.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [interactions, savedNotes, source, version],
  );
}

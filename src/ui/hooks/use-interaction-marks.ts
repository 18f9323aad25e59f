// `♥` on a note the user liked and `↻` on one they reposted, from the
// interactions service; asks it about the notes in view (the original of a repost).
import { useCallback, useEffect, useState } from 'react';
import { useServices } from '../context.js';
import { targetNote } from '../notes/note-layout.js';
import type { NoteSource } from '../notes/note-source.js';

/** The mark to show after the header of the note at `index` ('' for none). */
export function useInteractionMarks(source: NoteSource, visible: readonly number[]): (index: number) => string {
  const { interactions } = useServices();
  const [version, setVersion] = useState(0);
  useEffect(() => interactions?.onChange(() => setVersion((v) => v + 1)), [interactions]);
  const ids = visible.filter((i) => i < source.length).map((i) => targetNote(source.rowAt(i).event).id);
  const key = ids.join(',');
  useEffect(() => {
    if (ids.length > 0) interactions?.request(ids);
    // `key` stands for `ids`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [interactions, key]);
  return useCallback(
    (index: number) => {
      if (!interactions || index >= source.length) return '';
      const state = interactions.state(targetNote(source.rowAt(index).event).id);
      return `${state.liked ? ' ♥' : ''}${state.reposted ? ' ↻' : ''}`;
    },
    // `version` changes when the service learns something.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [interactions, source, version],
  );
}

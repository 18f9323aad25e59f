import type { Event } from 'nostr-tools';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { initialListState, listReducer, resolveWindow, type ListAction, type ListState } from '../list/list-state.js';
import { layoutNote, type NoteLine } from '../notes/note-layout.js';
import { truncate } from '../../core/text-layout.js';
import type { Layouter, NoteRow, NoteSource } from '../notes/note-source.js';
import { useNames } from './use-names.js';
import { useCountsText } from './use-counts.js';
import { useNow } from './use-now.js';
import { useQuotes } from './use-quotes.js';
import type { QuoteRef } from '../../core/quotes.js';

/** Indentation per thread level, and the deepest level indented. */
export const INDENT = 2;
const MAX_DEPTH = 8;
/** The selection marker column. */
export const GUTTER = 2;

/**
 * A layouter for notes at this width, caching each note's lines until the width,
 * the known names or the minute change. Asks for the profiles of authors it lays out.
 * `opened`: the note the reader opened, shown even behind a content warning (NIP-36).
 */
export function useLayouter(width: number, maxLines: number, eventOf?: (id: string) => Event | undefined, opened?: string): Layouter {
  const names = useNames();
  const quotes = useQuotes(eventOf);
  const now = useNow();
  const minute = Math.floor(now / 60);
  const countsOf = useCountsText();
  return useMemo(() => {
    const cache = new Map<string, NoteLine[]>();
    return (row: NoteRow) => {
      // Counts on the note (issue 13), a line under it: part of its height, so part of the key.
      const counts = countsOf?.(row.event) ?? '';
      const key = `${row.event.id}:${row.depth}:${counts}`;
      let lines = cache.get(key);
      if (!lines) {
        const indent = Math.min(row.depth, MAX_DEPTH) * INDENT;
        const asked = new Set<string>([row.event.pubkey]);
        const missing: QuoteRef[] = [];
        lines = layoutNote(row.event, {
          width: Math.max(10, width - GUTTER - indent),
          maxLines,
          now,
          ...(eventOf ? { eventOf } : {}),
          ...(opened ? { opened } : {}),
          // Quoted notes (issue #13): the ones not yet here are asked for, and the note laid out again when they come.
          ...(quotes
            ? {
                quoteOf: (ref: QuoteRef) => {
                  const quoted = quotes.quoteOf(ref);
                  if (quoted === undefined) missing.push(ref);
                  else if (quoted) asked.add(quoted.pubkey);
                  return quoted;
                },
              }
            : {}),
          nameOf: (pk) => {
            asked.add(pk);
            return names.nameOf(pk);
          },
        });
        names.request(asked);
        if (counts) lines = [...lines, { text: truncate(counts, Math.max(10, width - GUTTER - indent)), style: 'meta' }];
        if (missing.length > 0) quotes?.request(missing);
        if (cache.size > 2000) cache.clear();
        cache.set(key, lines);
      }
      return lines;
    };
    // `now` is read through `minute`: ages are shown to the minute.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [width, maxLines, names, minute, eventOf, countsOf, quotes, opened]);
}

/** List state for a note list: the window to draw and a dispatcher for moves. */
export function useNoteList(source: NoteSource, rows: number, settled: boolean, startAt?: string, topSignal = 0) {
  const [state, setState] = useState<ListState>(() =>
    startAt && source.length > 0 ? { pinned: false, topKey: source.keyAt(0), selectedKey: startAt } : initialListState,
  );
  const latest = useRef({ source, rows });
  latest.current = { source, rows };
  const dispatch = useCallback((action: ListAction) => {
    setState((s) => listReducer(s, action, latest.current.source, latest.current.rows));
  }, []);
  // The relays have answered: from now on, arrivals above are "new posts". The feed
  // announces its last start-up events before it settles, so none of them counts as new.
  useEffect(() => {
    if (settled) dispatch('settle');
  }, [settled, dispatch]);
  // A jump to the top asked for by the app (the user just posted), applied in
  // this very render so no frame shows the note counted as "new" first.
  const [signal, setSignal] = useState(topSignal);
  if (signal !== topSignal) {
    setSignal(topSignal);
    setState((s) => listReducer(s, 'top', source, rows));
  }
  const window = resolveWindow(state, source, rows);
  return { window, dispatch };
}

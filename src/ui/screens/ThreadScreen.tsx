import type { Event } from 'nostr-tools';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { sanitizeLine } from '../../core/sanitize.js';
import { buildThread } from '../../core/thread.js';
import { useScreenSize, useServices } from '../context.js';
import { useListKeys, type NoteCommand } from '../hooks/use-list-keys.js';
import { useLayouter, useNoteList } from '../hooks/use-note-list.js';
import { isMutedNote, useMutes } from '../hooks/use-mutes.js';
import { NoteList } from '../notes/NoteList.js';
import { rowsSource, type NoteRow } from '../notes/note-source.js';
import type { ThreadResult } from '../../client/thread.js';

/**
 * The thread of a note (NIP-10): root, parents and replies, indented, the opened note selected.
 * What the cache holds of it is drawn at once; the relays' answer completes it.
 */
export function ThreadScreen(props: { event: Event; rows: number; active: boolean; perform(command: NoteCommand, row: NoteRow): void }) {
  const services = useServices();
  const cached = useMemo(() => services.cachedThread?.(props.event) ?? [props.event], [services, props.event]);
  const [fetched, setFetched] = useState<ThreadResult | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    let live = true;
    let stop: (() => void) | undefined;
    services.fetchThread(props.event).then(
      (found) => {
        if (!live) return;
        setFetched(found);
        // Then replies stream in while the thread is open; ones already shown are skipped.
        stop = services.watchThread?.(props.event, (reply) => {
          if (live) setFetched((known) => (!known || known.events.some((e) => e.id === reply.id) ? known : { ...known, events: [...known.events, reply] }));
        });
      },
      (e: unknown) => {
        if (live) setError(sanitizeLine(e instanceof Error ? e.message : String(e)));
      },
    );
    return () => {
      live = false;
      stop?.();
    };
  }, [services, props.event]);
  const events = fetched?.events ?? cached;
  const count = `${events.length} ${events.length === 1 ? 'note' : 'notes'}`;
  const banner = error
    ? `could not fetch the thread: ${error}`
    : !fetched
      ? cached.length > 1
        ? `fetching the thread… (${count} in the cache)`
        : 'fetching the thread…'
      : fetched.relays.some((relay) => relay.eose)
        ? `${count} in this thread`
        : `no relay answered: ${events.length} cached ${events.length === 1 ? 'note' : 'notes'} in this thread`;
  // Drawn anew from the top when the relays bring a note above it (the root the cache lacked); else
  // the reader keeps their place while the replies come in.
  const top = useMemo(() => buildThread(props.event.id, events)[0]?.event.id, [props.event.id, events]);
  return <ThreadList key={top ?? ''} {...props} events={events} banner={banner} />;
}

function ThreadList(props: { event: Event; events: Event[]; banner: string; rows: number; active: boolean; perform(command: NoteCommand, row: NoteRow): void }) {
  const { columns } = useScreenSize();
  // Whom each reply answers is read from the parent itself when the thread holds it (NIP-10).
  const eventOf = useMemo(() => {
    const byId = new Map(props.events.map((e) => [e.id, e]));
    return (id: string) => byId.get(id);
  }, [props.events]);
  // The note opened here is shown even behind a content warning: opening it was the reader's act (NIP-36).
  const layout = useLayouter(columns, 40, eventOf, props.event.id);
  // A note the user deletes here leaves the thread at once (the service tells when).
  const { interactions } = useServices();
  const [deletions, setDeletions] = useState(0);
  useEffect(() => interactions?.onChange(() => setDeletions((n) => n + 1)), [interactions]);
  const mutes = useMutes();
  const threadRows = useMemo(
    () =>
      buildThread(props.event.id, props.events)
        .filter((r) => !interactions?.deleted(r.event.id))
        // Muted replies are hidden; the note the user opened stays.
        .filter((r) => r.event.id === props.event.id || !isMutedNote(r.event, mutes))
        .map((r) => ({ event: r.event, depth: r.depth })),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [props.event.id, props.events, interactions, deletions, mutes],
  );
  const source = useMemo(() => rowsSource(threadRows, layout), [threadRows, layout]);
  const { window, dispatch } = useNoteList(source, props.rows, false, props.event.id);
  // Enter on the note this thread was opened for opens the note it quotes (issue #13).
  const { perform: performOn, event: focus } = props;
  const perform = useCallback(
    (command: NoteCommand, row: NoteRow) => performOn(command === 'open' && row.event.id === focus.id ? 'openQuote' : command, row),
    [performOn, focus.id],
  );
  useListKeys(source, window, dispatch, perform, props.active);
  return <NoteList source={source} window={window} rows={props.rows} empty="nothing to show" banner={props.banner} />;
}

// l, t and d on a note: like / unlike, repost / undo repost, delete your own
// note, with the state the interactions service keeps (src/client/interactions.ts).
// Undoing, reposting and deleting ask first (`repost? y/n`); a like does not,
// but it is never sent twice: the service refuses a second one while the first
// is on its way, and one the relays say is already there.
import type { Event } from 'nostr-tools';
import { useCallback } from 'react';
import type { InteractionOutcome, Interactions } from '../../client/interactions.js';
import { useConfirm } from '../confirm/use-confirm.js';
import { errorStatus, NO_KEY, publishStatus, type StatusMessage } from '../status.js';

export interface InteractDeps {
  setStatus(status: StatusMessage): void;
  nameOf(pubkey: string): string;
  /** The user's public key. */
  me: string | undefined;
  /** A published event the open views should take in (a kind 5 removes the note). */
  onPublished(event: Event): void;
}

function unchangedText(what: string, reason: NonNullable<InteractionOutcome['unchanged']>): string {
  switch (reason) {
    case 'busy':
      return `${what}: already on its way`;
    case 'already':
      return `${what}: you already did (nothing sent)`;
    case 'not-done':
      return `${what}: nothing to undo`;
    case 'not-yours':
      return 'you can only delete your own notes';
    case 'no-key':
      return NO_KEY;
  }
}

export function useInteract(interactions: Interactions | undefined, deps: InteractDeps) {
  const { setStatus, nameOf, onPublished, me } = deps;
  const confirm = useConfirm(setStatus);
  return useCallback(
    (command: 'like' | 'repost' | 'delete', note: Event, relay: string) => {
      if (!interactions) return;
      // The user's own note is "your note", not "you's note".
      const whose = note.pubkey === me ? 'your' : `${nameOf(note.pubkey)}'s`;
      const run = async (what: string, action: () => Promise<InteractionOutcome>) => {
        setStatus({ text: `${what}: sending…`, tone: 'info' });
        try {
          const outcome = await action();
          if (outcome.unchanged) return setStatus({ text: unchangedText(what, outcome.unchanged), tone: 'info' });
          if (outcome.event) onPublished(outcome.event);
          // Deleted while still in the outbox, on no relay: nothing to send (src/client/notes.ts deleteEvent).
          if (outcome.withdrawn === 'unsent') return setStatus({ text: `${what}: taken out of the outbox before any relay had it (nothing sent)`, tone: 'ok' });
          setStatus(publishStatus(what, outcome.results));
        } catch (error) {
          setStatus(errorStatus(what, error));
        }
      };
      const state = interactions.state(note.id);
      switch (command) {
        case 'like':
          if (state.liked) return confirm.ask('unlike? y/n', () => void run(`unlike ${whose} note`, () => interactions.unlike(note)));
          return void run(`like ${whose} note`, () => interactions.like(note, relay));
        case 'repost':
          if (state.reposted) return confirm.ask('undo repost? y/n', () => void run(`undo repost of ${whose} note`, () => interactions.unrepost(note)));
          return confirm.ask('repost? y/n', () => void run(`repost ${whose} note`, () => interactions.repost(note, relay)));
        case 'delete':
          if (note.pubkey !== me) return setStatus({ text: unchangedText('delete', 'not-yours'), tone: 'info' });
          return confirm.ask('delete? y/n', () => void run('delete your note', () => interactions.deleteNote(note)));
      }
    },
    [interactions, confirm, setStatus, nameOf, onPublished, me],
  );
}

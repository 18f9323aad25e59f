import { commandFor, type Command } from '../keys/bindings.js';
import { KeyPriority, useKeypress } from '../keys/keypress.js';
import type { ListAction, ListWindow } from '../list/list-state.js';
import type { NoteRow, NoteSource } from '../notes/note-source.js';

const moves: Partial<Record<Command, ListAction>> = {
  down: 'down', up: 'up', pageDown: 'pageDown', pageUp: 'pageUp', top: 'top', bottom: 'bottom',
};

/** Commands that act on the selected note; the app decides what they do. */
export type NoteCommand = 'open' | 'reply' | 'quote' | 'like' | 'repost' | 'delete' | 'follow' | 'unfollow' | 'profile' | 'mute' | 'hashtag' | 'message' | 'bookmark'
  // Issue #13: `o`, `y`, `Y`, and Enter on the note a thread was opened for (it opens the note quoted).
  | 'openLink' | 'copyNote' | 'copyAuthor' | 'openQuote';
const noteCommands = new Set<Command>(['open', 'reply', 'quote', 'like', 'repost', 'delete', 'follow', 'unfollow', 'profile', 'mute', 'hashtag', 'message', 'bookmark', 'openLink', 'copyNote', 'copyAuthor']);

/** The list keys of the table for a note list: moves go to the list, note commands to `perform`. */
export function useListKeys(
  source: NoteSource,
  window: ListWindow,
  dispatch: (action: ListAction) => void,
  perform: (command: NoteCommand, row: NoteRow) => void,
  isActive: boolean,
): void {
  useKeypress(
    (input, key) => {
      const command = commandFor(['list'], input, key);
      if (!command) return false;
      // With no note to act on, `#` is the global one (a hashtag typed from scratch).
      if (command === 'hashtag' && source.length === 0) return false;
      const move = moves[command];
      if (move) dispatch(move);
      else if (noteCommands.has(command) && source.length > 0) perform(command as NoteCommand, source.rowAt(window.selected));
      return true;
    },
    { priority: KeyPriority.screen, isActive },
  );
}

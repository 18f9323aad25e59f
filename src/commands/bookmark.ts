// `nostr-tui bookmark <note>`, `unbookmark <note>` and `bookmarks`: the user's bookmarks (NIP-51
// kind 10003), kept on their relays so every client of theirs has them.
import type { Argv } from 'yargs';
import type { GlobalArgs } from './context.js';
import type { CommandFactory } from './index.js';

/** The work itself, loaded only when the command runs. */
const run = () => import('./run/bookmark.js');

export interface BookmarkArgs extends GlobalArgs {
  note?: string;
  json?: boolean;
}

const edit = (action: 'bookmark' | 'unbookmark'): CommandFactory => (ctx) => ({
  command: `${action} <note>`,
  describe: action === 'bookmark' ? 'Save a note to your bookmarks (NIP-51), on your relays' : 'Take a note off your bookmarks',
  builder: (yargs: Argv) =>
    yargs
      .positional('note', { type: 'string', describe: 'note1…, nevent1…, nostr: URI or hex event id' })
      .option('json', { type: 'boolean', describe: 'Print {"changed","reason"?,"id"?,"event"?,"relays":[{"url","ok","message"}]}' }),
  handler: async (args) => (await run()).editBookmarks(ctx, args as BookmarkArgs, action),
});

export const bookmarkCommand = edit('bookmark');
export const unbookmarkCommand = edit('unbookmark');

export const bookmarksCommand: CommandFactory = (ctx) => ({
  command: 'bookmarks',
  describe: 'Print your bookmarked notes, the most recently saved first',
  builder: (yargs: Argv) =>
    yargs.option('json', { type: 'boolean', describe: 'One line per bookmark: {"id","event"} ("event" null when no relay has the note)' }),
  handler: async (args) => (await run()).listBookmarks(ctx, args as BookmarkArgs),
});

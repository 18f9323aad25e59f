// `nostr-tui thread <note>`: prints a note's thread (NIP-10), as Enter shows it in the timeline.
import type { Argv } from 'yargs';
import type { GlobalArgs } from './context.js';
import type { CommandFactory } from './index.js';

/** The work itself, loaded only when the command runs. */
const run = () => import('./run/thread.js');

export interface ThreadArgs extends GlobalArgs {
  note?: string;
  json?: boolean;
}

export const threadCommand: CommandFactory = (ctx) => ({
  command: 'thread <note>',
  describe: "Print a note's thread: the notes it answers up to the root, then every reply, indented",
  builder: (yargs: Argv) =>
    yargs
      .positional('note', { type: 'string', describe: 'note1…, nevent1…, nostr: URI or hex event id' })
      .option('json', { type: 'boolean', describe: 'One line per note, in thread order: {"depth","focus","event"} (the event exactly as received)' }),
  handler: async (args) => (await run()).thread(ctx, args as ThreadArgs),
});

// `nostr-tui delete <note>`: asks relays to delete one of your own notes (NIP-09).
import type { Argv } from 'yargs';
import type { GlobalArgs } from './context.js';
import type { CommandFactory } from './index.js';

/** The work itself, loaded only when the command runs. */
const run = () => import('./run/delete.js');

export interface DeleteArgs extends GlobalArgs {
  note?: string;
  reason?: string;
  json?: boolean;
}

export const deleteCommand: CommandFactory = (ctx) => ({
  command: 'delete <note>',
  describe: 'Delete one of your own notes (a NIP-09 deletion request to your write relays)',
  builder: (yargs: Argv) =>
    yargs
      .positional('note', { type: 'string', describe: 'note1…, nevent1…, nostr: URI or hex event id' })
      .option('reason', { type: 'string', requiresArg: true, describe: 'Why, as the content of the deletion request' })
      .option('json', { type: 'boolean', describe: 'Print {"id","event","deleted","relays":[{"url","ok","message"}]}' }),
  handler: async (args) => (await run()).deleteNote(ctx, args as DeleteArgs),
});

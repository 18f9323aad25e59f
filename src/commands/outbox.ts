// `nostr-tui outbox [--json]` lists what no relay has accepted yet;
// `nostr-tui outbox flush` sends it again, byte for byte; `outbox drop <id>` removes one.
import type { Argv } from 'yargs';
import type { GlobalArgs } from './context.js';
import type { CommandFactory } from './index.js';

/** The work itself, loaded only when the command runs (`--help` and other commands never pay for it). */
const run = () => import('./run/outbox.js');

export interface OutboxArgs {
  json?: boolean;
  id?: string;
  yes?: boolean;
}

export const outboxCommand: CommandFactory = (ctx) => ({
  command: 'outbox',
  describe: 'List signed events no relay has accepted yet, with the last error per relay',
  builder: (yargs: Argv) =>
    yargs
      .option('json', { type: 'boolean', describe: 'Print a JSON array of the pending entries' })
      .command({
        command: 'flush',
        describe: 'Send each pending event again to the relays it was meant for (with --relay: to those instead)',
        handler: async (args) => (await run()).flush(ctx, args as GlobalArgs),
      })
      .command<OutboxArgs>({
        command: 'drop <id>',
        describe: 'Remove an unsent event from the outbox for good (asks first; --yes for scripts)',
        builder: (y) =>
          y
            .positional('id', { type: 'string', describe: 'The note1… or hex id `nostr-tui outbox` lists' })
            .option('yes', { type: 'boolean', describe: 'Do not ask; required when not in a terminal' }),
        handler: async (args) => (await run()).drop(ctx, args),
      }),
  handler: async (args) => (await run()).list(ctx, (args as OutboxArgs).json === true),
});

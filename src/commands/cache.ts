// `nostr-tui cache stats` and `nostr-tui cache clear`: the local event cache.
import type { Argv } from 'yargs';
import type { CommandFactory } from './index.js';

/** The work itself, loaded only when the command runs (`--help` and other commands never pay for it). */
const run = () => import('./run/cache.js');

export interface CacheArgs {
  json?: boolean;
}

export const cacheCommand: CommandFactory = (ctx) => ({
  command: 'cache',
  describe: 'Show or clear the local event cache (the outbox of unsent posts is kept)',
  builder: (yargs: Argv) =>
    yargs
      .command<CacheArgs>({
        command: 'stats',
        describe: 'How many events the cache holds and how much space it takes',
        builder: (y) => y.option('json', { type: 'boolean', describe: 'Print one JSON object' }),
        handler: async (args) => (await run()).stats(ctx, args.json === true),
      })
      .command({
        command: 'clear',
        describe: 'Forget every cached event; they are fetched from the relays again',
        handler: async () => (await run()).clear(ctx),
      })
      .demandCommand(1, 'Say what to do: `nostr-tui cache stats` or `nostr-tui cache clear`'),
  handler: () => {},
});

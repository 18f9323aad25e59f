// `nostr-tui search <query> [--json] [--limit N] [--since …] [--author …] [--kind N] [--local] [--people]`:
// the local full-text index, then NIP-50 search relays (src/client/search.ts).
import type { Argv } from 'yargs';
import type { GlobalArgs } from './context.js';
import type { CommandFactory } from './index.js';

/** The work itself, loaded only when the command runs. */
const run = () => import('./run/search.js');

export interface SearchArgs extends GlobalArgs {
  query?: string[];
  json?: boolean;
  limit?: number;
  since?: string;
  until?: string;
  author?: string[];
  kind?: number[];
  local?: boolean;
  people?: boolean;
}

export const DEFAULT_SEARCH_LIMIT = 50;

export const searchCommand: CommandFactory = (ctx) => ({
  command: 'search <query..>',
  describe: 'Search notes (or, with --people, profiles): the local cache at once, then search relays (NIP-50)',
  builder: (yargs: Argv) =>
    yargs
      .positional('query', { type: 'string', array: true, describe: 'Words to find (all of them); word* for a prefix' })
      .option('json', { type: 'boolean', describe: 'One signed event per line, exactly as received' })
      .option('limit', { type: 'number', requiresArg: true, describe: `How many results, newest first (default ${DEFAULT_SEARCH_LIMIT})` })
      .option('since', { type: 'string', requiresArg: true, describe: 'Only newer than this: 30m, 2h, 1d, 2w or a unix time' })
      .option('until', { type: 'string', requiresArg: true, describe: 'Only up to this time: 30m, 2h, 1d, 2w ago or a unix time' })
      .option('author', { type: 'string', requiresArg: true, array: true, describe: 'Only by this person: npub1…, nprofile1… or hex (repeatable)' })
      .option('kind', { type: 'number', requiresArg: true, array: true, describe: 'Only these event kinds (repeatable; default 1 and 30023)' })
      .option('local', { type: 'boolean', describe: 'Search the local cache only; ask no relay' })
      .option('people', { type: 'boolean', describe: 'Find profiles by name, display name or NIP-05 instead of notes' }),
  handler: async (args) => (await run()).searchCommandRun(ctx, args as SearchArgs),
});

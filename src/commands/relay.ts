// `nostr-tui relay add|remove|list`: the relays nostr-tui reads from and writes to.
import type { Argv } from 'yargs';
import type { GlobalArgs } from './context.js';
import type { CommandFactory } from './index.js';

/** The work itself, loaded only when the command runs (`--help` and other commands never pay for it). */
const run = () => import('./run/relay.js');

export interface RelayArgs extends GlobalArgs {
  url?: string;
  readOnly?: boolean;
  writeOnly?: boolean;
  json?: boolean;
  /** Only config.json: publish no relay list. */
  local?: boolean;
  /** The DM relay list (NIP-17 kind 10050) instead of the relays in use. */
  dm?: boolean;
}

/** `--local` and `--dm` of `relay add` / `relay remove`. */
const listFlags = <T>(y: Argv<T>) =>
  y
    .option('local', { type: 'boolean', describe: 'Change only config.json; publish no relay list (NIP-65 kind 10002)' })
    .option('dm', { type: 'boolean', describe: 'Edit your DM relay list instead (NIP-17 kind 10050: where you receive private messages)' })
    .conflicts('local', 'dm');

export const relayCommand: CommandFactory = (ctx) => ({
  command: 'relay',
  describe: 'Add, remove or list your relays; see where people are read from',
  builder: (yargs: Argv) =>
    yargs
      .command<RelayArgs>({
        command: 'add <url>',
        describe: 'Add a relay (ws:// or wss://); both read and written unless told otherwise',
        builder: (y) =>
          y
            .positional('url', { type: 'string', describe: 'e.g. wss://relay.damus.io' })
            .option('read-only', { type: 'boolean', describe: 'Only read from it' })
            .option('write-only', { type: 'boolean', describe: 'Only publish to it' })
            .conflicts('read-only', 'write-only')
            .conflicts('dm', ['read-only', 'write-only'])
            .epilogue('Also publishes your relay list (kind 10002), changed from its newest copy on the relays, unless --local.')
            .option('local', { type: 'boolean', describe: 'Change only config.json; publish no relay list (NIP-65 kind 10002)' })
            .option('dm', { type: 'boolean', describe: 'Edit your DM relay list instead (NIP-17 kind 10050: where you receive private messages)' })
            .conflicts('local', 'dm'),
        handler: async (args) => (await run()).add(ctx, args),
      })
      .command<RelayArgs>({
        command: 'remove <url>',
        describe: 'Stop using a relay (and take it off your published relay list, unless --local)',
        builder: (y) => listFlags(y.positional('url', { type: 'string' })),
        handler: async (args) => (await run()).remove(ctx, args),
      })
      .command<RelayArgs>({
        command: 'list',
        describe: 'List the relays in use; with a key, also your published relay list (kind 10002) and DM relays (kind 10050)',
        builder: (y) =>
          y
            .option('json', { type: 'boolean', describe: 'Print a JSON array of {"url","read","write"} (with --dm: of DM relay URLs)' })
            .option('dm', { type: 'boolean', describe: 'Only your DM relay list (NIP-17 kind 10050), as the relays have it' }),
        handler: async (args) => (await run()).list(ctx, args),
      })
      .command<RelayArgs>({
        command: 'plan',
        describe: 'Show where the people you follow are read from (their own relays, NIP-65), under the relay budget',
        builder: (y) => y.option('json', { type: 'boolean', describe: 'Print {"budget","relays":[{"url","role","authors"}],"fallback","uncovered",…}' }),
        handler: async (args) => (await import('./run/relay-plan.js')).plan(ctx, args),
      })
      .demandCommand(1, 'Say what to do: `nostr-tui relay add <url>`, `relay remove <url>`, `relay list` or `relay plan`'),
  handler: () => {},
});

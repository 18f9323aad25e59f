// `nostr-tui relay add|remove|list`: the relays nostr-tui reads from and writes to.
import type { Argv } from 'yargs';
import { usageError } from '../core/errors.js';
import { normalizeRelayUrl } from '../core/relay-url.js';
import { sanitizeLine } from '../core/sanitize.js';
import type { RelaySpec } from '../net/types.js';
import { ConfigStore, relaysForRun } from '../store/config.js';
import { writeLine, type CommandContext, type GlobalArgs } from './context.js';
import type { CommandFactory } from './index.js';

interface RelayArgs extends GlobalArgs {
  url?: string;
  readOnly?: boolean;
  writeOnly?: boolean;
  json?: boolean;
}

export const relayCommand: CommandFactory = (ctx) => ({
  command: 'relay',
  describe: 'Add, remove or list your relays',
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
            .conflicts('read-only', 'write-only'),
        handler: (args) => add(ctx, args),
      })
      .command<RelayArgs>({
        command: 'remove <url>',
        describe: 'Stop using a relay',
        builder: (y) => y.positional('url', { type: 'string' }),
        handler: (args) => remove(ctx, args),
      })
      .command<RelayArgs>({
        command: 'list',
        describe: 'List the relays in use',
        builder: (y) => y.option('json', { type: 'boolean', describe: 'Print a JSON array of {"url","read","write"}' }),
        handler: (args) => list(ctx, args),
      })
      .demandCommand(1, 'Say what to do: `nostr-tui relay add <url>`, `relay remove <url>` or `relay list`'),
  handler: () => {},
});

const config = (ctx: CommandContext) => new ConfigStore(ctx.paths.configDir);

const markers = (relay: RelaySpec): string => (relay.read && relay.write ? 'read, write' : relay.read ? 'read only' : 'write only');

function add(ctx: CommandContext, args: RelayArgs): void {
  const url = normalizeRelayUrl(args.url ?? '');
  const store = config(ctx);
  const spec: RelaySpec = { url, read: !args.writeOnly, write: !args.readOnly };
  const relays = store.relays();
  const existing = relays.find((relay) => relay.url === url);
  if (existing && existing.read === spec.read && existing.write === spec.write) {
    writeLine(ctx.stdout, `${sanitizeLine(url)} is already in your relays (${markers(existing)}); nothing changed.`);
    return;
  }
  store.setRelays(existing ? relays.map((relay) => (relay.url === url ? spec : relay)) : [...relays, spec]);
  writeLine(ctx.stdout, `${existing ? 'Updated' : 'Added'} ${sanitizeLine(url)} (${markers(spec)}).`);
}

function remove(ctx: CommandContext, args: RelayArgs): void {
  const url = normalizeRelayUrl(args.url ?? '');
  const store = config(ctx);
  const relays = store.relays();
  if (!relays.some((relay) => relay.url === url)) {
    throw usageError(`${sanitizeLine(url)} is not one of your relays; \`nostr-tui relay list\` shows them.`);
  }
  store.setRelays(relays.filter((relay) => relay.url !== url));
  writeLine(ctx.stdout, `Removed ${sanitizeLine(url)}.`);
}

function list(ctx: CommandContext, args: RelayArgs): void {
  const store = config(ctx);
  const override = (args.relay?.length ?? 0) > 0;
  const relays = relaysForRun(store, args.relay);
  if (args.json) {
    writeLine(ctx.stdout, JSON.stringify(relays.map(({ url, read, write }) => ({ url, read, write }))));
    return;
  }
  if (override) writeLine(ctx.stdout, 'Relays for this run (--relay):');
  else if (!store.hasOwnRelays()) writeLine(ctx.stdout, 'Default relays (`nostr-tui relay add` / `relay remove` make the list your own):');
  if (relays.length === 0) writeLine(ctx.stdout, 'No relays: add one with `nostr-tui relay add wss://…`.');
  const width = Math.max(0, ...relays.map((relay) => relay.url.length));
  for (const relay of relays) writeLine(ctx.stdout, `${sanitizeLine(relay.url).padEnd(width)}  ${markers(relay)}`);
}

// The work behind `nostr-tui relay`, loaded when the command runs (its options are in ../relay.ts).
import { usageError } from '../../core/errors.js';
import { addRelay, removeRelay } from '../../client/relay-list.js';
import { sanitizeLine } from '../../core/sanitize.js';
import type { RelaySpec } from '../../core/relay-spec.js';
import { ConfigStore, relaysForRun } from '../../store/config.js';
import { storedPubkey } from '../../store/keys.js';
import { writeLine, type CommandContext } from '../context.js';
import type { RelayArgs } from '../relay.js';

const config = (ctx: CommandContext) => new ConfigStore(ctx.paths.configDir);

const markers = (relay: RelaySpec): string =>
  relay.read && relay.write ? 'read, write' : relay.read ? 'read only' : relay.write ? 'write only' : 'not used (neither read nor written)';

export function add(ctx: CommandContext, args: RelayArgs): void {
  const { url, change, spec } = addRelay(config(ctx), args.url ?? '', { read: !args.writeOnly, write: !args.readOnly }, storedPubkey(ctx.paths.configDir));
  if (change === 'unchanged') {
    writeLine(ctx.stdout, `${sanitizeLine(url)} is already in your relays (${markers(spec!)}); nothing changed.`);
    return;
  }
  writeLine(ctx.stdout, `${change === 'updated' ? 'Updated' : 'Added'} ${sanitizeLine(url)} (${markers(spec!)}).`);
}

export function remove(ctx: CommandContext, args: RelayArgs): void {
  const { url, change } = removeRelay(config(ctx), args.url ?? '');
  if (change === 'unchanged') {
    throw usageError(`${sanitizeLine(url)} is not one of your relays; \`nostr-tui relay list\` shows them.`);
  }
  writeLine(ctx.stdout, `Removed ${sanitizeLine(url)}.`);
}

export function list(ctx: CommandContext, args: RelayArgs): void {
  const store = config(ctx);
  const override = (args.relay?.length ?? 0) > 0;
  const relays = relaysForRun(store, args.relay, storedPubkey(ctx.paths.configDir));
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

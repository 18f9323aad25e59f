// The work behind `nostr-tui relay`, loaded when the command runs (its options are in ../relay.ts).
import { usageError } from '../../core/errors.js';
import { normalizeRelayUrl } from '../../core/relay-url.js';
import { sanitizeLine } from '../../core/sanitize.js';
import type { RelaySpec } from '../../net/types.js';
import { ConfigStore, MAX_RELAYS, relaysForRun } from '../../store/config.js';
import { storedPubkey } from '../../store/keys.js';
import { writeLine, type CommandContext } from '../context.js';
import type { RelayArgs } from '../relay.js';

const config = (ctx: CommandContext) => new ConfigStore(ctx.paths.configDir);

const markers = (relay: RelaySpec): string =>
  relay.read && relay.write ? 'read, write' : relay.read ? 'read only' : relay.write ? 'write only' : 'not used (neither read nor written)';

export function add(ctx: CommandContext, args: RelayArgs): void {
  const url = normalizeRelayUrl(args.url ?? '', storedPubkey(ctx.paths.configDir));
  const store = config(ctx);
  const spec: RelaySpec = { url, read: !args.writeOnly, write: !args.readOnly };
  const relays = store.relays();
  const existing = relays.find((relay) => relay.url === url);
  if (existing && existing.read === spec.read && existing.write === spec.write) {
    writeLine(ctx.stdout, `${sanitizeLine(url)} is already in your relays (${markers(existing)}); nothing changed.`);
    return;
  }
  if (!existing && relays.length >= MAX_RELAYS) {
    throw usageError(`you already have ${relays.length} relays, the most nostr-tui keeps (${MAX_RELAYS}); remove some with \`nostr-tui relay remove <url>\` first.`);
  }
  store.setRelays(existing ? relays.map((relay) => (relay.url === url ? spec : relay)) : [...relays, spec]);
  writeLine(ctx.stdout, `${existing ? 'Updated' : 'Added'} ${sanitizeLine(url)} (${markers(spec)}).`);
}

export function remove(ctx: CommandContext, args: RelayArgs): void {
  const url = normalizeRelayUrl(args.url ?? '');
  const store = config(ctx);
  const relays = store.relays();
  if (!relays.some((relay) => relay.url === url)) {
    throw usageError(`${sanitizeLine(url)} is not one of your relays; \`nostr-tui relay list\` shows them.`);
  }
  store.setRelays(relays.filter((relay) => relay.url !== url));
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

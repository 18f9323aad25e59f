// The work behind `nostr-tui relay`, loaded when the command runs (its options are in ../relay.ts).
import { ExitCode, usageError } from '../../core/errors.js';
import { addRelay, removeRelay, type RelayEdit } from '../../client/relay-list.js';
import { currentOwnList, editDmRelays, editPublishedRelays, notYourRelay, type ListPublish } from '../../client/relay-list-edit.js';
import type { Client } from '../../client/client.js';
import { refusalReason } from '../../client/newest-copy.js';
import { DM_RELAYS_KIND, parseDmRelays } from '../../core/dm.js';
import { parseRelayList, RELAY_LIST_KIND } from '../../core/relay-list.js';
import { sanitizeLine } from '../../core/sanitize.js';
import type { RelaySpec } from '../../core/relay-spec.js';
import { normalizeRelayUrl } from '../../core/relay-url.js';
import { ConfigStore, MAX_RELAYS, relaysForRun } from '../../store/config.js';
import { KeyStore, storedPubkey } from '../../store/keys.js';
import { writeLine, type CommandContext } from '../context.js';
import { withClient, writeResults } from '../with-client.js';
import type { RelayArgs } from '../relay.js';

const config = (ctx: CommandContext) => new ConfigStore(ctx.paths.configDir);

const markers = (relay: RelaySpec): string =>
  relay.read && relay.write ? 'read, write' : relay.read ? 'read only' : relay.write ? 'write only' : 'not used (neither read nor written)';

/** A stored secret key: without one there is nothing to sign a relay list with. */
const canSign = (ctx: CommandContext): boolean => !!new KeyStore(ctx.paths.configDir).load()?.secret;

function writeConfigEdit(ctx: CommandContext, edit: RelayEdit): void {
  if (edit.change === 'unchanged' && edit.spec) writeLine(ctx.stdout, `${sanitizeLine(edit.url)} is already in your relays (${markers(edit.spec)}); nothing changed.`);
  else if (edit.change === 'removed') writeLine(ctx.stdout, `Removed ${sanitizeLine(edit.url)}.`);
  else if (edit.spec) writeLine(ctx.stdout, `${edit.change === 'updated' ? 'Updated' : 'Added'} ${sanitizeLine(edit.url)} (${markers(edit.spec)}).`);
}

function writeListPublish(ctx: CommandContext, list: ListPublish, name: string): void {
  if (!list.changed) {
    writeLine(ctx.stdout, `Your published ${name} already says so; nothing published.`);
    return;
  }
  writeLine(ctx.stdout, `Published your ${name}:`);
  writeResults(ctx, list.results);
  if (!list.results.some((result) => result.ok)) {
    writeLine(ctx.stderr, `nostr-tui: no relay accepted your ${name}; it is kept in the outbox (\`nostr-tui outbox flush\` sends it again).`);
    ctx.exitCode = ExitCode.failed;
  }
}

/** Without a key (or with a public key only) the edit stays local, as before relay lists were published. */
const localOnly = (ctx: CommandContext, args: RelayArgs): boolean => !!args.local || !canSign(ctx);

/** Said after a config-only edit that was not asked to be local. */
function noteLocal(ctx: CommandContext, args: RelayArgs): void {
  if (!args.local) writeLine(ctx.stderr, 'nostr-tui: note: no secret key, so only config.json changed; no relay list (kind 10002) was published.');
}

export async function add(ctx: CommandContext, args: RelayArgs): Promise<void> {
  const own = storedPubkey(ctx.paths.configDir);
  if (args.dm) return editDm(ctx, args, 'add', own);
  const marks = { read: !args.writeOnly, write: !args.readOnly };
  if (localOnly(ctx, args)) {
    writeConfigEdit(ctx, addRelay(config(ctx), args.url ?? '', marks, own));
    noteLocal(ctx, args);
    return;
  }
  const url = normalizeRelayUrl(args.url ?? '', own); // bad input before any network
  await withClient(ctx, args, async (client) => {
    const { config: edit, list } = await editPublishedRelays(client, config(ctx), { url, spec: marks }, own);
    writeConfigEdit(ctx, edit);
    writeListPublish(ctx, list, 'relay list (kind 10002)');
  }, { retryOutbox: true });
}

export async function remove(ctx: CommandContext, args: RelayArgs): Promise<void> {
  const own = storedPubkey(ctx.paths.configDir);
  if (args.dm) return editDm(ctx, args, 'remove', own);
  if (localOnly(ctx, args)) {
    const { url, change } = removeRelay(config(ctx), args.url ?? '');
    if (change === 'unchanged') throw notMine(url);
    writeLine(ctx.stdout, `Removed ${sanitizeLine(url)}.`);
    noteLocal(ctx, args);
    return;
  }
  const url = normalizeRelayUrl(args.url ?? '');
  await withClient(ctx, args, async (client) => {
    // A relay only in the published list (a --local edit, another client) is removed from it.
    const { config: edit, list } = await editPublishedRelays(client, config(ctx), { url }, own);
    if (edit.change === 'unchanged') writeLine(ctx.stdout, `${sanitizeLine(url)} was not in config.json; removed it from your published relay list.`);
    writeConfigEdit(ctx, edit);
    writeListPublish(ctx, list, 'relay list (kind 10002)');
  }, { retryOutbox: true });
}

const notMine = notYourRelay;

async function editDm(ctx: CommandContext, args: RelayArgs, action: 'add' | 'remove', own: string | undefined): Promise<void> {
  const url = normalizeRelayUrl(args.url ?? '', own);
  await withClient(ctx, args, async (client) => {
    const list = await editDmRelays(client, url, action);
    if (list.changed) writeLine(ctx.stdout, `${action === 'add' ? 'Added' : 'Removed'} ${sanitizeLine(url)} ${action === 'add' ? 'to' : 'from'} your DM relays.`);
    else if (action === 'remove') throw usageError(`${sanitizeLine(url)} is not in your DM relay list; \`nostr-tui relay list --dm\` shows it.`);
    writeListPublish(ctx, list, 'DM relay list (kind 10050)');
  }, { retryOutbox: true });
}

export async function list(ctx: CommandContext, args: RelayArgs): Promise<void> {
  if (args.dm) return listDm(ctx, args);
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
  if (!storedPubkey(ctx.paths.configDir)) return;
  writeLine(ctx.stdout, '');
  await withClient(ctx, args, async (client) => {
    // With --relay the relays above are this run's, not the ones a published list would match.
    const published = override ? undefined : await writePublished(ctx, client, relays);
    await writeDm(ctx, client, { published });
  });
}

/**
 * The user's kind 10002 as the relays have it: what others read to find where the user writes
 * and reads (NIP-65), which `--local` edits leave behind. Its relays, or undefined when unknown.
 */
async function writePublished(ctx: CommandContext, client: Client, configured: readonly RelaySpec[]): Promise<RelaySpec[] | undefined> {
  const label = 'Published relay list (kind 10002)';
  let published: RelaySpec[];
  try {
    const lookup = await currentOwnList(client, RELAY_LIST_KIND);
    published = parseRelayList(lookup.event?.tags ?? [], { allowPrivate: true, max: MAX_RELAYS });
  } catch (error) {
    writeLine(ctx.stdout, `${label}: unknown (${unknownReason(error)})`);
    return undefined;
  }
  if (published.length === 0) {
    writeLine(ctx.stdout, `${label}: none, so others cannot find where you write and read (NIP-65); \`nostr-tui relay add <url>\` without --local publishes it.`);
  } else if (sameRelays(published, configured)) {
    writeLine(ctx.stdout, `${label}: the same as above.`);
  } else {
    writeLine(ctx.stdout, `${label}, which others read (NIP-65); it differs from the relays above:`);
    const width = Math.max(0, ...published.map((relay) => relay.url.length));
    for (const relay of published) writeLine(ctx.stdout, `${sanitizeLine(relay.url).padEnd(width)}  ${markers(relay)}`);
  }
  return published;
}

const sameRelays = (a: readonly RelaySpec[], b: readonly RelaySpec[]): boolean => {
  const key = (list: readonly RelaySpec[]) => list.filter((r) => r.read || r.write).map((r) => `${r.url} ${r.read} ${r.write}`).sort().join('\n');
  return key(a) === key(b);
};

const unknownReason = (error: unknown): string => sanitizeLine(refusalReason(error instanceof Error ? error.message : String(error)));

/** `relay list --dm`: the user's kind 10050 as the relays have it. */
async function listDm(ctx: CommandContext, args: RelayArgs): Promise<void> {
  await withClient(ctx, args, (client) => writeDm(ctx, client, { json: args.json === true }));
}

/**
 * The user's kind 10050. Without one, senders who allow it use the read relays of the published
 * relay list (`published`, when known): with none there either, nobody can reach the user.
 */
async function writeDm(ctx: CommandContext, client: Client, opts: { json?: boolean; published?: readonly RelaySpec[] | undefined }): Promise<void> {
  let urls: string[];
  try {
    const lookup = await currentOwnList(client, DM_RELAYS_KIND);
    urls = parseDmRelays(lookup.event?.tags ?? [], { allowPrivate: true });
  } catch (error) {
    if (opts.json) throw error;
    writeLine(ctx.stdout, `DM relays (kind 10050): unknown (${unknownReason(error)})`);
    return;
  }
  if (opts.json) writeLine(ctx.stdout, JSON.stringify(urls));
  else if (urls.length > 0) writeLine(ctx.stdout, `DM relays (kind 10050): ${urls.map(sanitizeLine).join('  ')}`);
  else if (opts.published && !opts.published.some((relay) => relay.read)) {
    writeLine(ctx.stdout, 'DM relays (kind 10050): none, and no read relays published, so no one can send you private messages (`nostr-tui relay add <url> --dm`).');
  } else {
    writeLine(ctx.stdout, 'DM relays (kind 10050): none; private messages to you go to your read relays, if the sender allows (`nostr-tui relay add <url> --dm`).');
  }
}

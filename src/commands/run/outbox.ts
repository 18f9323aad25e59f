// The work behind `nostr-tui outbox`, loaded when the command runs (its options are in ../outbox.ts).
import { decode, noteEncode } from 'nostr-tools/nip19';
import { createInterface } from 'node:readline';
import { ExitCode, failure, usageError } from '../../core/errors.js';
import { isHexKey, isSecretOf } from '../../core/identifiers.js';
import { secretWhereNote } from '../../core/event-ref.js';
import { storedPubkey } from '../../store/keys.js';
import { utcMinute } from '../../core/clock.js';
import { sanitizeLine } from '../../core/sanitize.js';
import type { Client } from '../../client/client.js';
import { flushOutbox, type FlushedEntry } from '../../client/outbox-flush.js';
import { isPermanentRejection, type StoredOutboxEntry } from '../../store/outbox.js';
import { openStore } from '../../store/open.js';
import { isDamage, markDamaged } from '../../store/database.js';
import { writeLine, type CommandContext, type GlobalArgs } from '../context.js';
import type { OutboxArgs } from '../outbox.js';
import { withClient, writeResults } from '../with-client.js';

function openLocalStore(ctx: CommandContext, warned?: () => void) {
  return openStore(ctx.paths.dataDir, {
    clock: ctx.clock,
    onWarning: (message) => {
      warned?.();
      writeLine(ctx.stderr, `nostr-tui: warning: ${sanitizeLine(message)}`);
    },
  });
}

/** The pending entries; an outbox that cannot be read is said so, the file kept for the next start to check. */
function readPending(store: ReturnType<typeof openLocalStore>): StoredOutboxEntry[] {
  try {
    return store.outbox.pending();
  } catch (error) {
    if (!isDamage(error)) throw error;
    markDamaged(store.file);
    throw failure(
      `the outbox in ${sanitizeLine(store.file)} cannot be read (${sanitizeLine((error as Error).message.split('\n')[0]!)}); ` +
        'unsent events may be in it. The file is kept; the next start checks it and moves it aside, keeping what can be read.',
    );
  }
}

export function list(ctx: CommandContext, json: boolean): void {
  let warned = false;
  const store = openLocalStore(ctx, () => (warned = true));
  try {
    const aside = asideOutboxes(ctx, store);
    const pending = readPending(store);
    // The database was replaced, now or earlier, and what the old one held is unknown: never claim all was delivered.
    const doubt = warned || aside.unread.length > 0;
    if (json) {
      writeLine(ctx.stdout, `[${pending.map(entryJson).join(',')}]`);
      if (doubt) ctx.exitCode = ExitCode.failed;
      return;
    }
    if (pending.length === 0 && doubt) {
      writeLine(ctx.stdout, 'The outbox of the local database is empty, but unsent events may be in a file set aside (see above), which is kept.');
      ctx.exitCode = ExitCode.failed;
      return;
    }
    if (pending.length === 0) {
      writeLine(ctx.stdout, 'The outbox is empty: every signed event has reached a relay.');
      return;
    }
    if (doubt) ctx.exitCode = ExitCode.failed;
    writeLine(ctx.stdout, `${pending.length} unsent event${pending.length === 1 ? '' : 's'} in the outbox:`);
    for (const entry of pending) writeEntry(ctx, entry);
    writeLine(ctx.stdout);
    writeLine(ctx.stdout, 'Run `nostr-tui outbox flush` to send them again, to the relays each was meant for (`--relay <url>`: to that relay instead).');
  } finally {
    store.close();
  }
}

/**
 * Databases set aside whose outbox could not be read are read again (src/store/aside.ts): what
 * comes back is said, and each that still cannot be read is named on stderr.
 */
function asideOutboxes(ctx: CommandContext, store: ReturnType<typeof openLocalStore>) {
  const report = store.setAside();
  for (const { file, count } of report.carried) {
    writeLine(ctx.stderr, `nostr-tui: read the outbox of ${sanitizeLine(file)}, set aside earlier: ${count} unsent event${count === 1 ? '' : 's'} carried over.`);
  }
  for (const { file, reason } of report.unread) {
    writeLine(
      ctx.stderr,
      `nostr-tui: unsent events may be in ${sanitizeLine(file)}, set aside earlier: its outbox cannot be read (${sanitizeLine(reason)}). ` +
        'It is kept, and read again by each `nostr-tui outbox`.',
    );
  }
  return report;
}

/** The saved event is embedded as its exact bytes. */
function entryJson(entry: StoredOutboxEntry): string {
  const results = entry.results.map((r) => ({ ...r, permanent: isPermanentRejection(r) }));
  return `{"id":${JSON.stringify(entry.event.id)},"savedAt":${entry.savedAt},"results":${JSON.stringify(results)},"event":${entry.raw}}`;
}

function writeEntry(ctx: CommandContext, entry: StoredOutboxEntry): void {
  const { event } = entry;
  writeLine(ctx.stdout);
  writeLine(ctx.stdout, `${noteEncode(event.id)}  kind ${event.kind}, saved ${utcMinute(entry.savedAt / 1000)}`);
  const preview = sanitizeLine(event.content).slice(0, 70);
  if (preview) writeLine(ctx.stdout, `  "${preview}${event.content.length > 70 ? '…' : ''}"`);
  if (entry.results.length === 0) writeLine(ctx.stdout, '  not sent to any relay yet');
  for (const result of entry.results) {
    const why = sanitizeLine(result.message) || result.outcome;
    const label = isPermanentRejection(result) ? 'refused for good, not retried' : result.outcome;
    writeLine(ctx.stdout, `  ${sanitizeLine(result.url)}  ${label}: ${why}`);
  }
}

export async function flush(ctx: CommandContext, args: GlobalArgs): Promise<void> {
  // This command is the retry; the client's own retry at connect would send everything twice.
  await withClient(ctx, args, flushWith(ctx, (args.relay?.length ?? 0) > 0), { retryOutbox: false });
}

/** `override`: --relay was given, so every entry goes there instead of where it was meant to go. */
const flushWith = (ctx: CommandContext, override: boolean) => async (client: Client): Promise<void> => {
    const outbox = client.store().outbox;
    if (outbox.pending().length === 0) {
      writeLine(ctx.stdout, 'The outbox is empty: nothing to send.');
      return;
    }
    const relays = client
      .relays()
      .filter((relay) => relay.write)
      .map((relay) => relay.url);
    if (relays.length === 0) throw failure('no write relays: add one with `nostr-tui relay add wss://…` (or pass --relay).');
    // Each entry as soon as it is done with: a relay that never answers holds back only the entry it is sending.
    const said = ({ entry, results, delivered }: FlushedEntry) => {
      const id = noteEncode(entry.event.id);
      if (results.length === 0) {
        writeLine(ctx.stdout, `${id}  kept: every write relay refused it for good (see \`nostr-tui outbox\`)`);
        return;
      }
      writeLine(ctx.stdout, `${id}  ${delivered ? 'delivered' : 'still pending'}`);
      writeResults(ctx, results);
    };
    const report = await flushOutbox(outbox, client.pool(), { relays, ...(override ? { override: relays } : {}), onFlushed: said });
    // Sent again only where it was meant to go (outbox-flush.ts): say so when the user has since left
    // those relays. Only the user's own events: a gift wrap (NIP-59, signed by a one-time key) is
    // meant for its recipient's relays, which are never the user's.
    const writing = new Set(relays);
    const stranded = override
      ? []
      : report.entries.filter(
          ({ entry, delivered }) =>
            !delivered && entry.event.pubkey === client.publicKey() && entry.relays && !entry.relays.some((url) => writing.has(url)),
        );
    for (const { entry } of stranded) {
      writeLine(
        ctx.stderr,
        `nostr-tui: ${noteEncode(entry.event.id)} was meant for relays you no longer write to; \`nostr-tui outbox flush --relay <url>\` sends it to a relay you name.`,
      );
    }
    if (report.pending > 0) {
      writeLine(
        ctx.stderr,
        `nostr-tui: ${report.pending} event${report.pending === 1 ? ' is' : 's are'} still in the outbox; ` +
          'they are sent again on the next run that reaches a relay, or with `nostr-tui outbox flush`.',
      );
      ctx.exitCode = ExitCode.failed;
    }
};

/**
 * An event id as `outbox` lists it (note1…), a nevent, or 64 hex characters. The user's own secret
 * key has the shape of an id: refused as `delete` refuses it, never named back (as a note1… either).
 */
function parseEventId(input: string, ownPubkey: string | undefined): string {
  const id = parseAnyEventId(input);
  if (isSecretOf(id, ownPubkey)) throw secretWhereNote();
  return id;
}

function parseAnyEventId(input: string): string {
  const text = input.trim().replace(/^nostr:/i, '');
  if (isHexKey(text.toLowerCase())) return text.toLowerCase();
  try {
    const decoded = decode(text.toLowerCase());
    if (decoded.type === 'note' && isHexKey(decoded.data)) return decoded.data;
    if (decoded.type === 'nevent' && isHexKey(decoded.data.id)) return decoded.data.id;
  } catch {
    // fall through to the usage error
  }
  throw usageError('not an event id: give the note1… id `nostr-tui outbox` lists, or 64 hex characters.');
}

/** One visible line typed at the terminal. */
function askLine(ctx: CommandContext, question: string): Promise<string> {
  const rl = createInterface({ input: ctx.stdin, output: ctx.stderr, terminal: false });
  ctx.stderr.write(question);
  return new Promise((resolve) => {
    let answered = false;
    rl.once('line', (line) => {
      answered = true;
      rl.close();
      resolve(line);
    });
    rl.once('close', () => {
      if (!answered) resolve('');
    });
  });
}

/**
 * `outbox drop <id>`: removes an entry for good. Asked first on a terminal;
 * without one, --yes is required (a script must say it means it).
 */
export async function drop(ctx: CommandContext, args: OutboxArgs): Promise<void> {
  const id = parseEventId(args.id ?? '', storedPubkey(ctx.paths.configDir));
  if (!args.yes && !ctx.stdin.isTTY) {
    throw usageError('outbox drop removes the event for good; not in a terminal, add --yes to confirm. Nothing was dropped.');
  }
  const store = openLocalStore(ctx);
  try {
    const entry = store.outbox.get(id);
    if (!entry) throw failure(`${noteEncode(id)} is not in the outbox; \`nostr-tui outbox\` lists what is.`);
    const label = entry.deliveredAt === undefined ? 'unsent' : 'already delivered';
    if (!args.yes) {
      writeEntry(ctx, entry);
      const answer = await askLine(ctx, `Drop this ${label} event from the outbox for good? [y/N] `);
      if (!/^y(es)?$/i.test(answer.trim())) {
        writeLine(ctx.stdout, 'Kept; nothing was dropped.');
        return;
      }
    }
    store.outbox.drop(id);
    writeLine(ctx.stdout, `Dropped ${noteEncode(id)} (${label}) from the outbox; it will not be sent again.`);
  } finally {
    store.close();
  }
}

// The work behind `nostr-tui cache`, loaded when the command runs (its options are in ../cache.ts).
import { utcMinute } from '../../core/clock.js';
import { failure } from '../../core/errors.js';
import { sanitizeLine } from '../../core/sanitize.js';
import { isDamage, markDamaged } from '../../store/database.js';
import { cacheCapFromEnv, openStore, type LocalStore } from '../../store/open.js';
import { writeLine, type CommandContext } from '../context.js';

function open(ctx: CommandContext) {
  const maxBytes = cacheCapFromEnv(ctx.env);
  return openStore(ctx.paths.dataDir, {
    clock: ctx.clock,
    ...(maxBytes === undefined ? {} : { maxBytes }),
    onWarning: (message) => writeLine(ctx.stderr, `nostr-tui: warning: ${sanitizeLine(message)}`),
  });
}

/**
 * Damage met reading the cache (a damaged page is found only when read): marked, so that the next
 * start checks the whole file and rebuilds it, keeping the outbox; said in one line.
 */
function readOrSayDamaged<T>(store: LocalStore, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (!isDamage(error)) throw error;
    markDamaged(store.file);
    const reason = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    throw failure(`the local cache ${sanitizeLine(store.file)} is damaged (${sanitizeLine(reason)}); the next start checks it and rebuilds it, keeping the outbox.`);
  }
}

export function stats(ctx: CommandContext, json: boolean): void {
  const store = open(ctx);
  try {
    const stats = readOrSayDamaged(store, () => store.events.stats());
    const pending = readOrSayDamaged(store, () => store.outbox.pending().length);
    if (json) {
      writeLine(ctx.stdout, JSON.stringify({ file: store.file, ...stats, outboxPending: pending }));
      return;
    }
    const range =
      stats.oldest === undefined || stats.newest === undefined
        ? ''
        : `, from ${utcMinute(stats.oldest)} to ${utcMinute(stats.newest)}`;
    writeLine(ctx.stdout, `Cache: ${sanitizeLine(store.file)}`);
    writeLine(ctx.stdout, `Events: ${stats.events.toLocaleString('en-US')}${range}`);
    writeLine(ctx.stdout, `Size: ${megabytes(stats.bytes)} of a ${megabytes(stats.maxBytes)} cap (file ${megabytes(stats.fileBytes)})`);
    writeLine(ctx.stdout, `Outbox: ${pending} unsent event${pending === 1 ? '' : 's'}`);
  } finally {
    store.close();
  }
}

export function clear(ctx: CommandContext): void {
  let store = open(ctx);
  try {
    let removed: number | undefined;
    try {
      removed = store.events.clear();
    } catch (error) {
      if (!isDamage(error)) throw error;
      // Marked and opened again, the file is checked whole, set aside and replaced by a new one
      // holding its outbox (the warning says where it went): the cache is cleared either way.
      markDamaged(store.file);
      store.close();
      store = open(ctx);
      readOrSayDamaged(store, () => store.events.clear());
    }
    const pending = store.outbox.pending().length;
    writeLine(
      ctx.stdout,
      (removed === undefined ? 'Cleared the cache: the damaged file was set aside and a new one started.' : `Cleared ${removed.toLocaleString('en-US')} cached event${removed === 1 ? '' : 's'}.`) +
        (pending ? ` The outbox still holds ${pending} unsent event${pending === 1 ? '' : 's'}.` : ''),
    );
  } finally {
    store.close();
  }
}

const megabytes = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

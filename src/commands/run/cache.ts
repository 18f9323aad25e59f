// The work behind `nostr-tui cache`, loaded when the command runs (its options are in ../cache.ts).
import { utcMinute } from '../../core/clock.js';
import { sanitizeLine } from '../../core/sanitize.js';
import { cacheCapFromEnv, openStore } from '../../store/open.js';
import { writeLine, type CommandContext } from '../context.js';

function open(ctx: CommandContext) {
  const maxBytes = cacheCapFromEnv(ctx.env);
  return openStore(ctx.paths.dataDir, {
    clock: ctx.clock,
    ...(maxBytes === undefined ? {} : { maxBytes }),
    onWarning: (message) => writeLine(ctx.stderr, `nostr-tui: warning: ${sanitizeLine(message)}`),
  });
}

export function stats(ctx: CommandContext, json: boolean): void {
  const store = open(ctx);
  try {
    const stats = store.events.stats();
    const pending = store.outbox.pending().length;
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
  const store = open(ctx);
  try {
    const removed = store.events.clear();
    const pending = store.outbox.pending().length;
    writeLine(
      ctx.stdout,
      `Cleared ${removed.toLocaleString('en-US')} cached event${removed === 1 ? '' : 's'}.` +
        (pending ? ` The outbox still holds ${pending} unsent event${pending === 1 ? '' : 's'}.` : ''),
    );
  } finally {
    store.close();
  }
}

const megabytes = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

// `nostr-tui cache stats` and `nostr-tui cache clear`: the local event cache.
import type { Argv } from 'yargs';
import { sanitizeLine } from '../core/sanitize.js';
import { cacheCapFromEnv, openStore } from '../store/open.js';
import { writeLine, type CommandContext } from './context.js';
import type { CommandFactory } from './index.js';

interface CacheArgs {
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
        handler: (args) => stats(ctx, args.json === true),
      })
      .command({
        command: 'clear',
        describe: 'Forget every cached event; they are fetched from the relays again',
        handler: () => clear(ctx),
      })
      .demandCommand(1, 'Say what to do: `nostr-tui cache stats` or `nostr-tui cache clear`'),
  handler: () => {},
});

function open(ctx: CommandContext) {
  const maxBytes = cacheCapFromEnv(ctx.env);
  return openStore(ctx.paths.dataDir, {
    clock: ctx.clock,
    ...(maxBytes === undefined ? {} : { maxBytes }),
    onWarning: (message) => writeLine(ctx.stderr, `nostr-tui: warning: ${sanitizeLine(message)}`),
  });
}

function stats(ctx: CommandContext, json: boolean): void {
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
        : `, from ${isoMinute(stats.oldest)} to ${isoMinute(stats.newest)}`;
    writeLine(ctx.stdout, `Cache: ${sanitizeLine(store.file)}`);
    writeLine(ctx.stdout, `Events: ${stats.events.toLocaleString('en-US')}${range}`);
    writeLine(ctx.stdout, `Size: ${megabytes(stats.bytes)} of a ${megabytes(stats.maxBytes)} cap (file ${megabytes(stats.fileBytes)})`);
    writeLine(ctx.stdout, `Outbox: ${pending} unsent event${pending === 1 ? '' : 's'}`);
  } finally {
    store.close();
  }
}

function clear(ctx: CommandContext): void {
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
const isoMinute = (unixSeconds: number): string => new Date(unixSeconds * 1000).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';

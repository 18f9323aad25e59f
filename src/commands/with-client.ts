// The client for one command run, closed (sockets, database) however the command ends.
import type { VerifiedEvent } from 'nostr-tools';
import { createClient, type Client, type ClientOptions } from '../client/client.js';
import type { PublishHooks } from '../client/publish.js';
import { writeUrls } from '../core/relay-spec.js';
import { sanitizeLine } from '../core/sanitize.js';
import type { PublishResult } from '../core/publish-result.js';
import { writeLine, type CommandContext, type GlobalArgs } from './context.js';

export async function withClient<T>(
  ctx: CommandContext,
  args: GlobalArgs,
  run: (client: Client) => Promise<T>,
  options: Pick<ClientOptions, 'retryOutbox'> & { openCache?: boolean } = {},
): Promise<T> {
  const { openCache, ...clientOptions } = options;
  const client = createClient({
    paths: ctx.paths,
    env: ctx.env,
    clock: ctx.clock,
    stdin: ctx.stdin,
    stderr: ctx.stderr,
    ...(args.relay?.length ? { relayOverride: args.relay } : {}),
    ...clientOptions,
  });
  try {
    // A bad --relay URL is bad input: report it before any key, file or socket is touched.
    client.relays();
    // A read that goes on without the cache when it cannot be opened (cacheOf) hid why, and then
    // said what was not so ("no relay answered, so whom you follow is unknown", and showed everyone):
    // `openCache` opens it first, so that its problem is the one line said.
    if (openCache) client.store();
    return await run(client);
  } finally {
    await client.close();
  }
}

const LABEL: Record<PublishResult['outcome'], string> = {
  accepted: 'accepted',
  rejected: 'rejected',
  timeout: 'timed out',
  unreachable: 'unreachable',
};

/** One line per relay; relay messages are network text, so sanitised. */
export function writeResults(ctx: CommandContext, results: readonly PublishResult[]): void {
  resultLines(ctx, results.map((result) => result.url)).finish(results);
}

/**
 * A relay's line as soon as it answers, so that one that never does (its 8 s timeout) holds back
 * neither the others nor the news that the event is out; `finish` adds what did not come that way
 * (relays refused by their NIP-11 limits) and the count. Lines are aligned on `urls`' width.
 */
function resultLines(ctx: CommandContext, urls: readonly string[]) {
  const width = Math.max(0, ...urls.map((url) => sanitizeLine(url).length));
  const written = new Set<string>();
  const line = (result: PublishResult) => {
    if (written.has(result.url)) return;
    written.add(result.url);
    const message = sanitizeLine(result.message).slice(0, 200);
    writeLine(ctx.stdout, `  ${sanitizeLine(result.url).padEnd(width)}  ${LABEL[result.outcome] ?? sanitizeLine(String(result.outcome))}${message ? `: ${message}` : ''}`);
  };
  return {
    line,
    finish(results: readonly PublishResult[]) {
      for (const result of results) line(result);
      const ok = results.filter((result) => result.ok).length;
      writeLine(ctx.stdout, `Accepted by ${ok} of ${results.length} relay${results.length === 1 ? '' : 's'}.`);
    },
  };
}

/**
 * How a one-shot write is said: `hooks(header)` print `header` once the event is saved in the
 * outbox, then each relay's answer as it comes (none with --json); `finish` ends with the count of
 * relays that took it, or with `json()` on one line once every relay has answered.
 */
export function writeOutput(ctx: CommandContext, client: Client, json: boolean | undefined) {
  const lines = json ? undefined : resultLines(ctx, writeUrls(client.relays()));
  return {
    hooks: (header: (event: VerifiedEvent) => string): PublishHooks | undefined =>
      lines && { onSaved: (event) => writeLine(ctx.stdout, header(event)), onResult: lines.line },
    finish(results: readonly PublishResult[], asJson: () => unknown): void {
      if (lines) lines.finish(results);
      else writeLine(ctx.stdout, JSON.stringify(asJson()));
    },
  };
}

/** `{"url","ok","message"}` per relay, raw: JSON escaping keeps it safe and exact. */
export const resultsJson = (results: readonly PublishResult[]) => results.map(({ url, ok, message }) => ({ url, ok, message }));

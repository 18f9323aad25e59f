// Sends what is still in the outbox: the same signed bytes, never re-signed.
import type { PublishResult, RelayPool } from '../net/types.js';
import { relaysToRetry, type SqliteOutbox, type StoredOutboxEntry } from '../store/outbox.js';

export interface FlushedEntry {
  entry: StoredOutboxEntry;
  /** The results of this attempt; empty when no relay was worth trying. */
  results: PublishResult[];
  delivered: boolean;
}

export interface FlushReport {
  /** Entries sent to at least one relay this time. */
  attempted: number;
  delivered: number;
  /** Still pending afterwards (including those every relay refused for good). */
  pending: number;
  entries: FlushedEntry[];
}

export interface FlushOptions {
  /**
   * Relays (URLs) for entries saved without a record of where they were meant
   * to go (older versions). Relays that refused an entry for good are skipped.
   */
  relays: readonly string[];
  /**
   * Send every entry here instead of where it was meant to go: only when the
   * user says so (`outbox flush --relay`).
   */
  override?: readonly string[];
  timeoutMs?: number;
  /**
   * Only entries saved before this time (ms): a flush started when a command
   * connects leaves alone what that command itself is publishing.
   */
  savedBefore?: number;
  /**
   * Stop at the first entry no relay took: the relays are likely down, and a
   * background retry must not hold a command's exit for one timeout per entry.
   */
  stopAtFirstFailure?: boolean;
  /**
   * Skip entries whose back-off has not run out at this time (ms): the
   * background retry of writing commands. `outbox flush` tries everything.
   */
  backoffAt?: number;
  /** Skip entries never sent yet: their first publish may still be under way (the UI's retry while it runs). */
  attemptedOnly?: boolean;
  /** Told of each entry as soon as it is done with (sent and answered, or kept), oldest first. */
  onFlushed?(flushed: FlushedEntry): void;
}

/**
 * Retries every pending entry through `pool`, to the relays it was meant for,
 * oldest first and one at a time,
 * so that successive versions of a replaceable event (a follow list edited
 * twice) reach each relay in the order they were made. Never throws for a
 * relay's answer: the results are recorded in the outbox.
 */
export async function flushOutbox(outbox: SqliteOutbox, pool: RelayPool, opts: FlushOptions): Promise<FlushReport> {
  const entries: FlushedEntry[] = [];
  const done = (flushed: FlushedEntry) => {
    entries.push(flushed);
    opts.onFlushed?.(flushed);
  };
  let attempted = 0;
  for (const entry of outbox.pending()) {
    if (opts.savedBefore !== undefined && entry.savedAt >= opts.savedBefore) continue;
    if (opts.backoffAt !== undefined && entry.nextTryAt !== undefined && entry.nextTryAt > opts.backoffAt) continue;
    if (opts.attemptedOnly && entry.results.length === 0) continue;
    // Taken out meanwhile (the note deleted before any relay had it, or dropped) or delivered by
    // another run: the list read at the start is not sent from blindly.
    const current = outbox.get(entry.event.id);
    if (!current || current.deliveredAt !== undefined) continue;
    // Where the user meant it to go, never the relays a later command happens to use.
    const relays = relaysToRetry(entry, opts.override ?? entry.relays ?? opts.relays);
    if (relays.length === 0) {
      done({ entry, results: [], delivered: false });
      continue;
    }
    attempted++;
    // entry.event was parsed from the saved bytes; serialising it again gives the same bytes.
    const results = await pool.publish(entry.event, {
      relays,
      ...(opts.timeoutMs === undefined ? {} : { timeoutMs: opts.timeoutMs }),
    });
    outbox.record(entry.event.id, results);
    const delivered = outbox.get(entry.event.id)?.deliveredAt !== undefined;
    done({ entry, results, delivered });
    if (!delivered && opts.stopAtFirstFailure) break;
  }
  const delivered = entries.filter((e) => e.delivered).length;
  return { attempted, delivered, pending: outbox.pending().length, entries };
}

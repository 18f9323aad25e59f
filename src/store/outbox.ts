// The outbox: everything the user signs is saved here before any network
// traffic, and stays until at least one relay has accepted it.
import type { Event } from 'nostr-tools';
import type { Clock } from '../core/clock.js';
import type { PublishOutcome, PublishResult } from '../core/publish-result.js';
import type { Db } from './database.js';
import type { Outbox, OutboxEntry } from './types.js';

export interface StoredOutboxEntry extends OutboxEntry {
  /** The signed event exactly as saved; retries send these bytes, never a re-signed event. */
  raw: string;
  /** When a relay first accepted it, ms; absent while pending. */
  deliveredAt?: number;
  /** Attempts that reached no relay's acceptance. */
  attempts: number;
  /** Not retried in the background before this time, ms (per-event back-off); absent before the first attempt. */
  nextTryAt?: number;
}

/**
 * An entry taken out unsent (`withdraw`): 'unsent' when no relay can hold it, 'maybe-sent' when one
 * may have received it without answering (mayBeOnARelay). Kept in meta under this prefix and its id.
 */
export type Withdrawn = 'unsent' | 'maybe-sent';
const WITHDRAWN = 'outbox-withdrawn:';

/** Back-off between background retries of one event: 1 min, doubling, at most a day. */
const FIRST_RETRY_MS = 60_000;
const MAX_RETRY_MS = 86_400_000;
export const retryDelayMs = (attempts: number): number => Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, Math.min(attempts - 1, 20)));

/** What the pool reports when a relay closed the socket after taking the EVENT, before any OK. */
const CLOSED = 'connection closed';
const CLOSED_TWICE =
  'invalid: the relay closed the connection after this event twice; taken as refused by this relay (too large, or against its rules?)';

const closedAfterSend = (r: Pick<PublishResult, 'outcome' | 'message'>): boolean => r.outcome === 'unreachable' && r.message === CLOSED;

/**
 * NIP-01 OK reasons a relay will give again however often we retry: the event
 * itself is refused (signature, proof of work, policy, the author is blocked).
 * Anything else (timeout, unreachable, `rate-limited:`, `auth-required:`,
 * `error:`, no prefix) may succeed later.
 */
const PERMANENT_PREFIXES = ['blocked:', 'invalid:', 'pow:', 'restricted:', 'mute:'];

export function isPermanentRejection(result: Pick<PublishResult, 'ok' | 'outcome' | 'message'>): boolean {
  if (result.ok || result.outcome !== 'rejected') return false;
  const message = result.message.trimStart().toLowerCase();
  return PERMANENT_PREFIXES.some((prefix) => message.startsWith(prefix));
}

/** A relay that already holds the event (`duplicate:`, NIP-01) has it as surely as one that accepted it. */
export function isDelivered(result: Pick<PublishResult, 'ok' | 'message'>): boolean {
  return result.ok || result.message.trimStart().toLowerCase().startsWith('duplicate:');
}

/**
 * Whether a relay may hold this unsent entry though none accepted it: one it was meant for has no
 * answer recorded (a run ended mid-send), or took the EVENT and then said nothing (timed out, or
 * closed the connection or was closed before its OK). Refusals (OK false) and connections that never
 * opened leave nothing on a relay.
 */
export function mayBeOnARelay(entry: Pick<OutboxEntry, 'results' | 'relays'>): boolean {
  const answered = new Map(entry.results.map((result) => [result.url, result]));
  if ((entry.relays ?? []).some((url) => !answered.has(url)) || answered.size === 0) return true;
  return entry.results.some(
    (result) => result.outcome === 'timeout' || (result.outcome === 'unreachable' && (result.message === CLOSED || result.message === 'pool closed')),
  );
}

/** The relays among `relays` worth sending this entry to again. */
export function relaysToRetry(entry: OutboxEntry, relays: readonly string[]): string[] {
  const permanent = new Set(entry.results.filter(isPermanentRejection).map((result) => result.url));
  return relays.filter((url) => !permanent.has(url));
}

interface OutboxRow {
  id: string;
  json: string;
  saved_at: number;
  delivered_at: number | null;
  relays: string | null;
  attempts: number;
  next_try_at: number | null;
}

function intendedRelays(text: string | null): { relays: string[] } | undefined {
  if (text === null) return undefined;
  try {
    const relays: unknown = JSON.parse(text);
    return Array.isArray(relays) && relays.every((url) => typeof url === 'string') ? { relays } : undefined;
  } catch {
    return undefined;
  }
}

interface ResultRow {
  url: string;
  ok: number;
  outcome: string;
  message: string;
}

export class SqliteOutbox implements Outbox {
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Told after every change this process makes (a save, an attempt, a drop), e.g. to mark unsent notes on screen. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  /**
   * Durable once this returns (a committed, synchronous write). Adding the same event again is
   * harmless, and adds the relays it names to those it is meant for (people's inboxes, found
   * after it was saved).
   */
  add(event: Event, relays?: readonly string[]): void {
    // FULL: this commit reaches the disk before the event goes anywhere, so it
    // survives power loss, not only the process being killed.
    this.db.pragma('synchronous = FULL');
    try {
      this.db.transaction(() => {
        const saved = this.db.prepare(`SELECT relays FROM outbox WHERE id = ?`).get(event.id) as Pick<OutboxRow, 'relays'> | undefined;
        if (!saved) {
          this.db
            .prepare(`INSERT INTO outbox (id, json, saved_at, relays) VALUES (?, ?, ?, ?)`)
            .run(event.id, JSON.stringify(event), this.clock.now(), relays ? JSON.stringify([...relays]) : null);
          return;
        }
        // None named when it was saved: meant for the write relays of the day, which a retry reads.
        const before = intendedRelays(saved.relays)?.relays;
        if (!before || !relays || relays.every((url) => before.includes(url))) return;
        this.db.prepare(`UPDATE outbox SET relays = ? WHERE id = ?`).run(JSON.stringify([...new Set([...before, ...relays])]), event.id);
      }).immediate();
    } finally {
      this.db.pragma('synchronous = NORMAL');
    }
    this.changed();
  }

  /**
   * Keeps the latest result per relay; the entry is delivered once any relay
   * accepted it. A relay that closed the connection after this event a second
   * time in a row is taken to refuse it (not to be unreachable): recorded as
   * a permanent rejection, so it is not sent there again and does not block
   * that relay for every later command. An attempt that did not deliver
   * pushes the next background retry back (see retryDelayMs).
   */
  record(id: string, results: PublishResult[]): void {
    const previous = this.db.prepare(`SELECT outcome, message FROM outbox_results WHERE id = ? AND url = ?`);
    const failedAttempt = this.db.prepare(`UPDATE outbox SET attempts = attempts + 1 WHERE id = ? AND delivered_at IS NULL RETURNING attempts`);
    const backOff = this.db.prepare(`UPDATE outbox SET next_try_at = ? WHERE id = ?`);
    const upsert = this.db.prepare(
      `INSERT INTO outbox_results (id, url, ok, outcome, message, at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (id, url) DO UPDATE SET ok = excluded.ok, outcome = excluded.outcome,
         message = excluded.message, at = excluded.at`,
    );
    const deliver = this.db.prepare(`UPDATE outbox SET delivered_at = ? WHERE id = ? AND delivered_at IS NULL`);
    const now = this.clock.now();
    // IMMEDIATE: this reads, then writes; begun as a read, it would fail at once (no wait) if
    // another connection (the UI's writer thread, another command) wrote in between.
    this.db.transaction(() => {
      if (this.db.prepare(`SELECT 1 FROM outbox WHERE id = ?`).get(id) === undefined) return;
      for (const result of results) {
        const before = previous.get(id, result.url) as ResultRow | undefined;
        const refused = closedAfterSend(result) && before !== undefined && closedAfterSend({ outcome: before.outcome as PublishOutcome, message: before.message });
        const stored = refused ? { ...result, outcome: 'rejected' as const, message: CLOSED_TWICE } : result;
        upsert.run(id, stored.url, stored.ok ? 1 : 0, stored.outcome, stored.message, now);
      }
      if (results.some(isDelivered)) deliver.run(now, id);
      else if (results.length > 0) {
        const row = failedAttempt.get(id) as { attempts: number } | undefined;
        if (row) backOff.run(now + retryDelayMs(row.attempts), id);
      }
    }).immediate();
    this.changed();
  }

  /** Entries no relay has accepted yet, oldest first. */
  pending(): StoredOutboxEntry[] {
    const rows = this.db
      .prepare(`SELECT id, json, saved_at, delivered_at, relays, attempts, next_try_at FROM outbox WHERE delivered_at IS NULL ORDER BY saved_at, id`)
      .all() as OutboxRow[];
    return rows.map((row) => this.toEntry(row));
  }

  get(id: string): StoredOutboxEntry | undefined {
    const row = this.db.prepare(`SELECT id, json, saved_at, delivered_at, relays, attempts, next_try_at FROM outbox WHERE id = ?`).get(id) as
      | OutboxRow
      | undefined;
    return row && this.toEntry(row);
  }

  /** Removes one entry and its results (the user's decision: `outbox drop`); false when there was none. */
  drop(id: string): boolean {
    const dropped = this.db.transaction(() => {
      this.db.prepare(`DELETE FROM outbox_results WHERE id = ?`).run(id);
      return this.db.prepare(`DELETE FROM outbox WHERE id = ?`).run(id).changes > 0;
    })();
    if (dropped) this.changed();
    return dropped;
  }

  /**
   * Takes out an entry no relay has accepted yet (its author deleted it: it must never be sent);
   * the entry as it was, or undefined when there was none pending. What became of it is kept
   * (`withdrawn`): once it is gone, nothing else tells a note never sent from one sent and deleted.
   */
  withdraw(id: string): StoredOutboxEntry | undefined {
    const entry = this.db.transaction(() => {
      const found = this.get(id);
      if (!found || found.deliveredAt !== undefined) return undefined;
      this.db.prepare(`DELETE FROM outbox_results WHERE id = ?`).run(id);
      this.db.prepare(`DELETE FROM outbox WHERE id = ?`).run(id);
      const how: Withdrawn = mayBeOnARelay(found) ? 'maybe-sent' : 'unsent';
      this.db.prepare(`INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)`).run(WITHDRAWN + id, how);
      return found;
    }).immediate();
    if (entry) this.changed();
    return entry;
  }

  /** How this event left the outbox by `withdraw`, or undefined when it did not. */
  withdrawn(id: string): Withdrawn | undefined {
    const how = this.db.prepare(`SELECT value FROM meta WHERE key = ?`).pluck().get(WITHDRAWN + id);
    return how === 'unsent' || how === 'maybe-sent' ? how : undefined;
  }

  /** Forgets entries delivered before `beforeMs`; pending ones are never forgotten. */
  forgetDelivered(beforeMs: number): number {
    return this.db.transaction(() => {
      this.db
        .prepare(`DELETE FROM outbox_results WHERE id IN (SELECT id FROM outbox WHERE delivered_at < ?)`)
        .run(beforeMs);
      return this.db.prepare(`DELETE FROM outbox WHERE delivered_at < ?`).run(beforeMs).changes;
    })();
  }

  close(): void {}

  private toEntry(row: OutboxRow): StoredOutboxEntry {
    const results = (
      this.db.prepare(`SELECT url, ok, outcome, message FROM outbox_results WHERE id = ? ORDER BY url`).all(row.id) as ResultRow[]
    ).map((r) => ({ url: r.url, ok: r.ok === 1, outcome: r.outcome as PublishOutcome, message: r.message }));
    return {
      event: JSON.parse(row.json) as Event,
      raw: row.json,
      savedAt: row.saved_at,
      results,
      ...(row.delivered_at === null ? {} : { deliveredAt: row.delivered_at }),
      attempts: row.attempts,
      ...(row.next_try_at === null ? {} : { nextTryAt: row.next_try_at }),
      ...(intendedRelays(row.relays) ?? {}),
    };
  }
}

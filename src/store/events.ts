// The event cache: every verified event the client received, answering NIP-01
// filters the way a relay does, so one filter type serves relays and cache.
import type Database from 'better-sqlite3';
import type { Event, Filter } from 'nostr-tools';
import { isEphemeralKind } from 'nostr-tools/kinds';
import { unixNow, type Clock } from '../core/clock.js';
import { DELETION_KIND } from '../core/deletion.js';
import { addressOf, hasEventShape, isIndexedTag, serializeStored } from '../core/event-shape.js';
import { newestFirst } from '../core/timeline.js';
import { isExpired } from '../core/expiration.js';
import { isDamage, type Db } from './database.js';
import { cacheStats, pauseAutoCheckpoint, usedBytes, type StoreStats } from './cache-size.js';
import { backgroundCheckpoints, type Checkpointer } from './checkpointer.js';
import { DeletionRecords } from './deletions.js';
import { compileFilter } from './filter-sql.js';
import { newestRows } from './newest-rows.js';
import { RelayIds } from './relay-ids.js';
import { SearchIndex } from './search.js';
import { SharedPubkeys } from './shared-pubkeys.js';
import { StatementCache, type Statement } from './statements.js';
import type { EventStore } from './types.js';
import { startWriterThread, type StoreWriter } from './writer-thread.js';

export type { StoreStats } from './cache-size.js';

/** Default size cap: a few hundred MB. */
export const DEFAULT_MAX_BYTES = 500 * 1024 * 1024;
/** Pruning goes this far below the cap, so it does not run again on every write. */
const PRUNE_TO = 0.9;

export interface SqliteEventStoreOptions {
  maxBytes?: number;
  /** The user's own events (including their profile and follow list) are never pruned. */
  ownPubkey?: string;
  /** For NIP-40 expirations; without one, none are applied. */
  clock?: Clock;
  /**
   * SQLite found the file damaged during a read or write. The cache is a
   * convenience: the operation answers as if the cache were empty instead of failing.
   */
  onDamage?(error: unknown): void;
}

export class SqliteEventStore implements EventStore {
  readonly maxBytes: number;
  private readonly ownPubkey: string | undefined;
  private readonly clock: Clock | undefined;
  private readonly onDamage: ((error: unknown) => void) | undefined;
  private readonly statements: StatementCache;
  private readonly relayIds: RelayIds;
  private readonly pubkeys = new SharedPubkeys();
  private readonly deletions: DeletionRecords;
  readonly search: SearchIndex; // full-text index: rows added here, removed by a trigger (src/store/search.ts)
  private readonly writeMany: Database.Transaction<(events: Event[], relay?: string) => number>;

  constructor(
    private readonly db: Db,
    opts: SqliteEventStoreOptions = {},
  ) {
    this.statements = new StatementCache(db);
    this.relayIds = new RelayIds((sql) => this.stmt(sql));
    this.deletions = new DeletionRecords(this.statements, (seq) => this.remove(seq));
    this.search = new SearchIndex(this.statements, opts.clock);
    this.maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
    this.ownPubkey = opts.ownPubkey;
    this.clock = opts.clock;
    this.onDamage = opts.onDamage;
    // One transaction per batch: a stream of events costs one commit, not one per event.
    this.writeMany = db.transaction((events: Event[], relay?: string) => {
      this.deletions.recheck();
      const rid = relay === undefined ? undefined : this.relayIds.id(relay);
      let added = 0;
      for (const event of events) if (this.insert(event, rid)) added++;
      return added;
    });
  }

  /** Stores a verified event; false when it was already there, superseded or deleted. */
  put(event: Event, relay?: string): boolean {
    return this.putMany([event], relay) === 1;
  }

  /** Stores a batch in one transaction; returns how many were new. Events are not verified here. */
  putMany(events: Event[], relay?: string): number {
    if (events.length === 0) return 0;
    return this.guard(0, () => {
      // IMMEDIATE: the write lock first, waited for (busy_timeout) while another connection
      // writes (the writer thread, another process), instead of a read that cannot become a write.
      const added = this.writeMany.immediate(events, relay);
      if (added > 0) this.pruneIfOverCap();
      return added;
    });
  }

  /** Records that `relay` delivered these stored events too (repeats the pool received). */
  addSeen(ids: string[], relay: string): void {
    if (ids.length === 0) return;
    this.guard(undefined, () => {
      const sql = `INSERT OR IGNORE INTO seen (seq, rid) SELECT seq, ? FROM events WHERE id IN (SELECT value FROM json_each(?))`;
      this.stmt(sql).run(this.relayIds.id(relay), JSON.stringify(ids));
    });
  }

  /** The relays that delivered each stored event: relay hints for replies, reposts and quotes (NIP-10, NIP-18). */
  relaysOf(ids: string[]): Map<string, string[]> {
    const found = new Map<string, string[]>();
    if (ids.length === 0) return found;
    const sql =
      `SELECT e.id AS id, r.url AS url FROM json_each(?) j JOIN events e ON e.id = j.value` +
      ` JOIN seen s ON s.seq = e.seq JOIN relays r ON r.rid = s.rid ORDER BY s.rid`;
    const rows = this.guard([], () => this.stmt(sql).all(JSON.stringify(ids)) as Array<{ id: string; url: string }>);
    for (const { id, url } of rows) found.set(id, [...(found.get(id) ?? []), url]);
    return found;
  }

  has(id: string): boolean {
    return this.guard(false, () => this.stmt(`SELECT 1 FROM events WHERE id = ?`).get(id) !== undefined);
  }

  /**
   * NIP-01: filters are ORed, conditions within one filter ANDed; each filter's
   * `limit` keeps its newest events (created_at descending, then lowest id).
   */
  query(filters: Filter[]): Event[] {
    return this.guard([], () => this.select(filters));
  }

  private select(filters: Filter[]): Event[] {
    const now = this.clock ? unixNow(this.clock) : undefined;
    // NIP-40: an expired event is not handed out (its row stays until pruning reaches it).
    const current = (event: Event) => now === undefined || !isExpired(event, now);
    if (filters.length === 1) {
      // One filter: SQLite already returns it in order, with no duplicates.
      const compiled = compileFilter(filters[0]!);
      if (!compiled) return [];
      return Array.from(newestRows(this.statements, 'json', compiled, compiled.limit) as Iterable<string>, (json) => this.pubkeys.parse(json)).filter(current);
    }
    const byId = new Map<string, Event>();
    for (const filter of filters) {
      const compiled = compileFilter(filter);
      if (!compiled) continue;
      for (const json of newestRows(this.statements, 'json', compiled, compiled.limit) as Iterable<string>) {
        const event = this.pubkeys.parse(json);
        if (current(event)) byId.set(event.id, event);
      }
    }
    return [...byId.values()].sort(newestFirst);
  }

  /**
   * The newest created_at among stored events matching `filters` (and, when
   * given, delivered by `relay`). Never a reason to ask a relay for less: the
   * cache is not the truth about completeness (src/client/window.ts).
   */
  newest(filters: Filter[], relay?: string): number | undefined {
    return this.guard(undefined, () => this.newestOf(filters, relay));
  }

  private newestOf(filters: Filter[], relay?: string): number | undefined {
    let rid: number | undefined;
    if (relay !== undefined) {
      rid = this.relayIds.known(relay);
      if (rid === undefined) return undefined;
    }
    let newest: number | undefined;
    for (const filter of filters) {
      const compiled = compileFilter({ ...filter, limit: undefined });
      if (!compiled) continue;
      if (rid !== undefined) {
        compiled.where += ` AND EXISTS (SELECT 1 FROM seen WHERE seen.seq = e.seq AND seen.rid = ?)`;
        compiled.params.push(rid);
      }
      const [value] = [...(newestRows(this.statements, 'created_at', compiled, 1) as Iterable<number>)];
      if (value !== undefined && (newest === undefined || value > newest)) newest = value;
    }
    return newest;
  }

  authorsFrom(filter: Filter, relay: string): Set<string> {
    return this.guard(new Set<string>(), () => {
      const rid = this.relayIds.known(relay);
      const { authors, limit: _limit, ...rest } = filter;
      if (rid === undefined || !authors?.length) return new Set<string>();
      const compiled = compileFilter(rest);
      if (!compiled) return new Set<string>();
      // One index seek per author, stopping at its first match.
      const sql =
        `SELECT j.value FROM json_each(?) j WHERE EXISTS (SELECT 1 FROM events e WHERE e.pubkey = j.value AND ${compiled.where}` +
        ` AND EXISTS (SELECT 1 FROM seen WHERE seen.seq = e.seq AND seen.rid = ?))`;
      return new Set(this.stmt(sql).pluck().all(JSON.stringify(authors), ...compiled.params, rid) as string[]);
    });
  }

  stats(): StoreStats {
    return cacheStats(this.db, this.maxBytes);
  }

  /** Forgets every cached event (deletion requests too); the outbox is kept. */
  clear(): number {
    const count = this.stmt(`SELECT COUNT(*) FROM events`).pluck().get() as number;
    this.db.exec(`DELETE FROM events; DELETE FROM tags; DELETE FROM seen; DELETE FROM relays; DELETE FROM deletions;`);
    this.relayIds.forget();
    this.deletions.forget();
    try {
      // Gives the space back to the disk; fails harmlessly while another process reads.
      this.db.exec('VACUUM');
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // The events are gone either way; the file shrinks on a later clear.
    }
    return count;
  }

  /**
   * Oldest first, never the user's own events (their notes, profile and follow
   * list); returns how many were removed.
   */
  prune(targetBytes = Math.floor(this.maxBytes * PRUNE_TO)): number {
    const used = usedBytes(this.db);
    if (used <= targetBytes) return 0;
    const count = this.stmt(`SELECT COUNT(*) FROM events`).pluck().get() as number;
    if (count === 0) return 0;
    const perEvent = used / count;
    const excess = Math.ceil((used - targetBytes) / perEvent);
    const own = this.ownPubkey ?? '';
    const seqs = this.stmt(`SELECT seq FROM events WHERE pubkey != ? ORDER BY created_at ASC, id DESC LIMIT ?`).pluck().all(own, excess) as number[];
    // IMMEDIATE: a removal reads, then deletes; begun as a read it fails at once after another's write.
    this.db.transaction(() => {
      for (const seq of seqs) this.remove(seq);
    }).immediate();
    return seqs.length;
  }

  close(): void {
    this.checkpoints?.close();
    this.statements.clear();
  }
  /** write-buffer.ts: no automatic checkpoint (one long stall) while it writes; it checkpoints in PASSIVE steps. */
  pauseAutoCheckpoint = () => pauseAutoCheckpoint(this.db);
  private checkpoints: Checkpointer | undefined;
  /** In a worker thread of its own (checkpointer.ts) once a stream needs a second one; in-memory databases here. */
  checkpointStep = () => {
    const inline = () => this.guard(undefined, () => void this.db.pragma('wal_checkpoint(PASSIVE)'));
    if (this.db.memory) return inline();
    (this.checkpoints ??= backgroundCheckpoints(this.db.name, inline)).step();
  };

  /** A thread that writes a stream on a connection of its own (writer-thread.ts); none for an in-memory database. */
  writerThread(): StoreWriter | undefined {
    if (this.db.memory) return undefined;
    const { maxBytes, ownPubkey, clock } = this;
    // While it writes, its commits run SQLite's checkpoints: none lands on a rare main-thread commit.
    const onClose = this.pauseAutoCheckpoint();
    const options = { file: this.db.name, maxBytes, onDamage: (error: Error) => this.onDamage?.(error), onClose };
    const thread = startWriterThread({ ...options, ...(ownPubkey ? { ownPubkey } : {}), ...(clock ? { clock } : {}) });
    if (!thread) onClose();
    return thread;
  }

  /** Damage found while reading or writing is reported and answered like an empty cache. */
  private guard<T>(fallback: T, operation: () => T): T {
    try {
      return operation();
    } catch (error) {
      if (!this.onDamage || !(isDamage(error) || error instanceof SyntaxError)) throw error;
      this.onDamage(error);
      return fallback;
    }
  }

  private pruneIfOverCap(): void {
    if (usedBytes(this.db) > this.maxBytes) this.prune();
  }

  private insert(event: Event, rid: number | undefined): boolean {
    if (!hasEventShape(event)) return false;
    if (isEphemeralKind(event.kind)) return false; // NIP-01: ephemeral events are not stored.
    if (this.clock && isExpired(event, unixNow(this.clock))) return false; // NIP-40
    const d = addressOf(event);
    if (d === null) return this.insertRegular(event, rid);
    const existing = this.stmt(`SELECT seq FROM events WHERE id = ?`).pluck().get(event.id) as number | undefined;
    if (existing !== undefined) {
      if (rid !== undefined) this.markSeen(existing, rid);
      return false;
    }
    if (this.deletions.hides(event, d)) return false;
    // NIP-01: only the newest of a replaceable/addressable event is kept; on a
    // created_at tie the lowest id wins.
    const old = this.stmt(`SELECT seq, id, created_at FROM events WHERE kind = ? AND pubkey = ? AND d = ?`).get(
      event.kind,
      event.pubkey,
      d,
    ) as { seq: number; id: string; created_at: number } | undefined;
    if (old) {
      const oldWins = old.created_at > event.created_at || (old.created_at === event.created_at && old.id < event.id);
      if (oldWins) return false;
      this.remove(old.seq);
    }
    const { lastInsertRowid } = this.stmt(
      `INSERT INTO events (id, pubkey, kind, created_at, d, json) VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(event.id, event.pubkey, event.kind, event.created_at, d, serializeStored(event));
    this.indexEvent(event, Number(lastInsertRowid), rid);
    return true;
  }

  /** The common case, in as few statements as possible: most events arrive once. */
  private insertRegular(event: Event, rid: number | undefined): boolean {
    if (this.deletions.any() && this.deletions.hides(event, null)) return false;
    const { changes, lastInsertRowid } = this.stmt(
      `INSERT OR IGNORE INTO events (id, pubkey, kind, created_at, d, json) VALUES (?, ?, ?, ?, NULL, ?)`,
    ).run(event.id, event.pubkey, event.kind, event.created_at, serializeStored(event));
    if (changes === 0) {
      if (rid !== undefined) {
        this.markSeen(this.stmt(`SELECT seq FROM events WHERE id = ?`).pluck().get(event.id) as number, rid);
      }
      return false;
    }
    this.indexEvent(event, Number(lastInsertRowid), rid);
    return true;
  }

  private indexEvent(event: Event, seq: number, rid: number | undefined): void {
    const insertTag = this.stmt(`INSERT OR IGNORE INTO tags (name, value, seq) VALUES (?, ?, ?)`);
    for (const tag of event.tags) {
      // NIP-01: single-letter tags are indexed, by their first value.
      if (isIndexedTag(tag)) insertTag.run(tag[0], tag[1], seq);
    }
    this.search.add(event, seq);
    if (rid !== undefined) this.markSeen(seq, rid);
    if (event.kind === DELETION_KIND) this.deletions.apply(event);
  }

  private remove(seq: number): void {
    const json = this.stmt(`SELECT json FROM events WHERE seq = ?`).pluck().get(seq) as string | undefined;
    if (json === undefined) return;
    const deleteTag = this.stmt(`DELETE FROM tags WHERE name = ? AND value = ? AND seq = ?`);
    for (const tag of (JSON.parse(json) as Event).tags) if (isIndexedTag(tag)) deleteTag.run(tag[0], tag[1], seq);
    this.stmt(`DELETE FROM seen WHERE seq = ?`).run(seq);
    this.stmt(`DELETE FROM events WHERE seq = ?`).run(seq);
  }

  private markSeen(seq: number, rid: number): void {
    this.stmt(`INSERT OR IGNORE INTO seen (seq, rid) VALUES (?, ?)`).run(seq, rid);
  }

  private stmt(sql: string): Statement {
    return this.statements.get(sql);
  }
}

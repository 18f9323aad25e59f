// The local full-text index over the event cache: notes (kind 1), long-form
// articles (kind 30023) and profiles (kind 0), in one FTS5 table (`search`,
// created by a migration) whose rowid is the event's `seq`. It is kept in step
// with the cache: the event store adds a row with its event, and a trigger on
// `events` (src/store/migrations.ts) removes it with the event, however that
// happens (prune, NIP-09 deletion, a newer replaceable version, clearing).
// Tokenizer and text: src/core/search-text.ts.
import type { Event } from 'nostr-tools';
import { unixNow, type Clock } from '../core/clock.js';
import { isExpired } from '../core/expiration.js';
import { indexText, matchExpression, profileNames } from '../core/search-text.js';
import type { StatementCache } from './statements.js';

/** Kinds with searchable text. */
export const INDEXED_KINDS: readonly number[] = [0, 1, 30023];
/** What a word search looks through by default: notes and articles. */
export const NOTE_KINDS: readonly number[] = [1, 30023];

export interface LocalSearch {
  /** The words typed (see matchExpression: all terms, each a phrase; `word*` for a prefix). */
  text: string;
  limit: number;
  kinds?: readonly number[];
  authors?: readonly string[];
  since?: number;
  until?: number;
  /** Left out of the answer (muted people or words: the caller's predicate). */
  hide?: (event: Event) => boolean;
}

/** The name column (profile names and NIP-05, article titles) and the body column (note text, profile about). */
export function searchColumns(event: Event): { name: string; body: string } | undefined {
  switch (event.kind) {
    case 0: {
      const { name, about } = profileNames(event.content);
      return { name: indexText(name), body: indexText(about) };
    }
    case 1:
      return { name: '', body: indexText(event.content) };
    case 30023: {
      const title = event.tags.find((tag) => tag[0] === 'title' && typeof tag[1] === 'string')?.[1] ?? '';
      return { name: indexText(title), body: indexText(event.content) };
    }
    default:
      return undefined;
  }
}

export class SearchIndex {
  constructor(
    private readonly statements: StatementCache,
    private readonly clock: Clock | undefined,
  ) {}

  /** Called in the event store's write transaction for every event it stores. */
  add(event: Event, seq: number): void {
    const columns = searchColumns(event);
    if (!columns) return;
    this.statements.get(`INSERT OR REPLACE INTO search (rowid, name, body) VALUES (?, ?, ?)`).run(seq, columns.name, columns.body);
  }

  /** Notes (by default) matching every term, newest first; expired and hidden ones left out. */
  notes(query: LocalSearch): Event[] {
    const match = matchExpression(query.text);
    return match === undefined ? [] : this.run(match, query, query.kinds ?? NOTE_KINDS);
  }

  /** Profiles whose name, display name or NIP-05 matches, the last term as a prefix (`jac` finds jack). */
  people(query: LocalSearch): Event[] {
    const match = matchExpression(query.text, { prefixLast: true, column: 'name' });
    return match === undefined ? [] : this.run(match, query, [0]);
  }

  private run(match: string, query: LocalSearch, kinds: readonly number[]): Event[] {
    if (query.limit < 1 || kinds.length === 0) return [];
    const where = [`e.kind IN (${kinds.map(() => '?').join(',')})`];
    const params: (string | number)[] = [...kinds];
    if (query.authors?.length) {
      where.push(`e.pubkey IN (${query.authors.map(() => '?').join(',')})`);
      params.push(...query.authors);
    }
    if (query.since !== undefined) {
      where.push('e.created_at >= ?');
      params.push(query.since);
    }
    if (query.until !== undefined) {
      where.push('e.created_at <= ?');
      params.push(query.until);
    }
    // CROSS JOIN: SQLite then loops over the matches and looks each event up by seq; left to
    // itself it may walk the whole time index instead, checking each event against the matches.
    const read = (candidates: string, extra: (string | number)[], newerThan?: number) =>
      this.collect(
        this.statements
          .get(
            `SELECT e.seq FROM (${candidates}) m CROSS JOIN events e ON e.seq = m.seq WHERE ${where.join(' AND ')}` +
              `${newerThan === undefined ? '' : ' AND e.created_at > ?'} ORDER BY e.created_at DESC, e.id ASC`,
          )
          .pluck()
          .iterate(...extra, ...params, ...(newerThan === undefined ? [] : [newerThan])) as IterableIterator<number>,
        query,
      );
    // Few matches (most searches): all of them, ordered. FTS5 streams its newest rowids cheaply.
    const newestMatches = this.statements.get(`SELECT rowid FROM search WHERE search MATCH ? ORDER BY rowid DESC LIMIT ${FEW}`).pluck().all(match) as number[];
    if (newestMatches.length < FEW) return read(`SELECT value AS seq FROM json_each(?)`, [JSON.stringify(newestMatches)]);
    // A common word: ordering every match by time would cost in proportion to them all. The newest
    // `window` events of the cache (by created_at) are searched first: every match newer than the
    // oldest of them has a seq at least the smallest of theirs. FTS5 walks its rowids downwards
    // cheaply (a rowid range it does not seek), so the walk stops at that seq.
    for (const window of WINDOWS) {
      const edge = this.statements
        .get(`SELECT MIN(created_at) AS oldest, MIN(seq) AS seq, COUNT(*) AS n FROM (SELECT created_at, seq FROM events ORDER BY created_at DESC LIMIT ${window})`)
        .get() as { oldest: number | null; seq: number | null; n: number };
      if (edge.n < window || edge.oldest === null || edge.seq === null) break;
      const seqs: number[] = [];
      const walk = this.statements.get(`SELECT rowid FROM search WHERE search MATCH ? ORDER BY rowid DESC`).pluck().iterate(match) as IterableIterator<number>;
      for (const seq of walk) {
        if (seq < edge.seq || seqs.length > MAX_WALK) break;
        seqs.push(seq);
      }
      walk.return?.();
      if (seqs.length > MAX_WALK) break; // arrival order far from time order: read them all instead
      const found = read(`SELECT value AS seq FROM json_each(?)`, [JSON.stringify(seqs)], edge.oldest);
      if (found.length >= query.limit) return found;
    }
    return read(`SELECT rowid AS seq FROM search WHERE search MATCH ?`, [match]);
  }

  /** Newest first, until `limit` pass: NIP-40 expired events stay in the file until pruned, but are never shown. */
  private collect(rows: IterableIterator<number>, query: LocalSearch): Event[] {
    const now = this.clock ? unixNow(this.clock) : undefined;
    const found: Event[] = [];
    // Ordered by seq alone (a small sort); each event's JSON is read only when it is handed out.
    const json = this.statements.get(`SELECT json FROM events WHERE seq = ?`).pluck();
    for (const seq of rows) {
      const event = JSON.parse(json.get(seq) as string) as Event;
      if (now !== undefined && isExpired(event, now)) continue;
      if (query.hide?.(event)) continue;
      found.push(event);
      if (found.length >= query.limit) {
        rows.return?.();
        break;
      }
    }
    return found;
  }
}

/** Up to this many matches are simply all read and ordered. */
const FEW = 2_000;
/** Newest events searched first for a common word, widening (then everything). */
const WINDOWS = [4_000, 32_000];
/** A window's walk gives up past this many matches. */
const MAX_WALK = 50_000;

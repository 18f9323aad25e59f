// The merged timeline: one entry per event id, newest first, with the relays
// each event was seen on. Events dated further in the future than a small
// skew are held back until their time comes, so a wrong clock (or a relay
// gaming the order) cannot pin a note to the top. What its author withdrew
// (NIP-09 deletion, NIP-40 expiration) leaves it, and is not let in again.
// Bounded (issue #16 item 5: 600,000 events streamed into Global took 875 MB):
// past MAX_ENTRIES the oldest are dropped (the cache keeps them), past MAX_HELD
// the furthest-future held-back ones. Pure: time comes from the clock.
import type { Event } from 'nostr-tools';
import { unixNow, type Clock } from './clock.js';
import { deletedIds, repostedKey } from './deletion.js';
import { RecentSet } from './recent.js';
import { expirationOf } from './expiration.js';

export interface TimelineEntry {
  event: Event;
  seenOn: string[];
}

/**
 * How far ahead of our clock an event may be dated and still count as now (clocks drift). Later
 * ones are held back, and never move a cursor such as a resubscription's `since` (issue #16 item 3).
 */
export const FUTURE_SKEW_SEC = 15 * 60;

/** Entries kept in memory; the oldest past this are dropped. */
export const MAX_ENTRIES = 20_000;
/** Future-dated entries held back at most; the furthest in the future are dropped first. */
export const MAX_HELD = 1_000;
/** Deletion targets remembered (so a deleted note is not let in again) at most, oldest forgotten. */
const MAX_DELETED = 100_000;
/** Entries added without a read are sorted (and the timeline trimmed) every this many. */
const TRIM_BATCH = 4_096;

export interface TimelineOptions {
  clock: Clock;
  /** How far ahead of our clock an event may be dated and still be shown, seconds. */
  futureSkewSec?: number;
  /** At most this many entries shown (default MAX_ENTRIES); a benchmark of a huge list may lift it. */
  maxEntries?: number;
  /** At most this many held back (default MAX_HELD). */
  maxHeld?: number;
}

/** NIP-01 gives no order; ours: created_at descending, then id ascending so ties are stable. */
export const newestFirst = (a: Event, b: Event): number =>
  b.created_at - a.created_at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const byEvent = (a: TimelineEntry, b: TimelineEntry): number => newestFirst(a.event, b.event);

export class Timeline {
  private readonly clock: Clock;
  private readonly futureSkewSec: number;
  private readonly maxEntries: number;
  private readonly maxHeld: number;
  private readonly byId = new Map<string, TimelineEntry>();
  /**
   * Shown entries, sorted, in two runs: `head` (at most HEAD_MAX, all newer
   * than body[0]) then `body`. Both are replaced, never mutated, so a view
   * handed out stays as it was. Live notes are nearly always the newest: they
   * cost a copy of the small head, not of the whole timeline; the head is
   * folded into the body once it is full.
   */
  private head: readonly TimelineEntry[] = [];
  private body: readonly TimelineEntry[] = [];
  private snapshot: TimelineView | undefined;
  /** Added since the last sort. */
  private pending: TimelineEntry[] = [];
  /** Held back: dated too far ahead. */
  private held: TimelineEntry[] = [];
  /** NIP-09: "id:pubkey" of each deletion request's target, so one request cannot undo another's. */
  private readonly deleted = new RecentSet<string>(MAX_DELETED);
  /** Reposts held, by the note they name (repostedKey): a deletion of that note finds them at once. */
  private readonly repostsOf = new Map<string, string[]>();
  /** NIP-40: entries with an expiration time (few), to drop when it comes. */
  private expiring: Array<{ id: string; at: number }> = [];

  constructor(opts: TimelineOptions) {
    this.clock = opts.clock;
    this.futureSkewSec = opts.futureSkewSec ?? FUTURE_SKEW_SEC;
    this.maxEntries = opts.maxEntries ?? MAX_ENTRIES;
    this.maxHeld = opts.maxHeld ?? MAX_HELD;
  }

  /** True when the id is new (and neither deleted nor expired). */
  add(event: Event, relay?: string): boolean {
    const known = this.byId.get(event.id);
    if (known) {
      if (relay !== undefined && !known.seenOn.includes(relay)) known.seenOn.push(relay);
      return false;
    }
    if (this.deleted.has(`${event.id}:${event.pubkey}`)) return false;
    const reposted = repostedKey(event);
    // A repost of a note its author deleted shows a deleted note (see repostedKey).
    if (reposted !== undefined && this.deleted.has(reposted)) return false;
    const expires = expirationOf(event);
    if (expires !== undefined) {
      if (expires <= unixNow(this.clock)) return false;
      this.expiring.push({ id: event.id, at: expires });
    }
    const entry: TimelineEntry = { event, seenOn: relay === undefined ? [] : [relay] };
    this.byId.set(event.id, entry);
    if (reposted !== undefined) this.repostsOf.set(reposted, [...(this.repostsOf.get(reposted) ?? []), event.id]);
    if (event.created_at > unixNow(this.clock) + this.futureSkewSec) {
      this.held.push(entry);
      if (this.held.length > this.maxHeld) this.trimHeld();
    } else {
      this.pending.push(entry);
      // A stream nobody reads (a headless feed, a UI between frames) is still bounded.
      if (this.pending.length >= TRIM_BATCH) this.sortPending();
    }
    return true;
  }

  /** Keeps the held-back entries due soonest; the rest are forgotten (a relay may send them again). */
  private trimHeld(): void {
    this.held.sort((a, b) => a.event.created_at - b.event.created_at);
    for (const entry of this.held.splice(this.maxHeld)) this.forget(entry.event);
  }

  /** Past maxEntries shown, the oldest go (from memory only: the cache still has them). */
  private trim(): void {
    const excess = this.head.length + this.body.length - this.maxEntries;
    if (excess <= 0) return;
    if (this.head.length > 0) this.fold();
    const kept = this.body.length - excess;
    for (let i = kept; i < this.body.length; i++) this.forget(this.body[i]!.event);
    this.body = this.body.slice(0, kept);
    if (this.expiring.length > 0) this.expiring = this.expiring.filter((e) => this.byId.has(e.id));
    this.snapshot = undefined;
  }

  /** Another relay has the event too. */
  seen(id: string, relay: string): void {
    const entry = this.byId.get(id);
    if (entry && !entry.seenOn.includes(relay)) entry.seenOn.push(relay);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** The event with this id, if the timeline holds it (whom a reply answers, NIP-10). */
  get(id: string): Event | undefined {
    return this.byId.get(id)?.event;
  }

  /** Entries shown (held-back ones are not). */
  get size(): number {
    return this.head.length + this.body.length + this.pending.length;
  }

  /**
   * Newest first, as a snapshot that changes identity when entries are added;
   * reading one entry costs the same at any length. What the UI draws from.
   */
  view(): TimelineView {
    this.sortPending();
    return (this.snapshot ??= new TwoRuns(this.head, this.body));
  }

  /** Newest first, as one array (a snapshot). Costs a copy of the timeline after additions. */
  entries(): readonly TimelineEntry[] {
    this.sortPending();
    if (this.head.length > 0) this.fold();
    return this.body;
  }

  slice(start: number, end?: number): TimelineEntry[] {
    return this.entries().slice(start, end);
  }

  /** Moves held-back events whose time has come into the timeline; how many. */
  releaseDue(): number {
    const limit = unixNow(this.clock) + this.futureSkewSec;
    const due = this.held.filter((entry) => entry.event.created_at <= limit);
    if (due.length === 0) return 0;
    this.held = this.held.filter((entry) => entry.event.created_at > limit);
    this.pending.push(...due);
    return due.length;
  }

  /**
   * NIP-09: removes the request author's own events it names, now and if they
   * arrive later; how many it removed.
   */
  applyDeletion(request: Event): number {
    const gone = new Set<string>();
    const ids = deletedIds(request);
    for (const id of ids) {
      this.deleted.add(`${id}:${request.pubkey}`);
      const entry = this.byId.get(id);
      if (entry && entry.event.pubkey === request.pubkey) gone.add(id);
    }
    // Reposts of what was deleted go with it (see repostedKey).
    for (const id of ids) for (const repost of this.repostsOf.get(`${id}:${request.pubkey}`) ?? []) gone.add(repost);
    return this.remove(gone);
  }

  /** Drops a held entry from the indexes (not from the runs). */
  private forget(event: Event): void {
    this.byId.delete(event.id);
    const reposted = repostedKey(event);
    if (reposted === undefined) return;
    const rest = (this.repostsOf.get(reposted) ?? []).filter((id) => id !== event.id);
    if (rest.length > 0) this.repostsOf.set(reposted, rest);
    else this.repostsOf.delete(reposted);
  }

  /** NIP-40: removes entries whose expiration time has come; how many. */
  expireDue(): number {
    if (this.expiring.length === 0) return 0;
    const now = unixNow(this.clock);
    const gone = new Set(this.expiring.filter((e) => e.at <= now).map((e) => e.id));
    if (gone.size === 0) return 0;
    this.expiring = this.expiring.filter((e) => !gone.has(e.id));
    return this.remove(gone);
  }

  /** Removes every entry by this author (an unfollow); how many. Later ones are still let in. */
  removeAuthor(pubkey: string): number {
    const ids = new Set<string>();
    for (const [id, entry] of this.byId) if (entry.event.pubkey === pubkey) ids.add(id);
    return this.remove(ids);
  }

  /** Rare (deletions, expirations, unfollows): rebuilding the runs is simpler than any index. */
  private remove(ids: Set<string>): number {
    let removed = 0;
    for (const id of ids) {
      const entry = this.byId.get(id);
      if (!entry) continue;
      this.forget(entry.event);
      removed++;
    }
    if (removed === 0) return 0;
    const keep = (entry: TimelineEntry) => !ids.has(entry.event.id);
    this.pending = this.pending.filter(keep);
    this.held = this.held.filter(keep);
    this.head = this.head.filter(keep);
    this.body = this.body.filter(keep);
    this.snapshot = undefined;
    return removed;
  }

  private sortPending(): void {
    if (this.pending.length === 0) return;
    const added = this.pending.sort(byEvent);
    this.pending = [];
    this.snapshot = undefined;
    const oldest = added[added.length - 1]!;
    if (this.body.length === 0 || byEvent(oldest, this.body[0]!) < 0) {
      this.head = merge(this.head, added);
      if (this.head.length > HEAD_MAX) this.fold();
    } else {
      this.body = merge(this.head.length > 0 ? this.head.concat(this.body) : this.body, added);
      this.head = [];
    }
    this.trim();
  }

  private fold(): void {
    this.body = this.head.concat(this.body);
    this.head = [];
    this.snapshot = undefined;
  }
}

/** Read access to a sorted snapshot; a readonly array is one too. */
export interface TimelineView {
  readonly length: number;
  at(index: number): TimelineEntry | undefined;
}

/** Past this, the head is copied into the body: ~1 copy of the timeline per HEAD_MAX live notes. */
const HEAD_MAX = 2_048;

class TwoRuns implements TimelineView {
  readonly length: number;
  constructor(
    private readonly head: readonly TimelineEntry[],
    private readonly body: readonly TimelineEntry[],
  ) {
    this.length = head.length + body.length;
  }

  /** Out of range (negative, past the end) the arrays themselves answer undefined. */
  at(index: number): TimelineEntry | undefined {
    return index < this.head.length ? this.head[index] : this.body[index - this.head.length];
  }
}

/**
 * Two sorted runs into one; `a` goes first among equals. A few new entries into a long timeline
 * (a frame's worth of a stream spread over its whole span) each find their place by binary search
 * and a's runs between them are copied without comparing: O(m log n + n) instead of n + m
 * comparisons, which made the merge the largest part of a frame's render (frame-stall).
 */
function merge(a: readonly TimelineEntry[], b: readonly TimelineEntry[]): TimelineEntry[] {
  const out = new Array<TimelineEntry>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  if (b.length * Math.log2(a.length + 1) < a.length) {
    for (; j < b.length; j++) {
      const entry = b[j]!;
      // The first of a's entries (from i) that comes after entry.
      let lo = i;
      let hi = a.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (byEvent(a[mid]!, entry) <= 0) lo = mid + 1;
        else hi = mid;
      }
      while (i < lo) out[k++] = a[i++]!;
      out[k++] = entry;
    }
  }
  while (i < a.length && j < b.length) out[k++] = byEvent(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

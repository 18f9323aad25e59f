// The pool's bookkeeping for one REQ of a request on one relay.
import type { Event, Filter } from 'nostr-tools';
import { matchFilter } from 'nostr-tools/filter';
import type { Cancel } from '../core/clock.js';
import type { Connection } from './connection.js';
import type { RelaySub } from './relay.js';
import type { RelayOutcome, RelayRole } from './types.js';

/** One REQ of a pool subscription on one relay. */
export interface Part {
  conn: Connection;
  role: RelayRole;
  sub: RelaySub;
  /** The filters as asked; a resubscription asks them again from the depth of the first answer (resubscribeFilters). */
  filters: Filter[];
  /** Per filter, the oldest created_at the relay sent in its first answer (before the part settled). */
  oldest: Array<number | undefined>;
  outcome: RelayOutcome;
  settled: boolean;
  /** Not to be resubscribed after a reconnect (one-shot query, CLOSED by the relay, closed by us). */
  dead: boolean;
  /** Closed by the caller. */
  cancelled: boolean;
  authRetried: boolean;
  cancelTimer: Cancel | undefined;
  reqAt: number;
  /** Called once, when the part settles (EOSE, timeout, failure, CLOSED). */
  onsettle(timedOut: boolean): void;
}

/** A part not asked yet: nothing received, nothing settled. `sub` is the caller's to set. */
export function newPart(conn: Connection, filters: Filter[], role: RelayRole, dead: boolean, onsettle: Part['onsettle']): Part {
  const outcome = { url: conn.url, eose: false, timedOut: false, events: 0 };
  const oldest = filters.map(() => undefined);
  return { conn, filters, oldest, role, outcome, settled: false, dead, cancelled: false, authRetried: false, cancelTimer: undefined, reqAt: 0, sub: undefined as unknown as RelaySub, onsettle };
}

/** How many more events than first asked a filter with a limit is asked for after a reconnect. */
export const RESUBSCRIBE_EXTRA = 500;

/**
 * Notes how deep the relay's first answer reached for each filter. `latest`: now plus the skew
 * allowed (unix seconds): an event dated beyond it (held back until its time) says nothing about depth.
 */
export function noteDepth(part: Part, event: Event | undefined, latest: number): void {
  if (part.settled || !event || event.created_at > latest) return;
  // What the pool delivers matches one of the part's filters: with one filter, that one (no check on the hot path).
  const one = part.filters.length === 1;
  part.filters.forEach((filter, i) => {
    const oldest = part.oldest[i];
    if ((oldest === undefined || event.created_at < oldest) && (one || matchFilter(filter, event))) part.oldest[i] = event.created_at;
  });
}

/**
 * The REQ after a reconnect: each filter from the oldest event the relay sent in its first answer
 * (the window as deep as it reached; `since` as first asked when it sent none), not only what is
 * newer than the newest event delivered. A note stored while we were away may be dated earlier
 * (backdated, a clock behind, a client that published late), and NIP-01 has no "stored since":
 * a `since` moved to the newest event lost such a note for the rest of the session. Everything
 * down to that depth was delivered already (dropped by id before any check), so nothing the first
 * answer left out comes now (no flood of notes --limit left out): only what was stored meanwhile.
 * A limit is raised by RESUBSCRIBE_EXTRA for the notes that came since. A note from the gap dated
 * below that depth is found by paging down (src/client/feed.ts loadOlder), like any older note.
 */
export const resubscribeFilters = (part: Part): Filter[] =>
  part.filters.map((filter, i) => {
    const depth = part.oldest[i];
    return {
      ...filter,
      ...(depth === undefined ? {} : { since: Math.max(filter.since ?? 0, depth) }),
      ...(filter.limit === undefined ? {} : { limit: filter.limit + RESUBSCRIBE_EXTRA }),
    };
  });

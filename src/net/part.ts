// The pool's bookkeeping for one REQ of a request on one relay.
import type { Filter } from 'nostr-tools';
import type { Cancel } from '../core/clock.js';
import type { Connection } from './connection.js';
import type { RelaySub } from './relay.js';
import type { RelayOutcome, RelayRole } from './types.js';

/** One REQ of a pool subscription on one relay. */
export interface Part {
  conn: Connection;
  role: RelayRole;
  sub: RelaySub;
  /** The filters as asked; resubscriptions narrow `since` from these. */
  filters: Filter[];
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
  return { conn, filters, role, outcome, settled: false, dead, cancelled: false, authRetried: false, cancelTimer: undefined, reqAt: 0, sub: undefined as unknown as RelaySub, onsettle };
}

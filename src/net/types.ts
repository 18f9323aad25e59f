// The seam between the relay pool and everything above it (client services, UI).
// Implemented in src/net/pool.ts on nostr-tools' AbstractRelay.
import type { Event, Filter } from 'nostr-tools';

/** A relay as the user configured it (NIP-65 read/write markers). */
export interface RelaySpec {
  url: string;
  read: boolean;
  write: boolean;
}

export type RelayState = 'idle' | 'connecting' | 'connected' | 'eose' | 'error' | 'closed';

/** Per-relay counters; every message a relay sends lands in exactly one of them. */
export interface RelayCounts {
  /** Events that passed every check and were handed on. */
  received: number;
  /** Events whose id was already seen (from this or another relay); never verified twice. */
  duplicates: number;
  /** Bad id or signature. */
  invalid: number;
  /** Valid, but not matching the filter they arrived on. */
  offFilter: number;
  /** Not JSON, wrong shape, unknown message type. */
  malformed: number;
  /** Messages over the size limit, events with absurd tag counts. */
  oversize: number;
}

export interface RelayStatus {
  url: string;
  state: RelayState;
  /** Last error or CLOSED reason, raw from the network: sanitise before showing. */
  error?: string;
  /** Last NOTICE, raw from the network: sanitise before showing. */
  notice?: string;
  counts: RelayCounts;
  /** Round-trip time of the last REQ→EOSE or EVENT→OK, in ms. */
  rttMs?: number;
}

export type PublishOutcome = 'accepted' | 'rejected' | 'timeout' | 'unreachable';

export interface PublishResult {
  url: string;
  ok: boolean;
  outcome: PublishOutcome;
  /** The relay's OK message, or what went wrong; raw, sanitise before showing. */
  message: string;
}

export interface QueryOptions {
  /** Relays to ask; defaults to the pool's read relays. */
  relays?: string[];
  /** How long each relay gets to send EOSE. */
  eoseTimeoutMs?: number;
  signal?: AbortSignal;
}

export interface RelayOutcome {
  url: string;
  /** The relay answered: sent EOSE (possibly after events). */
  eose: boolean;
  timedOut: boolean;
  /** Could not connect, or the relay CLOSED the subscription. */
  error?: string;
  /** Events it delivered that passed every check. */
  events: number;
}

export interface QueryResult {
  /** Verified, matching, deduped by id; in no particular order. */
  events: Event[];
  relays: RelayOutcome[];
}

export interface SubscribeHandlers {
  /** A verified event matching the filters, the first time its id is seen. */
  onevent(event: Event, relay: string): void;
  /** Another relay delivered an event already seen ("seen on"). */
  onseen?(id: string, relay: string): void;
  /** This relay sent EOSE or timed out. */
  oneose?(relay: string, timedOut: boolean): void;
  /** Every relay has sent EOSE, timed out or failed: the start-up result is complete. */
  onsettled?(outcomes: RelayOutcome[]): void;
  onclosed?(relay: string, reason: string): void;
}

export interface Subscription {
  close(): void;
}

export interface PublishOptions {
  /** Relays to send to; defaults to the pool's write relays. */
  relays?: string[];
  timeoutMs?: number;
}

export interface RelayPool {
  /** REQ to every relay, resolve once each has sent EOSE or timed out. */
  query(filters: Filter[], opts?: QueryOptions): Promise<QueryResult>;
  /** REQ that stays open after EOSE; reconnects and resubscribes. */
  subscribe(filters: Filter[], handlers: SubscribeHandlers, opts?: QueryOptions): Subscription;
  /** EVENT to every write relay in parallel; one result per relay, never throws. */
  publish(event: Event, opts?: PublishOptions): Promise<PublishResult[]>;
  status(): RelayStatus[];
  /** Called with the whole status list whenever any relay's status changes. */
  onStatus(listener: (status: RelayStatus[]) => void): () => void;
  close(): Promise<void>;
}

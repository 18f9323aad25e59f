// The seam between the relay pool and everything above it (client services, UI).
// Implemented in src/net/pool.ts on nostr-tools' AbstractRelay.
import type { Event, Filter } from 'nostr-tools';

import type { RelaySpec } from '../core/relay-spec.js';
import type { PublishResult } from '../core/publish-result.js';

// The seam types live in core; re-exported here for the code that reads them with the pool.
export type { RelaySpec } from '../core/relay-spec.js';
export type { PublishOutcome, PublishResult } from '../core/publish-result.js';

/**
 * `eose`: connected, and it answered a request with EOSE; `stalled`: connected, but a request
 * timed out without EOSE (a relay that takes the REQ and never answers), until it answers one.
 */
export type RelayState = 'idle' | 'connecting' | 'connected' | 'eose' | 'stalled' | 'error' | 'closed';

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

/** Why a connection exists: the user's own relay, an author's outbox, someone's inbox, an indexer, a search relay, a hint. */
export type RelayRole = 'user' | 'outbox' | 'inbox' | 'discovery' | 'search' | 'hint';

export interface RelayStatus {
  url: string;
  /** Every reason the pool has had to open this connection (a stand-in may leave it out). */
  roles?: RelayRole[];
  state: RelayState;
  /** Last error or CLOSED reason, raw from the network: sanitise before showing. */
  error?: string;
  /** Last NOTICE, raw from the network: sanitise before showing. */
  notice?: string;
  counts: RelayCounts;
  /** Round-trip time of the last REQ→EOSE or EVENT→OK, in ms. */
  rttMs?: number;
}

/** One relay of a request, with the filters meant for it. */
export interface PlanStep {
  relay: string;
  filters: Filter[];
  /** Why this relay is asked; 'user' when left out. */
  role?: RelayRole;
}

/** A request: different filters for different relays (the shape an outbox router produces). */
export type RequestPlan = PlanStep[];

export interface RequestOptions {
  /** How long each relay gets to send EOSE. */
  eoseTimeoutMs?: number;
  signal?: AbortSignal;
  /**
   * false: what arrives is not handed to the cache (ingest); the caller checks it and caches what
   * it keeps (NIP-50 search: a relay ignoring `search` answers with its newest events).
   */
  cache?: boolean;
}

export interface QueryOptions extends RequestOptions {
  /** Relays to ask; defaults to the pool's read relays. */
  relays?: string[];
  /** Why these relays are asked (the relays panel says so); 'user' when left out. */
  role?: RelayRole;
}

export interface FetchOptions extends RequestOptions {
  /** Each event as it arrives, before every relay has answered (the result holds them all too). */
  onevent?(event: Event, relay: string): void;
}

export interface StreamOptions extends RequestOptions {
  /** Keep the REQs open after EOSE, reconnect and resubscribe (default true). */
  stream?: boolean;
}

export interface RelayOutcome {
  url: string;
  /** The relay answered: sent EOSE (possibly after events). */
  eose: boolean;
  timedOut: boolean;
  /** Could not connect, or the relay CLOSED the subscription. */
  error?: string;
  /** The socket could not be opened: refused, no such host, a failed handshake (not one still pending when the wait ran out). */
  unreached?: boolean;
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
  /**
   * Another relay delivered an event already seen ("seen on"); with the event while the pool
   * still remembers it (the last MAX_VERIFIED verified: copies come within moments of the first).
   */
  onseen?(id: string, relay: string, event?: Event): void;
  /** This relay sent EOSE or timed out. */
  oneose?(relay: string, timedOut: boolean): void;
  /** Every relay has sent EOSE, timed out or failed: the start-up result is complete. */
  onsettled?(outcomes: RelayOutcome[]): void;
  onclosed?(relay: string, reason: string): void;
}

export interface Subscription {
  close(): void;
}

/** A request the pool is answering. */
export interface PoolSubscription extends Subscription {
  /**
   * Stop waiting for this relay's EOSE, as if it had timed out (a relay found stalled by another
   * request of the run); a streaming REQ stays open, so what it sends later still comes.
   */
  stopWaiting(relay: string): void;
}

/**
 * Where every verified event the pool receives goes, whichever request asked
 * for it (feeds, profiles, follow lists, threads): the one entry point that
 * caches events with the relays that delivered them.
 */
export interface Ingest {
  /** A verified event, once per request that received it first from `relay`. */
  event(event: Event, relay: string): void;
  /** `relay` delivered an event already received (from it or another relay). */
  seen(id: string, relay: string): void;
}

export interface PublishOptions {
  /** Relays to send to; defaults to the pool's write relays. */
  relays?: string[];
  /** Why these relays are told: the user's own ('user', the default), or the inbox of someone tagged. */
  role?: RelayRole;
  timeoutMs?: number;
  /** Told each relay's result as it comes (the whole list resolves when the last relay has answered). */
  onResult?(result: PublishResult): void;
}

export interface RelayPool {
  /** One REQ per relay of the plan, with that relay's filters; streams unless `stream: false`. */
  request(plan: RequestPlan, handlers: SubscribeHandlers, opts?: StreamOptions): PoolSubscription;
  /** The plan answered once: resolves when each relay has sent EOSE, timed out or failed. */
  fetch(plan: RequestPlan, opts?: FetchOptions): Promise<QueryResult>;
  /** Shorthand: the same filters to the read relays (or `opts.relays`), answered once. */
  query(filters: Filter[], opts?: QueryOptions & FetchOptions): Promise<QueryResult>;
  /** Shorthand: the same filters to the read relays (or `opts.relays`), kept open; reconnects and resubscribes. */
  subscribe(filters: Filter[], handlers: SubscribeHandlers, opts?: QueryOptions): PoolSubscription;
  /** EVENT to every write relay in parallel; one result per relay, never throws. */
  publish(event: Event, opts?: PublishOptions): Promise<PublishResult[]>;
  status(): RelayStatus[];
  /** Called with the whole status list whenever any relay's status changes. */
  onStatus(listener: (status: RelayStatus[]) => void): () => void;
  /**
   * The user's relay list changed while running (the relays panel): the read and write relays
   * used when a request names none, and which relays are the user's (status roles, NIP-42 AUTH).
   */
  setRelays?(relays: RelaySpec[]): void;
  close(): Promise<void>;
}

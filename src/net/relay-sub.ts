// What a relay connection (relay.ts) is given: the subscriptions it serves and the pool's
// shared parts (verified events, drain, counters, socket, clock, callbacks).
import type { Event, EventTemplate, Filter, VerifiedEvent } from 'nostr-tools';
import type { RecentSet } from '../core/recent.js';
import type { RelayMessageLimits } from '../core/relay-message.js';
import type { Drain } from './drain.js';
import type { RelayCounts } from './types.js';
import type { VerifiedEvents } from './verified-events.js';

/** One REQ on this relay. */
export interface RelaySub {
  readonly id: string;
  filters: Filter[];
  /** Ids already handed on by this subscription, shared by all its relays. */
  readonly delivered: RecentSet<string>;
  onevent(event: Event): void;
  /** A copy of an event already handed on, with that event while the pool still remembers it. */
  onseen(id: string, event: Event | undefined): void;
  /** EOSE has arrived (events before it may still be waiting for their check). */
  oneoseArrived?(): void;
  /** EOSE, after every event the relay sent before it. */
  oneose(): void;
  onclosed(reason: string): void;
}

export interface RelayDeps {
  verified: VerifiedEvents;
  /** Where this relay's messages wait to be handled, in slices shared by every relay of the pool. */
  drain: Drain;
  counts: RelayCounts;
  limits?: RelayMessageLimits;
  WebSocket: typeof WebSocket;
  /** Unix seconds now (the injected clock). */
  now(): number;
  /** Any counter or state changed. */
  onchange(): void;
  onnotice(message: string): void;
  onauth(challenge: string): void;
}

export interface OkResult {
  ok: boolean;
  message: string;
}

/** Signs NIP-42 AUTH events; a signer that fails is reported, never thrown. */
export type AuthSigner = (template: EventTemplate) => Promise<VerifiedEvent>;

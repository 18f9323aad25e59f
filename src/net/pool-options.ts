// What a pool is built from: the user's relays and everything injected (socket, clock, timers, signer, verifier).
import type { Filter } from 'nostr-tools';
import type { Clock, Timers } from '../core/clock.js';
import type { RelayMessageLimits } from '../core/relay-message.js';
import type { Signer } from '../core/signer.js';
import type { BackoffOptions } from './backoff.js';
import type { Ingest, RelayOutcome, RelayRole, RelaySpec } from './types.js';
import type { SignatureVerifier } from './verify.js';

export interface PoolOptions {
  relays: RelaySpec[];
  /** Defaults to the `ws` package. */
  WebSocket?: typeof WebSocket;
  clock?: Clock;
  /** EOSE, publish and reconnect timeouts; tests pass manual ones. */
  timers?: Timers;
  /**
   * The keep-alive's timers (keep-alive.ts): real ones unless given, even with `timers`, as the
   * pong comes over the real network and time moved by hand would run out before it could.
   */
  pingTimers?: Timers;
  /** Signs NIP-42 AUTH events, only for relays in `relays`. */
  signer?: Signer;
  eoseTimeoutMs?: number;
  /** How long each relay gets to answer (the client's memory of relays that are down). */
  waits?: RelayWaits;
  publishTimeoutMs?: number;
  /** Asked before answering a relay's AUTH challenge; false declines. */
  onAuthRequested?: (url: string) => boolean | Promise<boolean>;
  verifier?: SignatureVerifier;
  backoff?: Partial<BackoffOptions>;
  limits?: Partial<RelayMessageLimits>;
  /**
   * Told how each relay answered each request, once its part settles: the one
   * place delivery statistics are gathered from.
   */
  onOutcome?(outcome: RelayOutcome, filters: Filter[], role: RelayRole): void;
  /** Every verified event and repeat delivery, for the cache (src/client/ingest.ts). */
  ingest?: Ingest;
  /** A connection to a relay outside the user's list is closed once nothing used it for this long. */
  idleCloseMs?: number;
  /** DNS servers for relays' names in place of the system's, or `['system']` (src/net/lookup.ts). */
  dnsServers?: readonly string[];
  /**
   * True when a URL holds a secret key, whatever named it (a relay list, a hint): no connection
   * is made to it, nor a status or result kept that would show it. Asked before each new connection.
   * Defaults to an nsec or ncryptsec anywhere; the client adds the user's own secret in hex.
   */
  secretInUrl?: (url: string) => boolean;
}

export const DEFAULT_EOSE_TIMEOUT_MS = 5_000;
export const DEFAULT_PUBLISH_TIMEOUT_MS = 8_000;
export const DEFAULT_IDLE_CLOSE_MS = 60_000;

/**
 * How long a relay gets to answer a request (EOSE) or an event (OK) when relays get `timeoutMs`,
 * told when it answers one and when it lets a whole wait pass (src/client/stall-memory.ts).
 */
export interface RelayWaits {
  wait(url: string, timeoutMs: number): number;
  answered(url: string): void;
  waitedOut(url: string, waitedMs: number): void;
}

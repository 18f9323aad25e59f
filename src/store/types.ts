// The seams between storage and the rest: signer, event store, outbox.
import type { Event, Filter } from 'nostr-tools';
import type { PublishResult } from '../core/publish-result.js';
import type { StoreWriter } from './writer-thread.js';

export type { Signer } from '../core/signer.js';

/**
 * Every verified event the client received, answering NIP-01 filters with the
 * same semantics a relay has.
 */
export interface EventStore {
  /** Stores a verified event; false when it was already there or superseded. */
  put(event: Event, relay?: string): boolean;
  putMany(events: Event[], relay?: string): number;
  query(filters: Filter[]): Event[];
  has(id: string): boolean;
  /** Records that `relay` delivered these stored events too. */
  addSeen?(ids: string[], relay: string): void;
  /** The relays that delivered each stored event, for relay hints. */
  relaysOf?(ids: string[]): Map<string, string[]>;
  /**
   * The newest created_at among stored events matching `filters` (delivered by
   * `relay`, when given). Not used to narrow what relays are asked (src/client/window.ts).
   */
  newest?(filters: Filter[], relay?: string): number | undefined;
  /** Which of `filter.authors` have a stored event matching `filter` that `relay` delivered. */
  authorsFrom?(filter: Filter, relay: string): Set<string>;
  /** Stops SQLite's automatic WAL checkpoint (one long stall) until the returned function is called (write-buffer.ts). */
  pauseAutoCheckpoint?(): () => void;
  /** One short checkpoint that waits for nobody (PASSIVE): copies the WAL pages written since the last one. */
  checkpointStep?(): void;
  /** A thread that writes a stream on a connection of its own (src/store/writer-thread.ts). */
  writerThread?(): StoreWriter | undefined;
  close(): void;
}

export interface OutboxEntry {
  event: Event;
  /** When it was saved, ms. */
  savedAt: number;
  /** Last result per relay (none until the first attempt). */
  results: PublishResult[];
  /** The relays it was meant for when it was saved; absent for entries saved before this was recorded. */
  relays?: string[];
}

/** Everything the user signs is saved here before any network traffic. */
export interface Outbox {
  /** `relays`: where the event is meant to go; a retry goes there and nowhere else. Again: adds relays. */
  add(event: Event, relays?: readonly string[]): void;
  /** Records one attempt; the entry is delivered once any relay accepted. */
  record(id: string, results: PublishResult[]): void;
  pending(): OutboxEntry[];
  close(): void;
}

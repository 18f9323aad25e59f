// What the main thread and the cache's writer thread (writer-worker.ts) say to each other.
import type { Event } from 'nostr-tools';

export interface WriterData {
  file: string;
  maxBytes: number;
  ownPubkey?: string;
  /** The main thread's store applies NIP-40 expirations (it has a clock): so does the thread, by the clock in each message. */
  clocked: boolean;
  /**
   * Two Int32s the main thread can wait on (Atomics.wait): [WRITTEN] the serial of the last
   * message written, for flush(); [LOADED] 1 once the connection is open, 2 if it failed.
   */
  signal: SharedArrayBuffer;
}

export const WRITTEN = 0;
export const LOADED = 1;

/** main -> writer: events per relay, then repeats per relay (marked after their events are stored). */
export interface WriterMessage {
  serial: number;
  /** The main thread's clock, ms. */
  now: number;
  events: Array<[string | undefined, Event[]]>;
  seen: Array<[string, string[]]>;
  /** The last message: the thread closes its connection after writing it. */
  close?: true;
}

/** writer -> main. */
export type WriterReply =
  | { ready: true }
  | { failed: string }
  | { damage: string }
  | { done: number; error?: string };

// What the main thread and the cache's writer thread (writer-worker.ts) say to each other.
import type { Waiting } from './grouped.js';

export interface WriterData {
  file: string;
  maxBytes: number;
  ownPubkey?: string;
  /** The main thread's store applies NIP-40 expirations (it has a clock): so does the thread, by the clock in each message. */
  clocked: boolean;
  /**
   * Three Int32s: [WRITTEN] the serial of the last message written, for flush() to wait on
   * (Atomics.wait); [LOADED] 1 once the connection is open, 2 if it failed; [STOP] set by the
   * main thread when it will not wait longer: what is left is not written (the relays still have it).
   */
  signal: SharedArrayBuffer;
}

export const WRITTEN = 0;
export const LOADED = 1;
export const STOP = 2;

/** main -> writer: events per relay, then repeats per relay (marked after their events are stored). */
export interface WriterMessage extends Waiting {
  serial: number;
  /** The main thread's clock, ms. */
  now: number;
  /** The last message: the thread closes its connection after writing it. */
  close?: true;
}

/** writer -> main. */
export type WriterReply =
  | { ready: true }
  | { failed: string }
  | { damage: string }
  | { done: number; error?: string };

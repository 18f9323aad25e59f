// A stream's events are written to the cache by a thread of its own (issue #17).
// SQLite is synchronous: on the main thread each commit held the UI 10-30 ms,
// and up to 110 ms when the file system made it wait (measured while a
// checkpoint synced the file). Here the main thread only hands batches over
// (a structured clone: ~1.7 µs an event for the verify workers' batches); writer-worker.ts writes them on its own
// connection with the same store code. A short stream (a one-shot command)
// never starts it: see src/client/ingest.ts.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Event } from 'nostr-tools';
import { append, type Waiting } from './grouped.js';
import type { Clock } from '../core/clock.js';
import { LOADED, STOP, WRITTEN, type WriterData, type WriterMessage, type WriterReply } from './writer-protocol.js';

export interface StoreWriter {
  /** Loaded, with its connection open: events may be handed to it. */
  readonly ready: boolean;
  /** It could not start, or stopped: events go back to the main thread's writer. */
  readonly failed: boolean;
  add(event: Event, relay?: string): void;
  /** `relay` delivered a stored event again. */
  seen(id: string, relay: string): void;
  /**
   * Hands back what it has not written (after a failure): what waits to be sent, after what it was
   * sent and never confirmed (a thread that died holding a batch), so repeats still follow their
   * events. A batch it wrote just before dying is written again: every write is an INSERT OR IGNORE.
   */
  unsent(): Waiting;
  /** Returns once everything handed over is written (the main thread waits). */
  flush(): void;
  /** Writes what waits (a backlog for at most CLOSE_WAIT_MS, then what is left is dropped), closes the thread's connection, and ends it. */
  close(): void;
}

export interface WriterThreadOptions {
  file: string;
  maxBytes: number;
  ownPubkey?: string;
  /** For NIP-40 expirations, as on the main thread; without one, none are applied. */
  clock?: Clock;
  onDamage(error: Error): void;
  /** It was closed, or failed: nothing more is written through it. */
  onClose?(): void;
}

/** Handed over once this many wait, or after BATCH_MS: a commit costs per batch, so batches are not made tiny. */
const BATCH = 500;
const BATCH_MS = 50;
/** The longest a flush() waits for the thread (it cannot see the thread die while it waits). */
const FLUSH_WAIT_MS = 5_000;
/**
 * The longest close() waits for a backlog, so quitting in the middle of a burst stays quick. Then
 * the thread stops after the transaction it is in; what was left is fetched from the relays again,
 * as every start asks them for the whole window (the cache never decides what exists).
 */
const CLOSE_WAIT_MS = 1_000;

/** The writer thread, or undefined where its script was not built (then the main thread writes). */
export function startWriterThread(opts: WriterThreadOptions): StoreWriter | undefined {
  const script = workerScript();
  return script ? new WriterThread(script, opts) : undefined;
}

/** dist/store-writer.cjs: next to the bundle that runs, or built from these sources (tests, bench). */
function workerScript(): string | undefined {
  for (const relative of ['./store-writer.cjs', '../../dist/store-writer.cjs']) {
    const file = fileURLToPath(new URL(relative, import.meta.url));
    if (fs.existsSync(file)) return file;
  }
  return undefined;
}

class WriterThread implements StoreWriter {
  ready = false;
  failed = false;
  private readonly worker: Worker;
  private readonly signals: Int32Array;
  private events = new Map<string | undefined, Event[]>();
  private repeats = new Map<string, string[]>();
  /** Messages sent and not yet confirmed written, by serial: while there are any, the thread is held open. */
  private readonly unconfirmed = new Map<number, Waiting>();
  private waiting = 0;
  private serial = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private loading = true;
  private closed = false;

  constructor(
    script: string,
    private readonly opts: WriterThreadOptions,
  ) {
    const signal = new SharedArrayBuffer(12);
    this.signals = new Int32Array(signal);
    const data: WriterData = { file: opts.file, maxBytes: opts.maxBytes, signal, clocked: opts.clock !== undefined };
    if (opts.ownPubkey !== undefined) data.ownPubkey = opts.ownPubkey;
    // No inherited flags: a loader such as tsx (`--import`) would load again in the thread for nothing.
    this.worker = new Worker(script, { workerData: data, execArgv: [] });
    this.worker.on('message', (reply: WriterReply) => {
      if ('ready' in reply) this.loaded(true);
      else if ('failed' in reply) this.loaded(false);
      else if ('damage' in reply) opts.onDamage(new Error(reply.damage));
      else this.confirmed(reply.done);
    });
    this.worker.on('error', () => (this.failed = true));
    this.worker.on('exit', () => (this.failed = this.failed || !this.closed));
    // Held open (ref'd) until loaded: a thread torn down while a native module loads can abort
    // the process (src/net/verify-workers.ts). Then only while it owes writes.
  }

  private loaded(ok: boolean): void {
    this.loading = false;
    this.ready = ok && !this.closed;
    this.failed = !ok;
    if (!ok) void this.worker.terminate();
    else if (this.unconfirmed.size === 0) this.worker.unref();
  }

  add(event: Event, relay?: string): void {
    append(this.events, relay, event);
    this.queue();
  }

  seen(id: string, relay: string): void {
    append(this.repeats, relay, id);
    this.queue();
  }

  unsent(): Waiting {
    const lost = [...this.unconfirmed.values(), this.take()];
    this.unconfirmed.clear();
    return { events: lost.flatMap((w) => w.events), seen: lost.flatMap((w) => w.seen) };
  }

  /** What waits to be sent, taken. */
  private take(): Waiting {
    const taken: Waiting = { events: [...this.events], seen: [...this.repeats] };
    this.events = new Map();
    this.repeats = new Map();
    this.waiting = 0;
    return taken;
  }

  /**
   * A message the thread has finished with. One it could not write (the file busy past the
   * timeout) is not handed back either: the main thread's connection would wait for the same lock.
   */
  private confirmed(serial: number): void {
    if (this.unconfirmed.delete(serial) && this.unconfirmed.size === 0 && !this.loading) this.worker.unref();
  }

  flush(): void {
    this.send();
    this.wait(FLUSH_WAIT_MS);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.cancel();
    this.opts.onClose?.();
    if (this.ready && !this.failed) {
      // It closes its connection after writing this, and ends.
      this.send(true);
      if (this.wait(CLOSE_WAIT_MS)) return;
      Atomics.store(this.signals, STOP, 1);
      this.wait(FLUSH_WAIT_MS);
      return;
    }
    // Still loading: ended only once it has (a thread torn down inside better-sqlite3's setup
    // aborted the whole process with a V8 fatal error, seen when a bench round ended just then).
    if (this.loading) Atomics.wait(this.signals, LOADED, 0, FLUSH_WAIT_MS);
    void this.worker.terminate();
  }

  private queue(): void {
    if (++this.waiting >= BATCH) this.send();
    else if (!this.timer) {
      this.timer = setTimeout(() => this.send(), BATCH_MS);
      // Waiting events must not keep a finished command alive; close() writes them.
      this.timer.unref();
    }
  }

  private send(close?: true): void {
    this.cancel();
    if (!this.ready || this.failed || (this.waiting === 0 && !close)) return;
    const message: WriterMessage = { serial: ++this.serial, now: this.opts.clock?.now() ?? 0, ...this.take() };
    if (close) message.close = true;
    if (this.unconfirmed.size === 0) this.worker.ref();
    this.unconfirmed.set(message.serial, { events: message.events, seen: message.seen });
    this.worker.postMessage(message);
  }

  /** Blocks until the thread has written the last message sent (Atomics.wait: the thread notifies); false if `ms` passed first. */
  private wait(ms: number): boolean {
    if (!this.ready || this.failed) return true;
    const deadline = performance.now() + ms;
    for (let seen = Atomics.load(this.signals, WRITTEN); seen < this.serial; seen = Atomics.load(this.signals, WRITTEN)) {
      const left = deadline - performance.now();
      if (left <= 0 || Atomics.wait(this.signals, WRITTEN, seen, left) === 'timed-out') return false;
    }
    return true;
  }

  private cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

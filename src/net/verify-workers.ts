// Signature checks in worker threads, one per core, fed in batches (issue #17).
//
// The pool dedupes by id before anything gets here (verified-events.ts), so a
// worker only ever sees first copies. Events cross by structured clone, ~1.7 µs
// each measured here, against ~56 µs for a native check: batches of a few
// hundred make the messaging cost small. Answers come back as one byte per
// event in a transferred buffer.
//
// Two kinds of worker share this pool: the native libsecp256k1 binding
// (bcrypto) checking id and signature, and nostr-wasm where bcrypto did not
// build. Until the workers are up (and if they cannot start, or die) the
// main-thread verifier of the same kind answers, so a verdict never waits on a
// worker that is not there.
import { availableParallelism, cpus } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Event } from 'nostr-tools';
import type { SignatureVerifier } from './verify.js';

/** What a worker runs: CommonJS source evaluated in the thread, and the data it needs (undefined: cannot start here). */
export interface WorkerKind {
  /** e.g. "libsecp256k1 (native)": the name is "<label> × N worker threads". */
  label: string;
  source: string;
  data(): object | undefined;
}

export interface WorkerPoolOptions {
  threads?: number;
  /** Largest batch sent to one worker. */
  batch?: number;
  /** Events the main thread checks before any worker is started (one-shot commands get few). */
  startAfter?: number;
  /**
   * Events waiting for the workers past which the main thread checks new ones itself: where
   * the workers are fewer than the cores, the main thread has time of its own to give, and
   * keeping the workers just full while it checks the rest uses every core.
   */
  helpAbove?: number;
}

type Item = { event: Event; resolve: (ok: boolean) => void };

/**
 * Checks on `fallback` (main thread) for the first `startAfter` events, then in
 * worker threads once they are ready. Idle workers never hold the process open.
 */
export function workerPoolVerifier(kind: WorkerKind, fallback: SignatureVerifier, opts: WorkerPoolOptions = {}): SignatureVerifier {
  const threads = Math.max(1, opts.threads ?? defaultThreads());
  const maxBatch = opts.batch ?? 256;
  const startAfter = opts.startAfter ?? 200;
  const helpAbove = opts.helpAbove ?? Infinity;
  let requested = 0;
  let workers: VerifyWorker[] | undefined;
  let failed = false;
  let queue: Item[] = [];
  let scheduled = false;

  const start = () => {
    workers = [];
    const data = kind.data();
    if (!data) {
      failed = true;
      return;
    }
    for (let i = 0; i < threads; i++) workers.push(new VerifyWorker(kind.source, data, fallback, () => (failed = true)));
  };

  const flush = () => {
    scheduled = false;
    const ready = workers?.filter((w) => w.ready) ?? [];
    // Spread what is waiting over every ready worker, each batch at most maxBatch.
    const size = Math.max(1, Math.min(maxBatch, Math.ceil(queue.length / Math.max(1, ready.length))));
    while (queue.length > 0) {
      const batch = queue.splice(0, size);
      if (failed || ready.length === 0) {
        for (const item of batch) settleWith(fallback.verify(item.event), item.resolve);
        continue;
      }
      ready.reduce((a, b) => (b.outstanding < a.outstanding ? b : a)).send(batch);
    }
  };

  return {
    get name() {
      if (failed || !workers?.some((w) => w.ready)) return fallback.name;
      return `${kind.label} × ${threads} worker thread${threads === 1 ? '' : 's'}`;
    },
    verify(event) {
      if (!workers && ++requested > startAfter) start();
      if (!workers || failed || !workers.some((w) => w.ready)) return fallback.verify(event);
      if (queue.length + workers.reduce((n, w) => n + w.outstanding, 0) >= helpAbove) return fallback.verify(event);
      return new Promise<boolean>((resolve) => {
        queue.push({ event, resolve });
        if (queue.length >= maxBatch * threads) flush();
        else if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
    close() {
      flush();
      for (const w of workers ?? []) w.terminate();
      workers = undefined;
      requested = 0;
      fallback.close();
    },
  };
}

export function settleWith(result: boolean | Promise<boolean>, resolve: (ok: boolean) => void): void {
  if (result instanceof Promise) result.then(resolve, () => resolve(false));
  else resolve(result);
}

/** One worker per core: the main thread's share (sockets, JSON, dedupe, merging) is small next to the signatures. */
export function defaultThreads(reserved = 0): number {
  // NOSTR_TUI_VERIFY_THREADS: for measuring (bench) and for machines shared with other work.
  const asked = Number(process.env.NOSTR_TUI_VERIFY_THREADS);
  if (Number.isInteger(asked) && asked >= 0) return Math.min(64, asked);
  return Math.max(0, Math.min(8, cores() - reserved));
}

export function cores(): number {
  return typeof availableParallelism === 'function' ? availableParallelism() : cpus().length;
}

class VerifyWorker {
  ready = false;
  outstanding = 0;
  private readonly worker: Worker;
  private readonly pending = new Map<number, Item[]>();
  private serial = 0;
  private closing = false;
  private loading = true;
  private endWhenLoaded = false;

  constructor(
    source: string,
    data: object,
    private readonly fallback: SignatureVerifier,
    onfail: () => void,
  ) {
    // No inherited flags: `--input-type=module` would make this CommonJS source fail, and
    // a loader such as tsx (`--import`) would be loaded again in every thread for nothing.
    this.worker = new Worker(source, { eval: true, workerData: data, execArgv: [] });
    this.worker.on('message', (message: { ready?: true; failed?: string; id?: number; ok?: Uint8Array }) => {
      if (message.ready) this.loaded(() => (this.ready = true));
      else if (message.failed !== undefined) this.loaded(() => this.fail(onfail));
      else if (message.id !== undefined && message.ok) this.answer(message.id, message.ok);
    });
    this.worker.on('error', () => this.fail(onfail));
    this.worker.on('exit', () => this.fail(() => {}));
    // Held open (ref'd) until it has loaded: a thread torn down while bcrypto's native module
    // is being set up aborts the whole process (a failed N-API assertion, measured here when a
    // command ended just as its workers started). Once loaded, an idle worker is let go.
  }

  /** The worker finished loading (well or not): from now on it may be ended, and idles unref'd. */
  private loaded(then: () => void): void {
    this.loading = false;
    then();
    if (this.endWhenLoaded) void this.worker.terminate();
    else if (this.outstanding === 0) this.worker.unref();
  }

  send(batch: Item[]): void {
    const id = ++this.serial;
    this.pending.set(id, batch);
    // Held open only while it owes answers: an idle worker never keeps the process alive.
    if (this.outstanding === 0) this.worker.ref();
    this.outstanding += batch.length;
    this.worker.postMessage({ id, events: batch.map((item) => item.event) });
  }

  private answer(id: number, ok: Uint8Array): void {
    const batch = this.pending.get(id);
    if (!batch) return;
    this.pending.delete(id);
    this.outstanding -= batch.length;
    if (this.outstanding === 0 && !this.loading) this.worker.unref();
    for (let i = 0; i < batch.length; i++) batch[i]!.resolve(ok[i] === 1);
  }

  /** A dead worker's batches are checked on the main thread instead. */
  private fail(onfail: () => void): void {
    this.ready = false;
    for (const batch of this.pending.values()) for (const item of batch) settleWith(this.fallback.verify(item.event), item.resolve);
    this.pending.clear();
    this.outstanding = 0;
    if (!this.closing) onfail();
  }

  terminate(): void {
    this.closing = true;
    // Not while it loads (see the constructor): it ends as soon as it has.
    if (this.loading) this.endWhenLoaded = true;
    else void this.worker.terminate();
  }
}

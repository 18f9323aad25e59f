// Event verification (NIP-01): the id is the sha256 of the serialised event,
// the sig a BIP-340 Schnorr signature of the id by the pubkey.
//
// Two steps of very different cost: the id check (sha256, 100,000+/s) comes
// first, so a forged id never costs a signature check. The signature check is
// the cost of ingesting, so the fastest verifier that loads is used:
//   1. libsecp256k1 through bcrypto's native binding (native-verify.ts),
//      ~17,000/s on the main thread. Measured on 2 cores, moving it into
//      worker threads did not raise ingest (11.5-12.9k vs 12.8k events/s), so
//      it runs synchronously where the events arrive.
//   2. nostr-wasm (~3,000/s per core) in worker threads, one per core, where
//      the native binding did not build; its first checks, and any a worker
//      could not answer, run on the main thread.
//   3. nostr-tools' pure-JS verifyEvent (~600/s) where WebAssembly cannot load.
import { createRequire } from 'node:module';
import { availableParallelism, cpus } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Event } from 'nostr-tools';
import { verifyEvent as pureVerifyEvent } from 'nostr-tools/pure';
import { loadNativeCheck } from './native-verify.js';

/** Checks an event's id, then (only if it is right) its signature. */
export interface SignatureVerifier {
  readonly name: string;
  verify(event: Event): boolean | Promise<boolean>;
  close(): void;
}

type NostrWasm = { verifyEvent(event: Event): void; getPublicKey(secretKey: Uint8Array): Uint8Array };

let wasmLoading: Promise<NostrWasm | undefined> | undefined;

/** nostr-wasm, loaded once per thread; undefined when it cannot load. */
export function loadNostrWasm(): Promise<NostrWasm | undefined> {
  wasmLoading ??= import('nostr-wasm')
    .then((m) => m.initNostrWasm() as Promise<NostrWasm>)
    .catch(() => undefined);
  return wasmLoading;
}

function wasmCheck(nw: NostrWasm, event: Event): boolean {
  try {
    nw.verifyEvent(event);
    return true;
  } catch {
    return false;
  }
}

/**
 * nostr-tools' verifyEvent on a copy of the seven NIP-01 fields: it trusts a
 * `verified` mark it keeps on the object (set by finalizeEvent and copied by
 * a spread), so an altered copy of a signed event must not reach it as is.
 */
function pureCheck(event: Event): boolean {
  const { id, pubkey, created_at, kind, tags, content, sig } = event;
  return pureVerifyEvent({ id, pubkey, created_at, kind, tags, content, sig });
}

/** nostr-wasm on this thread; pure JS until (or if never) it has loaded. */
export function mainThreadVerifier(): SignatureVerifier {
  let nw: NostrWasm | undefined;
  let failed = false;
  const ready = loadNostrWasm().then((loaded) => {
    nw = loaded;
    failed = !loaded;
  });
  return {
    get name() {
      return failed ? 'nostr-tools pure JS' : 'nostr-wasm';
    },
    verify(event) {
      if (nw) return wasmCheck(nw, event);
      if (failed) return pureCheck(event);
      return ready.then(() => (nw ? wasmCheck(nw, event) : pureCheck(event)));
    },
    close() {},
  };
}

/**
 * nostr-wasm in worker threads, fed in batches: the signature check is the one
 * cost that grows with the number of events, so it gets every core, while the
 * main thread parses, checks ids and merges. Until the workers are up (and if
 * they cannot start) the main-thread verifier answers.
 */
export function workerVerifier(opts: { threads?: number; batch?: number; startAfter?: number } = {}): SignatureVerifier {
  const fallback = mainThreadVerifier();
  const threads = Math.max(1, opts.threads ?? defaultThreads());
  const maxBatch = opts.batch ?? 256;
  // Starting a worker costs tens of ms of CPU: a one-shot command checking a
  // few hundred events is done on the main thread before one would be ready.
  const startAfter = opts.startAfter ?? 200;
  let requested = 0;
  let workers: VerifyWorker[] | undefined;
  let failed = false;
  let queue: Array<{ event: Event; resolve: (ok: boolean) => void }> = [];
  let scheduled = false;

  const start = () => {
    workers = [];
    const url = nostrWasmUrl();
    if (!url) {
      failed = true;
      return;
    }
    for (let i = 0; i < threads; i++) workers.push(new VerifyWorker(url, () => (failed = true)));
  };

  const flush = () => {
    scheduled = false;
    while (queue.length > 0) {
      const batch = queue.splice(0, maxBatch);
      const ready = workers!.filter((w) => w.ready);
      if (failed || ready.length === 0) {
        for (const item of batch) settleWith(fallback.verify(item.event), item.resolve);
        continue;
      }
      ready.reduce((a, b) => (b.outstanding < a.outstanding ? b : a)).send(batch);
    }
  };

  return {
    get name() {
      if (failed || !workers) return fallback.name;
      return `nostr-wasm × ${threads} worker thread${threads === 1 ? '' : 's'}`;
    },
    verify(event) {
      if (!workers && ++requested > startAfter) start();
      if (!workers || failed || !workers!.some((w) => w.ready)) return fallback.verify(event);
      return new Promise<boolean>((resolve) => {
        queue.push({ event, resolve });
        if (queue.length >= maxBatch) flush();
        else if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
    close() {
      for (const w of workers ?? []) w.terminate();
      workers = undefined;
    },
  };
}

function settleWith(result: boolean | Promise<boolean>, resolve: (ok: boolean) => void): void {
  if (result instanceof Promise) result.then(resolve, () => resolve(false));
  else resolve(result);
}

/** nostr-tools' pure-JS verifyEvent only: the last resort, selectable for tests. */
export function pureVerifier(): SignatureVerifier {
  return { name: 'nostr-tools pure JS', verify: (event) => pureCheck(event), close() {} };
}

/** The values NOSTR_TUI_VERIFIER may take. */
export const verifierChoices = ['native', 'wasm', 'js'] as const;
export type VerifierChoice = (typeof verifierChoices)[number];

/**
 * The verifier NOSTR_TUI_VERIFIER names, for tests and `doctor`: `wasm` runs
 * as if the native binding had not built (workers), `js` as if WebAssembly
 * could not load either. Unset (or anything else): the fastest that loads.
 */
export function chooseVerifier(choice: string | undefined): SignatureVerifier {
  if (choice === 'wasm') return workerVerifier();
  if (choice === 'js') return pureVerifier();
  return nativeVerifier() ?? workerVerifier();
}

let shared: SignatureVerifier | undefined;

/** libsecp256k1 on this thread, synchronous; undefined where the native binding is missing. */
export function nativeVerifier(): SignatureVerifier | undefined {
  const check = loadNativeCheck();
  return check && { name: 'libsecp256k1 (native)', verify: check, close() {} };
}

/**
 * One verifier (and at most one set of workers) for the whole process, chosen
 * on its first use: a command that verifies nothing loads none of them.
 */
export function sharedVerifier(): SignatureVerifier {
  return (shared ??= firstUse(() => chooseVerifier(process.env.NOSTR_TUI_VERIFIER)));
}

function firstUse(choose: () => SignatureVerifier): SignatureVerifier {
  let chosen: SignatureVerifier | undefined;
  const get = () => (chosen ??= choose());
  return {
    get name() {
      return get().name;
    },
    verify: (event) => get().verify(event),
    close: () => chosen?.close(),
  };
}

/** One worker per core: the main thread's share (sockets, JSON, ids, merging) is small next to the signatures. */
function defaultThreads(): number {
  const cores = typeof availableParallelism === 'function' ? availableParallelism() : cpus().length;
  return Math.max(1, Math.min(4, cores));
}

function nostrWasmUrl(): string | undefined {
  try {
    return pathToFileURL(createRequire(import.meta.url).resolve('nostr-wasm')).href;
  } catch {
    return undefined;
  }
}

// CommonJS, evaluated in the worker: load nostr-wasm, then answer batches with one byte per event.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
import(workerData.url).then((m) => m.initNostrWasm()).then((nw) => {
  parentPort.on('message', ({ id, events }) => {
    const ok = new Uint8Array(events.length);
    for (let i = 0; i < events.length; i++) {
      try { nw.verifyEvent(events[i]); ok[i] = 1; } catch {}
    }
    parentPort.postMessage({ id, ok }, [ok.buffer]);
  });
  parentPort.postMessage({ ready: true });
}, (error) => parentPort.postMessage({ failed: String(error) }));
`;

class VerifyWorker {
  ready = false;
  outstanding = 0;
  private readonly worker: Worker;
  private readonly pending = new Map<number, Array<{ event: Event; resolve: (ok: boolean) => void }>>();
  private serial = 0;

  constructor(url: string, onfail: () => void) {
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { url } });
    this.worker.on('message', (message: { ready?: true; failed?: string; id?: number; ok?: Uint8Array }) => {
      if (message.ready) this.ready = true;
      else if (message.failed !== undefined) this.fail(onfail);
      else if (message.id !== undefined && message.ok) this.answer(message.id, message.ok);
    });
    this.worker.on('error', () => this.fail(onfail));
    this.worker.on('exit', () => this.fail(() => {}));
    // After the listeners: adding a 'message' listener refs the worker again, and a
    // worker that never got a batch then kept a finished command alive for ever.
    this.worker.unref();
  }

  send(batch: Array<{ event: Event; resolve: (ok: boolean) => void }>): void {
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
    if (this.outstanding === 0) this.worker.unref();
    for (let i = 0; i < batch.length; i++) batch[i]!.resolve(ok[i] === 1);
  }

  /** A dead worker's batches are checked on the main thread instead. */
  private fail(onfail: () => void): void {
    this.ready = false;
    const fallback = mainThreadVerifier();
    for (const batch of this.pending.values()) for (const item of batch) settleWith(fallback.verify(item.event), item.resolve);
    this.pending.clear();
    this.outstanding = 0;
    onfail();
  }

  terminate(): void {
    void this.worker.terminate();
  }
}

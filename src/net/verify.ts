// Event verification (NIP-01): the id is the sha256 of the serialised event,
// the sig a BIP-340 Schnorr signature of the id by the pubkey.
//
// Two steps of very different cost: the id check (sha256, 100,000+/s) comes
// first, so a forged id never costs a signature check. The signature check is
// the cost of ingesting, so the fastest verifier that loads is used:
//   1. libsecp256k1 through bcrypto's native addon (native-verify.ts; a
//      process's first checks on the addon's libtorsion, ready sooner),
//      ~17,000/s per core, in worker threads, one per core but the main
//      thread's (verify-workers.ts): the main thread keeps the sockets, JSON,
//      dedupe and merging. On 2 cores that leaves one worker, kept full while
//      the main thread checks the rest (NOSTR_TUI_VERIFY_THREADS=n asks for n
//      workers). The first STARTUP_EVENTS are checked on the main thread, so
//      one-shot commands pay no worker start-up.
//   2. nostr-wasm (~3,000/s per core) in worker threads, one per core, where
//      the native binding did not build; its first checks, and any a worker
//      could not answer, run on the main thread.
//   3. nostr-tools' pure-JS verifyEvent (~600/s) where WebAssembly cannot load.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { Event } from 'nostr-tools';
import { verifyEvent as pureVerifyEvent } from 'nostr-tools/pure';
import { BACKGROUND_THREAD_SOURCE } from './background-thread.js';
import { ADDON, loadNativeCheck, SELF_TEST } from './native-verify.js';
import { cores, defaultThreads, workerPoolVerifier, type WorkerPoolOptions } from './verify-workers.js';

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
 * nostr-wasm in worker threads (verify-workers.ts): where the native binding
 * did not build. Until the workers are up (and if they cannot start) the
 * main-thread nostr-wasm verifier answers.
 */
export function workerVerifier(opts: WorkerPoolOptions = {}): SignatureVerifier {
  return workerPoolVerifier({ label: 'nostr-wasm', source: WASM_WORKER_SOURCE, data: wasmWorkerData }, mainThreadVerifier(), opts);
}

/**
 * libsecp256k1 in worker threads, one per core, the main thread checking the
 * first events itself (a one-shot command gets few; see STARTUP_EVENTS);
 * undefined where the native binding is missing.
 */
export function nativeWorkerVerifier(opts: WorkerPoolOptions = {}): SignatureVerifier | undefined {
  const main = nativeVerifier();
  if (!main) return undefined;
  // One worker per core but the main thread's. On 2 cores that is one worker, which measured
  // slower than the main thread alone when it took every check (ingest, 20,000 notes: 6,800-8,700
  // events/s against 8,800-9,300), since the main thread then waited; so there the worker is
  // kept full (HELP_ABOVE) and the main thread checks the rest itself, between its sockets.
  const threads = opts.threads ?? defaultThreads(1);
  if (threads < 1) return main;
  const help = opts.threads === undefined && threads === 1 && cores() <= 2 ? { helpAbove: HELP_ABOVE, batch: HELP_ABOVE / 4 } : {};
  return workerPoolVerifier(
    { label: 'libsecp256k1 (native)', source: NATIVE_WORKER_SOURCE, data: nativeWorkerData },
    main,
    { startAfter: STARTUP_EVENTS, ...help, ...opts, threads },
  );
}

/**
 * Events waiting for the one worker of a 2-core machine past which the main thread checks too:
 * four batches, so the worker has the next one when it answers. Deeper made the main thread wait:
 * what it checked queues behind the worker's answers (in the relay's order) until the relay is
 * paused (ingest, same run: 128 in flight 11,100-12,300 events/s, 512 6,300-7,400).
 */
const HELP_ABOVE = 128;

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
  return nativeWorkerVerifier() ?? workerVerifier();
}

let shared: SignatureVerifier | undefined;

/** bcrypto's addon on this thread (libtorsion, then libsecp256k1), synchronous; undefined where it is missing. */
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

/**
 * Chooses and loads the shared verifier now rather than at the first event: the native addon takes
 * ~3 ms to load and set up. The interactive start does it while it waits on the network.
 */
export function loadSharedVerifier(): void {
  void sharedVerifier().name;
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

// Starting the native workers costs each one a thread with bcrypto and nostr-tools
// loaded: measured here (2 cores, heavily shared) 155-187 ms of process CPU for one,
// 209-267 ms for two, while 1,000 checks on the main thread cost 130 ms. A command
// receiving fewer events than this never starts them; a stream past it gets every core.
const STARTUP_EVENTS = 1_000;

function resolved(specifier: string): string | undefined {
  try {
    return createRequire(import.meta.url).resolve(specifier);
  } catch {
    return undefined;
  }
}

function wasmWorkerData(): object | undefined {
  const path = resolved('nostr-wasm');
  return path ? { url: pathToFileURL(path).href } : undefined;
}

function nativeWorkerData(): object | undefined {
  const addon = resolved(ADDON);
  const core = resolved('nostr-tools/core');
  return addon && core ? { addon, core, selfTest: SELF_TEST } : undefined;
}

// CommonJS, evaluated in the worker: load nostr-wasm, then answer batches with one byte per event.
const WASM_WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
${BACKGROUND_THREAD_SOURCE}
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

// CommonJS, evaluated in the worker: the check of native-verify.ts (NIP-01 id =
// sha256 of nostr-tools' serializeEvent, then BIP-340 on bcrypto's addon, with
// libsecp256k1 from the start: a worker only ever checks many), which must pass
// the same self-test (a good event, and a good signature of another message)
// before the worker says it is ready.
const NATIVE_WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
${BACKGROUND_THREAD_SOURCE}
const { hash } = require('node:crypto');
const SIG = /^[0-9a-f]{128}$/;
try {
  const addon = require(workerData.addon);
  const context = addon.secp256k1_context_create();
  // nostr-tools' serializeEvent (nostr-tools/pure) is its validateEvent, then this NIP-01 array;
  // pure itself also loads the curve libraries, ~20 ms more per worker for code never run here.
  const { validateEvent } = require(workerData.core);
  const serializeEvent = (e) => {
    if (!validateEvent(e)) throw new Error('not an event');
    return JSON.stringify([0, e.pubkey, e.created_at, e.kind, e.tags, e.content]);
  };
  const check = (event) => {
    try {
      const id = hash('sha256', serializeEvent(event), 'buffer');
      if (id.toString('hex') !== event.id || typeof event.sig !== 'string' || !SIG.test(event.sig)) return false;
      return addon.secp256k1_schnorr_verify(context, id, Buffer.from(event.sig, 'hex'), Buffer.from(event.pubkey, 'hex')) === true;
    } catch { return false; }
  };
  const { good, otherSig } = workerData.selfTest;
  if (!check(good) || check({ ...good, sig: otherSig })) throw new Error('self-test failed');
  parentPort.on('message', ({ id, events }) => {
    const ok = new Uint8Array(events.length);
    for (let i = 0; i < events.length; i++) if (check(events[i])) ok[i] = 1;
    parentPort.postMessage({ id, ok }, [ok.buffer]);
  });
  parentPort.postMessage({ ready: true });
} catch (error) {
  parentPort.postMessage({ failed: String(error) });
}
`;

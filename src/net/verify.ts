// Event verification (NIP-01): the id is the sha256 of the serialised event,
// the sig a BIP-340 Schnorr signature of the id by the pubkey.
//
// Two steps of very different cost: the id check (sha256, 100,000+/s) runs
// first and on the main thread, so forged ids never reach the expensive
// signature check (nostr-wasm, ~3,000/s per core; nostr-tools' pure-JS
// verifyEvent, ~600/s, is the fallback when WebAssembly cannot load).
import { createHash } from 'node:crypto';
import type { Event } from 'nostr-tools';
import { verifyEvent as pureVerifyEvent } from 'nostr-tools/pure';

/** Checks signatures; the id has already been checked. */
export interface SignatureVerifier {
  readonly name: string;
  verify(event: Event): boolean | Promise<boolean>;
  close(): void;
}

/** NIP-01 serialisation: [0, pubkey, created_at, kind, tags, content]. */
export const serializeEvent = (e: Event): string => JSON.stringify([0, e.pubkey, e.created_at, e.kind, e.tags, e.content]);

export const hasValidId = (event: Event): boolean =>
  createHash('sha256').update(serializeEvent(event)).digest('hex') === event.id;

type NostrWasm = { verifyEvent(event: Event): void };

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
      if (failed) return pureVerifyEvent({ ...event });
      return ready.then(() => (nw ? wasmCheck(nw, event) : pureVerifyEvent({ ...event })));
    },
    close() {},
  };
}

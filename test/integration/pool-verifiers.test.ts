// The forged / altered / bad-id corpus (test/helpers/hostile-events.ts) through the
// pool with EACH signature checker: native libsecp256k1, nostr-wasm in worker threads
// (what runs when bcrypto did not build), nostr-wasm on the main thread, and
// nostr-tools' pure JS. Only the valid notes come out, and every forged one is counted
// invalid. The events must come from a fault relay: the real relay refuses to store
// forged events, which is the point.
import type { Event } from 'nostr-tools';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool } from '../../src/net/pool.js';
import type { RelayPool } from '../../src/net/types.js';
import {
  chooseVerifier,
  loadNostrWasm,
  mainThreadVerifier,
  nativeVerifier,
  nativeWorkerVerifier,
  pureVerifier,
  workerVerifier,
  type SignatureVerifier,
} from '../../src/net/verify.js';
import { signed, startFaultRelay, type FaultRelay } from '../helpers/fault-relay.js';
import { HOSTILE_SECRET, forgedEvents } from '../helpers/hostile-events.js';
import { until } from '../helpers/until.js';

const NOW = 1_700_000_000;
const forged = forgedEvents(NOW - 100);
const valid = Array.from({ length: forged.length }, (_, i) => signed(HOSTILE_SECRET, { created_at: NOW - 200 - i, content: `valid #${i}` }));
const sorted = (events: Event[]) => events.map((e) => e.id).sort();

/** A worker verifier whose workers are up, so the pool's events are answered by a worker (a Promise), not the main-thread fallback. */
async function warmWorkers(): Promise<SignatureVerifier> {
  // Once the main-thread fallback has its nostr-wasm (after its first answer), it answers
  // synchronously: from then on a Promise is a worker's answer.
  await loadNostrWasm();
  const workers = workerVerifier({ threads: 1, startAfter: 0 });
  await workers.verify(valid[0]!);
  await until(() => workers.verify(valid[0]!) instanceof Promise, 'a nostr-wasm worker to start');
  return workers;
}

/** The native binding in a worker thread, up, so a Promise is the worker's answer (the main thread's is synchronous). */
async function warmNativeWorkers(): Promise<SignatureVerifier> {
  const workers = nativeWorkerVerifier({ threads: 1, startAfter: 0 })!;
  expect(workers.verify(valid[0]!)).toBe(true);
  await until(() => workers.verify(valid[0]!) instanceof Promise, 'a native worker to start');
  return workers;
}

const verifiers: Array<[string, () => Promise<SignatureVerifier>, string | RegExp]> = [
  ['native libsecp256k1', async () => nativeVerifier()!, 'libsecp256k1 (native)'],
  ['native libsecp256k1 worker threads', warmNativeWorkers, 'libsecp256k1 (native) × 1 worker thread'],
  ['nostr-wasm worker threads', warmWorkers, 'nostr-wasm × 1 worker thread'],
  ['nostr-wasm on the main thread', async () => mainThreadVerifier(), /^nostr-wasm$|pure JS/],
  ['nostr-tools pure JS', async () => pureVerifier(), 'nostr-tools pure JS'],
];

describe('forged events through the pool, with every verifier', () => {
  let relay: FaultRelay;
  beforeAll(async () => {
    relay = await startFaultRelay({
      onReq(req) {
        // Forged and valid interleaved: a checker that answers "yes" once lets the rest through.
        for (let i = 0; i < forged.length; i++) {
          req.event(forged[i]!.event);
          req.event(valid[i]!);
        }
        req.eose();
      },
    });
  });
  afterAll(async () => relay.stop());

  it('the corpus is well formed: each forged event differs from a valid one only where verification looks', () => {
    expect(forged.length).toBeGreaterThanOrEqual(15);
    for (const { event } of forged) {
      expect(event.id).toMatch(/^[0-9a-f]{64}$/);
      expect(event.sig).toMatch(/^[0-9a-f]{128}$/);
      expect(event.pubkey).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  for (const [label, make, name] of verifiers) {
    it(`${label}: only the valid notes come out, every forged one is counted invalid`, async () => {
      const verifier = await make();
      expect(verifier.name).toMatch(name);
      let pool: RelayPool | undefined;
      try {
        pool = createPool({ relays: [{ url: relay.url, read: true, write: true }], verifier });
        const result = await pool.query([{ since: NOW - 10_000 }]);
        // The workers answered (not the main-thread fallback): the path where a verdict arrives later.
        if (label.includes('worker')) expect(verifier.verify(valid[0]!)).toBeInstanceOf(Promise);
        expect(sorted(result.events)).toEqual(sorted(valid));
        const counts = pool.status()[0]!.counts;
        expect(counts).toMatchObject({ received: valid.length, invalid: forged.length, offFilter: 0, malformed: 0 });
        // Asked again on the same pool (copies of ids already seen): still nothing forged.
        const again = await pool.query([{ since: NOW - 10_000 }]);
        expect(sorted(again.events)).toEqual(sorted(valid));
      } finally {
        await pool?.close();
        verifier.close();
      }
    });
  }

  it('each verifier on its own refuses every forged event and accepts every valid one', async () => {
    for (const [label, make] of verifiers) {
      const verifier = await make();
      try {
        const verdicts = await Promise.all(forged.map(({ event }) => verifier.verify(event)));
        expect(Object.fromEntries(forged.map(({ name }, i) => [`${label}: ${name}`, verdicts[i]]))).toEqual(
          Object.fromEntries(forged.map(({ name }) => [`${label}: ${name}`, false])),
        );
        expect(await Promise.all(valid.map((e) => verifier.verify(e)))).toEqual(valid.map(() => true));
      } finally {
        verifier.close();
      }
    }
  });

  it('NOSTR_TUI_VERIFIER picks the checker (for tests and doctor); unset, the native one', () => {
    expect(chooseVerifier('js').name).toBe('nostr-tools pure JS');
    const wasm = chooseVerifier('wasm');
    expect(wasm.name).toMatch(/nostr-wasm|pure JS/);
    wasm.close();
    expect(chooseVerifier(undefined).name).toBe('libsecp256k1 (native)');
    expect(chooseVerifier('native').name).toBe('libsecp256k1 (native)');
  });
});

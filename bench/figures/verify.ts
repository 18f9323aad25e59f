// verify: signature checks per second. Ours: the pool's verifier (id by
// sha256 on the main thread, then nostr-wasm in worker threads, batched);
// baseline: nostr-tools' pure-JS verifyEvent. Interleaved rounds, same events.
import type { Event } from 'nostr-tools';
import { verifyEvent } from 'nostr-tools/pure';
import { hasValidId, mainThreadVerifier, sharedVerifier } from '../../src/net/verify.js';
import { median, ratio, type BenchContext, type Figure } from '../figure.js';
import { signedNotes } from '../fixtures/signed-notes.js';

const OURS = 6_000;
const BASELINE = 600;
const ROUNDS = 3;

async function ours(events: Event[]): Promise<number> {
  const verifier = sharedVerifier();
  const started = performance.now();
  const results = await Promise.all(events.map((e) => (hasValidId(e) ? verifier.verify(e) : false)));
  const elapsed = performance.now() - started;
  if (!results.every(Boolean)) throw new Error('a valid event failed verification');
  return events.length / (elapsed / 1000);
}

/** nostr-wasm on the main thread alone: what the workers are for is the difference. */
async function mainThread(events: Event[]): Promise<number> {
  const verifier = mainThreadVerifier();
  await verifier.verify(events[0]!);
  const started = performance.now();
  for (const e of events) if (!(await verifier.verify(e))) throw new Error('a valid event failed verification');
  return events.length / ((performance.now() - started) / 1000);
}

function pure(events: Event[]): number {
  const started = performance.now();
  // Fresh objects: verifyEvent remembers a result on the object it checked.
  for (const e of events) if (!verifyEvent({ ...e })) throw new Error('a valid event failed verification');
  return events.length / ((performance.now() - started) / 1000);
}

export default async function verify(ctx: BenchContext): Promise<Figure> {
  const events = await signedNotes(20_000);
  await ours(events.slice(0, 1_000)); // start and warm the workers
  pure(events.slice(0, 50));
  const a: number[] = [];
  const b: number[] = [];
  const c: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const offset = 1_000 + round * OURS;
    a.push(await ours(events.slice(offset, offset + OURS)));
    b.push(pure(events.slice(round * BASELINE, (round + 1) * BASELINE)));
    c.push(await mainThread(events.slice(offset, offset + 2 * BASELINE)));
    ctx.log(`verify round ${round + 1}: ours ${Math.round(a.at(-1)!)}/s, pure JS ${Math.round(b.at(-1)!)}/s, wasm on the main thread ${Math.round(c.at(-1)!)}/s`);
  }
  const value = Math.round(median(a));
  const baseline = Math.round(median(b));
  return {
    name: 'verify',
    value,
    unit: 'events/s',
    baseline,
    ratio: ratio(value, baseline),
    note: `${sharedVerifier().name} vs nostr-tools pure-JS verifyEvent (nostr-wasm on the main thread alone: ${Math.round(median(c))}/s); higher is better`,
  };
}

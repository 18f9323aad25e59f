// verify: event checks (id, then signature) per second. Ours: the pool's
// verifier (libsecp256k1 through bcrypto where it built, else nostr-wasm in
// worker threads);
// baseline: nostr-tools' pure-JS verifyEvent. Also measured, for the note:
// nostr-wasm on the main thread alone (what the workers add). Many short
// interleaved slices, summed, so drift in machine load hits all alike.
import type { Event } from 'nostr-tools';
import { verifyEvent } from 'nostr-tools/pure';
import { mainThreadVerifier, sharedVerifier } from '../../src/net/verify.js';
import { ratio, type BenchContext, type Figure } from '../figure.js';
import { signedNotes } from '../fixtures/signed-notes.js';

const SLICES = 12;
const OURS = 1_500;
const MAIN = 300;
const PURE = 60;

/** Milliseconds to check `events` with the pool's verifier. */
async function ours(events: Event[]): Promise<number> {
  const verifier = sharedVerifier();
  const started = performance.now();
  const results = await Promise.all(events.map((e) => verifier.verify(e)));
  const elapsed = performance.now() - started;
  if (!results.every(Boolean)) throw new Error('a valid event failed verification');
  return elapsed;
}

const main = mainThreadVerifier();
async function mainThread(events: Event[]): Promise<number> {
  const started = performance.now();
  for (const e of events) if (!(await main.verify(e))) throw new Error('a valid event failed verification');
  return performance.now() - started;
}

function pure(events: Event[]): number {
  const started = performance.now();
  // Fresh objects: verifyEvent remembers a result on the object it checked.
  for (const e of events) if (!verifyEvent({ ...e })) throw new Error('a valid event failed verification');
  return performance.now() - started;
}

export default async function verify(ctx: BenchContext): Promise<Figure> {
  const events = await signedNotes(20_000);
  await ours(events.slice(0, 1_000)); // start and warm the workers
  await mainThread(events.slice(0, 100));
  pure(events.slice(0, 30));
  const time = { ours: 0, main: 0, pure: 0 };
  for (let slice = 0; slice < SLICES; slice++) {
    const at = 1_000 + slice * OURS;
    time.ours += await ours(events.slice(at, at + OURS));
    time.pure += pure(events.slice(at, at + PURE));
    time.main += await mainThread(events.slice(at, at + MAIN));
  }
  const rate = (count: number, ms: number) => Math.round((SLICES * count) / (ms / 1000));
  const value = rate(OURS, time.ours);
  const baseline = rate(PURE, time.pure);
  const alone = rate(MAIN, time.main);
  ctx.log(`verify: ours ${value}/s, nostr-wasm on the main thread ${alone}/s, pure JS ${baseline}/s`);
  return {
    name: 'verify',
    value,
    unit: 'events/s',
    baseline,
    ratio: ratio(value, baseline),
    note: `${sharedVerifier().name} vs nostr-tools pure-JS verifyEvent (nostr-wasm on the main thread alone: ${alone}/s); higher is better`,
  };
}

// The verification limit of this machine: the same events checked by a bare
// loop of the native addon (bcrypto's libsecp256k1, called as the verify
// workers call it, src/net/verify.ts; the id hash included),
// one worker thread per core, each on its share. Events are handed over (and
// the binding loaded) before the clock starts; what is timed is the slowest
// thread's loop. Undefined where the binding is missing.
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Event } from 'nostr-tools';
import { ADDON } from '../src/net/native-verify.js';

const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { hash } = require('node:crypto');
const addon = require(workerData.addon);
const context = addon.secp256k1_context_create();
const { serializeEvent } = require(workerData.pure);
const events = workerData.events;
parentPort.postMessage('ready');
parentPort.once('message', () => {
  const started = performance.now();
  let ok = 0;
  for (const e of events) {
    const id = hash('sha256', serializeEvent(e), 'buffer');
    if (id.toString('hex') === e.id && addon.secp256k1_schnorr_verify(context, id, Buffer.from(e.sig, 'hex'), Buffer.from(e.pubkey, 'hex'))) ok++;
  }
  parentPort.postMessage({ ok, ms: performance.now() - started });
});
`;

export async function nativeLimit(events: Event[], threads = availableParallelism()): Promise<{ ms: number; threads: number } | undefined> {
  const require = createRequire(import.meta.url);
  let addon: string;
  try {
    addon = require.resolve(ADDON);
    require(addon);
  } catch {
    return undefined;
  }
  const pure = require.resolve('nostr-tools/pure');
  const share = Math.ceil(events.length / threads);
  const workers = Array.from(
    { length: threads },
    (_, i) => new Worker(SOURCE, { eval: true, execArgv: [], workerData: { addon, pure, events: events.slice(i * share, (i + 1) * share) } }),
  );
  try {
    await Promise.all(workers.map((w) => new Promise((resolve, reject) => (w.once('message', resolve), w.once('error', reject)))));
    const started = performance.now();
    const results = await Promise.all(
      workers.map((w) => new Promise<{ ok: number }>((resolve) => (w.once('message', resolve), w.postMessage('go')))),
    );
    const ms = performance.now() - started;
    const ok = results.reduce((n, r) => n + r.ok, 0);
    if (ok !== events.length) throw new Error(`native limit: ${ok} of ${events.length} verified`);
    return { ms, threads };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

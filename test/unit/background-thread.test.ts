// Issue #17: the threads doing throughput work (signature checks, cache writes) run
// ten nice steps below the main thread on Linux, so the UI thread and V8's collector
// get the cores first (src/net/background-thread.ts).
import fs from 'node:fs';
import os from 'node:os';
import type { Event } from 'nostr-tools';
import { afterEach, describe, expect, it } from 'vitest';
import { nativeWorkerVerifier, workerVerifier, type SignatureVerifier } from '../../src/net/verify.js';
import { startWriterThread, type StoreWriter } from '../../src/store/writer-thread.js';
import { tempStores } from '../helpers/store.js';
import { until } from '../helpers/until.js';

const linux = fs.existsSync('/proc/thread-self/stat');
const base = os.getPriority();

/** This process's threads that run `steps` nice steps below it. */
function nicedThreads(steps: number): number {
  let count = 0;
  for (const tid of fs.readdirSync('/proc/self/task')) {
    try {
      // Field 19 of stat is the nice value; the command name (field 2) may hold spaces, so count from its ')'.
      const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const nice = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
      if (nice === Math.min(19, base + steps)) count++;
    } catch {
      // The thread ended while we looked.
    }
  }
  return count;
}

const anyEvent: Event = { id: '0'.repeat(64), pubkey: '1'.repeat(64), created_at: 1, kind: 1, tags: [], content: '', sig: '2'.repeat(128) };

describe.skipIf(!linux)('background threads (Linux)', () => {
  const open = tempStores();
  const closing: Array<SignatureVerifier | StoreWriter> = [];
  afterEach(() => {
    for (const thing of closing.splice(0)) thing.close();
  });

  it('the cache writer thread runs ten steps below the main thread, the main thread unchanged', async () => {
    expect(nicedThreads(10)).toBe(0);
    const store = open();
    const writer = startWriterThread({ file: store.file, maxBytes: 1 << 20, onDamage: () => {} })!;
    closing.push(writer);
    await until(() => writer.ready, 'the writer thread to load');
    expect(nicedThreads(10)).toBe(1);
    expect(os.getPriority()).toBe(base);
  });

  for (const [kind, make] of [
    ['native', () => nativeWorkerVerifier({ threads: 1, startAfter: 0 })],
    ['nostr-wasm', () => workerVerifier({ threads: 1, startAfter: 0 })],
  ] as const) {
    it(`a ${kind} verify worker runs ten steps below the main thread`, async () => {
      const verifier = make();
      if (!verifier) return expect(kind).toBe('native'); // the binding did not build here
      closing.push(verifier);
      // The thread of the test before ends after its close() returned.
      await until(() => nicedThreads(10) === 0, 'earlier workers to end');
      await verifier.verify(anyEvent);
      await until(() => {
        void verifier.verify(anyEvent);
        return verifier.name.includes('worker thread');
      }, 'the worker to load');
      expect(nicedThreads(10)).toBe(1);
      expect(os.getPriority()).toBe(base);
    });
  }
});

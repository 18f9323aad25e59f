// The verifiers agree with nostr-tools on valid, badly signed and forged events,
// whether the check runs on the main thread or in worker threads.
import type { Event } from 'nostr-tools';
import { generateSecretKey } from 'nostr-tools/pure';
import { afterAll, describe, expect, it } from 'vitest';
import { mainThreadVerifier, workerVerifier } from '../../src/net/verify.js';
import { signed, withBadSig, withForgedContent } from '../helpers/fault-relay.js';

const sk = generateSecretKey();
const good = Array.from({ length: 300 }, (_, i) => signed(sk, { created_at: 1_700_000_000 + i, content: `n${i}` }));
const badSig = withBadSig(good[0]!, good[1]!);
const forged = withForgedContent(good[2]!, 'changed');
const cases: Array<[Event, boolean]> = [...good.map((e): [Event, boolean] => [e, true]), [badSig, false], [forged, false]];

describe('verifiers', () => {
  const workers = workerVerifier({ threads: 2, startAfter: 0 });
  afterAll(() => workers.close());

  it('main thread (nostr-wasm) and worker threads give the same answers', async () => {
    const main = mainThreadVerifier();
    expect(await Promise.all(cases.map(([e]) => main.verify(e)))).toEqual(cases.map(([, ok]) => ok));
    expect(main.name).toBe('nostr-wasm');

    // The first calls are answered on the main thread while the workers start; then by the workers.
    await Promise.all(cases.map(([e]) => workers.verify(e)));
    let viaWorkers = 0;
    for (let attempt = 0; attempt < 200 && viaWorkers === 0; attempt++) {
      const results = cases.map(([e]) => workers.verify(e));
      viaWorkers = results.filter((r) => r instanceof Promise).length;
      expect(await Promise.all(results)).toEqual(cases.map(([, ok]) => ok));
      if (viaWorkers === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    expect(viaWorkers).toBe(cases.length);
    expect(workers.name).toBe('nostr-wasm × 2 worker threads');
  });
});

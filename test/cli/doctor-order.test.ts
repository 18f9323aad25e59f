// `nostr-tui doctor` times each relay's round trip with the main thread free. The verifier's
// timing loop holds the main thread for its whole window (native checks never yield to the
// event loop); run alongside it, a relay on this machine read 316 ms instead of 12.
import fs from 'node:fs';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { runInProcess, tempHome } from '../helpers/in-process-cli.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';

const order: string[] = [];

vi.mock('../../src/commands/run/doctor-checks.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/commands/run/doctor-checks.js')>();
  const traced =
    <A extends unknown[], R>(name: string, check: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      order.push(`${name} start`);
      try {
        return await check(...args);
      } finally {
        order.push(`${name} end`);
      }
    };
  return { ...real, checkRelays: traced('relays', real.checkRelays), checkVerifier: traced('verifier', real.checkVerifier) };
});

let relay: TestRelay;
beforeAll(async () => {
  relay = await startRelay();
});
afterAll(async () => {
  await relay.stop();
});

it('checks the relays, then the verifier, never both at once', async () => {
  const home = tempHome('nostr-tui-doctor-order-');
  const nowSec = Math.floor(Date.now() / 1000);
  try {
    expect((await runInProcess(['key', 'generate'], { home, nowSec })).code).toBe(0);
    fs.writeFileSync(`${home}/config.json`, JSON.stringify({ relays: [{ url: relay.url, read: true, write: true }] }), { mode: 0o600 });
    const result = await runInProcess(['doctor', '--json'], { home, nowSec });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).relays).toEqual([expect.objectContaining({ url: relay.url, reachable: true })]);
    expect(order).toEqual(['relays start', 'relays end', 'verifier start', 'verifier end']);
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
});

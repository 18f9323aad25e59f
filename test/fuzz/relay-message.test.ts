// Issue #6: the relay message parser survives generated hostile input: it never throws,
// never hangs, and whatever it accepts has the NIP-01 shape downstream code relies on.
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { runFuzz, summary, type FuzzRun } from './harness.js';

const run: FuzzRun = {
  module: fileURLToPath(new URL('./targets/relay-message.ts', import.meta.url)),
  seed: 0x6e6f7374,
  count: 20_000,
  hangMs: 10_000,
};

it(`parseRelayMessage: ${run.count} hostile messages, seed ${run.seed}`, async () => {
  const report = await runFuzz(run);
  console.log(summary('parseRelayMessage', run, report));
  expect(report.hung).toBeUndefined();
  expect(report.problems).toEqual([]);
  expect(report.cases).toBe(run.count);
}, 300_000);

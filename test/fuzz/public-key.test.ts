// Issue #6: the NIP-19 decoder behind every key a user types survives generated hostile
// input: a hex key or a UserError, never another exception, never a hang, never a secret echoed.
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { runFuzz, summary, type FuzzRun } from './harness.js';

const run: FuzzRun = {
  module: fileURLToPath(new URL('./targets/public-key.ts', import.meta.url)),
  seed: 0x6e703139,
  count: 20_000,
  hangMs: 10_000,
};

it(`parsePublicKey / parseKeyInput: ${run.count} hostile inputs, seed ${run.seed}`, async () => {
  const report = await runFuzz(run);
  console.log(summary('parsePublicKey', run, report));
  expect(report.hung).toBeUndefined();
  expect(report.problems).toEqual([]);
  expect(report.cases).toBe(run.count);
}, 300_000);

// Issue #6: the key file loader and NIP-49 decryption survive generated hostile input:
// a key or a UserError, never another exception, never a hang on a crafted scrypt cost.
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { runFuzz, summary, type FuzzRun } from './harness.js';

const run: FuzzRun = {
  module: fileURLToPath(new URL('./targets/keys-file.ts', import.meta.url)),
  seed: 0x6b657973,
  count: 1_500,
  hangMs: 10_000,
};

it(`keys.json loader and ncryptsec decryption: ${run.count} hostile inputs, seed ${run.seed}`, async () => {
  const report = await runFuzz(run);
  console.log(summary('keys file', run, report));
  expect(report.hung).toBeUndefined();
  expect(report.problems).toEqual([]);
  expect(report.cases).toBe(run.count);
}, 300_000);

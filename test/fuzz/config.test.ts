// Issue #6: the config loader survives generated hostile files: well-typed relays or a
// UserError naming the file (and field), never another exception, never a hang, and a file
// it refused is never overwritten.
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { runFuzz, summary, type FuzzRun } from './harness.js';

const run: FuzzRun = {
  module: fileURLToPath(new URL('./targets/config.ts', import.meta.url)),
  seed: 0x636f6e66,
  count: 2_000,
  hangMs: 10_000,
};

it(`config loader: ${run.count} hostile config files, seed ${run.seed}`, async () => {
  const report = await runFuzz(run);
  console.log(summary('config loader', run, report));
  expect(report.hung).toBeUndefined();
  expect(report.problems).toEqual([]);
  expect(report.cases).toBe(run.count);
}, 300_000);

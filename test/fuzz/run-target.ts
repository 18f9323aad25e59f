// The worker side of the fuzz harness: generate each case from the seed, run it,
// and record anything that escaped the target's boundary or broke its contract.
import { pathToFileURL } from 'node:url';
import { Fuzz } from '../helpers/fuzz.js';
import type { FuzzJob, FuzzReport, FuzzTarget } from './types.js';

const MAX_RECORDED = 10;

export function preview(input: unknown): string {
  let text: string;
  try {
    text = typeof input === 'string' ? JSON.stringify(input) : JSON.stringify(input, (_, v) => (v instanceof Uint8Array ? `<${v.length} bytes>` : v));
  } catch {
    text = String(input);
  }
  text ??= String(input);
  return text.length > 300 ? `${text.slice(0, 300)}… (${text.length} chars)` : text;
}

export async function runTarget(job: FuzzJob): Promise<FuzzReport> {
  const { target } = (await import(pathToFileURL(job.module).href)) as { target: FuzzTarget<unknown> };
  const progress = new Int32Array(job.progress);
  const fuzz = new Fuzz(job.seed);
  const problems: FuzzReport['problems'] = [];
  let problemCount = 0;
  let slowest = { case: -1, ms: 0 };
  await target.setup?.();
  let index = 0;
  try {
    for (; index < job.count; index++) {
      Atomics.store(progress, 0, index);
      const input = target.generate(fuzz, index);
      const started = performance.now();
      let problem: string | undefined;
      try {
        problem = await target.check(input);
      } catch (error) {
        problem = `threw out of its boundary: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
      }
      const ms = performance.now() - started;
      if (ms > slowest.ms) slowest = { case: index, ms: Math.round(ms * 10) / 10 };
      if (problem !== undefined) {
        problemCount++;
        if (problems.length < MAX_RECORDED) problems.push({ case: index, input: preview(input), problem: problem.slice(0, 500) });
      }
    }
  } finally {
    await target.teardown?.();
  }
  return { cases: index, problemCount, problems, slowest, coverage: target.coverage?.() };
}

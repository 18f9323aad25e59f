// The test side of the fuzz harness: runs a target in a worker thread and stops it
// if one case runs longer than `hangMs` — a hang is a failure like a throw.
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Fuzz } from '../helpers/fuzz.js';
import { preview } from './run-target.js';
import type { FuzzReport, FuzzTarget } from './types.js';

const WORKER = fileURLToPath(new URL('./worker.mjs', import.meta.url));

export interface FuzzRun {
  /** Path of a module exporting `target: FuzzTarget`. */
  module: string;
  seed: number;
  count: number;
  /** A single case running this long is a hang (a generous bound: this is not a benchmark). */
  hangMs: number;
}

export async function runFuzz(run: FuzzRun): Promise<FuzzReport> {
  const progress = new SharedArrayBuffer(4);
  const current = new Int32Array(progress);
  // -1 until the first case starts: loading TypeScript in the worker is not a hang.
  Atomics.store(current, 0, -1);
  const worker = new Worker(WORKER, { workerData: { module: run.module, seed: run.seed, count: run.count, progress } });
  let lastCase = -1;
  let lastChange = Date.now();
  /** Set when the harness itself ends the worker (report received, or a hang). */
  let stopped = false;
  return new Promise<FuzzReport>((resolve, reject) => {
    const watchdog = setInterval(() => {
      const now = Atomics.load(current, 0);
      if (now < 0) {
        lastChange = Date.now();
      } else if (now !== lastCase) {
        lastCase = now;
        lastChange = Date.now();
      } else if (Date.now() - lastChange > run.hangMs) {
        clearInterval(watchdog);
        stopped = true;
        void worker.terminate();
        void replay(run, now).then((input) =>
          resolve({ cases: now, problemCount: 1, problems: [], slowest: { case: now, ms: Infinity }, hung: { case: now, input } }),
        );
      }
    }, 100);
    worker.once('message', (report: FuzzReport) => {
      clearInterval(watchdog);
      stopped = true;
      void worker.terminate();
      resolve(report);
    });
    worker.once('error', (error) => {
      clearInterval(watchdog);
      reject(error);
    });
    // A target that ends its thread (process.exit, a fatal error) must fail the run, not stall it.
    worker.once('exit', (code) => {
      clearInterval(watchdog);
      if (!stopped) reject(new Error(`the fuzz worker exited (code ${code}) before reporting; last case started: ${Atomics.load(current, 0)}`));
    });
  });
}

/** The input of case `index`, regenerated from the seed (generation is deterministic). */
async function replay(run: FuzzRun, index: number): Promise<string> {
  const { target } = (await import(run.module)) as { target: FuzzTarget<unknown> };
  const fuzz = new Fuzz(run.seed);
  let input: unknown;
  for (let i = 0; i <= index; i++) input = target.generate(fuzz, i);
  return preview(input);
}

/** One line for the test log: the figures the issue asks to report. */
export function summary(name: string, run: FuzzRun, report: FuzzReport): string {
  const coverage = Object.entries(report.coverage ?? {})
    .sort(([, a], [, b]) => b - a)
    .map(([outcome, n]) => `${outcome}: ${n}`)
    .join('; ');
  return (
    `fuzz ${name}: ${report.cases} cases run (seed ${run.seed}), ${report.problemCount} problems, ` +
    `slowest case #${report.slowest.case} ${report.slowest.ms} ms${coverage ? `\n  outcomes: ${coverage}` : ''}`
  );
}

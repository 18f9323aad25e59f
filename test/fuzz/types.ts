import type { Fuzz } from '../helpers/fuzz.js';

/** One fuzzed boundary: how to make the i-th case and how to judge it. */
export interface FuzzTarget<Input> {
  /** The case for `index`; called in order on one seeded Fuzz, so a seed replays exactly. */
  generate(fuzz: Fuzz, index: number): Input;
  /** Runs the case; returns what was wrong, or undefined. A throw counts as an escape. */
  check(input: Input): string | undefined | Promise<string | undefined>;
  setup?(): void | Promise<void>;
  /** How the cases were answered (e.g. accepted / each drop reason), to show the run reached every path. */
  coverage?(): Record<string, number>;
  teardown?(): void | Promise<void>;
}

export interface FuzzJob {
  module: string;
  seed: number;
  count: number;
  /** SharedArrayBuffer of one Int32: the case now running, read by the hang watchdog. */
  progress: SharedArrayBuffer;
}

export interface FuzzReport {
  cases: number;
  problemCount: number;
  problems: { case: number; input: string; problem: string }[];
  slowest: { case: number; ms: number };
  coverage?: Record<string, number>;
  /** Set when a case ran longer than the hang limit and the worker was stopped. */
  hung?: { case: number; input: string };
}

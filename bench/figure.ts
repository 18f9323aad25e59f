// The contract between the harness (bench/run.ts) and a figure.
//
// Adding a figure is one file: bench/figures/<name>.ts whose default export is
//   export default async function (ctx: BenchContext): Promise<Figure | Figure[]>
// The harness finds it by itself. A figure that needs another one's result
// (e.g. store-write divides by ingest) asks `await ctx.figure('ingest')`: each
// figure runs at most once per run. Measure the figure and its baseline in the
// same process, interleaved; generate and sign inputs before timing.

export interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline: number;
  /** value / baseline; which way is better is said in `note`. */
  ratio: number;
  note?: string;
}

export interface BenchContext {
  /** The result of another figure of this run (measured now if it has not been). */
  figure(name: string): Promise<Figure>;
  /** Progress for people; goes to stderr, never into --json output. */
  log(message: string): void;
}

export type FigureModule = { default?: (ctx: BenchContext) => Promise<Figure | Figure[]> };

export const ratio = (value: number, baseline: number): number => Number((value / baseline).toFixed(2));

export const median = (xs: number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

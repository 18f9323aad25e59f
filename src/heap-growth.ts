// How far V8 lets the heap grow past what is live before its next full collection (issue #16 item 5).
// V8 picks a factor of up to 4 when collections look cheap (and "cheap" depends on how busy the
// cores are): measured on rss-flood (150,000 events streamed into a Global-like feed, live heap
// ~42 MB once every cap is reached), peak RSS was 188-251 MB over three runs with V8's choice,
// 169-172 MB at 1.5, 184-186 MB at 2; process CPU 19.7-20.2 s vs 19.5-22.0 s at 1.5, within the
// noise of a shared machine; more full collections (8 instead of 3 on that flood), none pausing
// the main thread longer than before (at most 17 ms vs 16 ms, --trace-gc). A 10,000-event start-up is unchanged (below V8's minimum step of
// 16 MB between collections, the factor does not apply). Set once, from the CLI's entry; V8 reads
// the flag at every collection, so setting it after start-up works.
import v8 from 'node:v8';

/** The heap may grow to 1.5 times what is live before the next full collection. */
export const HEAP_GROWING_PERCENT = 50;

let applied = false;

/** Caps V8's heap growth factor, unless the user gave node a factor of their own. */
export function limitHeapGrowth(execArgv: readonly string[] = process.execArgv): void {
  if (applied || execArgv.some((arg) => /^--heap[-_]growing[-_]percent/.test(arg))) return;
  applied = true;
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}

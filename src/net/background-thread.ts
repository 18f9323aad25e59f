// Worker threads doing throughput work (signature checks, cache writes) run at a
// lower priority than the main thread (issue #17). With as many busy workers as
// cores, the main thread and V8's collector threads waited for a core: measured
// in frame-stall (three interleaved runs each, 2 cores), the worst UI gap with the
// store off was 53-78 ms with every thread equal and 32-36 ms with the workers
// niced; collections 25-60 ms and 19-26 ms; ingest throughput unchanged.
//
// Linux only: there a thread has its own nice value, set through its thread id
// (/proc/thread-self). Elsewhere this does nothing. Ten steps below the process,
// never above it.

/** CommonJS, evaluated at the top of a worker's source. */
export const BACKGROUND_THREAD_SOURCE = `
try {
  const os = require('node:os');
  const tid = Number(require('node:fs').readFileSync('/proc/thread-self/stat', 'utf8').split(' ')[0]);
  os.setPriority(tid, Math.min(19, os.getPriority(tid) + 10));
} catch {}
`;

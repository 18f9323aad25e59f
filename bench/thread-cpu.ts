// CPU time per thread of this process (/proc/self/task), so a throughput figure can say where the
// machine's cores went: on a 2-core machine the relays' thread, V8's helper threads and ours share
// them. Linux only; undefined elsewhere. A worker learns its own thread id by evaluating
// THREAD_ID_SOURCE (its /proc/thread-self), as the memory relays' worker does.
import fs from 'node:fs';

/** CPU ms (user + system) per thread id. */
function sample(): Map<number, number> | undefined {
  try {
    const ticks = new Map<number, number>();
    for (const tid of fs.readdirSync('/proc/self/task')) {
      try {
        const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
        // Fields after "pid (comm) ": state is field 3; utime and stime are fields 14 and 15.
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        ticks.set(Number(tid), Number(fields[11]) + Number(fields[12]));
      } catch {
        // The thread ended between the listing and the read.
      }
    }
    return ticks;
  } catch {
    return undefined;
  }
}

/** Clock ticks are 1/100 s on Linux (USER_HZ), whatever the kernel's own rate. */
const TICK_MS = 10;

export interface ThreadCpu {
  /** ms per thread id over the measured span. */
  byThread: Map<number, number>;
  total: number;
}

/** Starts measuring; the returned function gives each thread's CPU ms since. */
export function threadCpuMeter(): () => ThreadCpu | undefined {
  const start = sample();
  return () => {
    const end = sample();
    if (!start || !end) return undefined;
    const byThread = new Map<number, number>();
    let total = 0;
    for (const [tid, ticks] of end) {
      const ms = (ticks - (start.get(tid) ?? 0)) * TICK_MS;
      if (ms <= 0) continue;
      byThread.set(tid, ms);
      total += ms;
    }
    return { byThread, total };
  };
}

/** Source text for a worker to learn its own thread id (the first field of /proc/thread-self/stat); undefined off Linux. */
export const THREAD_ID_SOURCE = `(() => { try { return Number(require('node:fs').readFileSync('/proc/thread-self/stat', 'utf8').split(' ')[0]); } catch { return undefined; } })()`;

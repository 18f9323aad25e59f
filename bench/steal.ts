// CPU time the hypervisor gave to other guests ("steal", /proc/stat) while a figure ran: on a
// shared virtual machine it delays the main thread as much as our own work does, so a worst-gap
// figure is read with it. Linux only; undefined elsewhere.
import fs from 'node:fs';

function cpuTimes(): { steal: number; total: number } | undefined {
  try {
    const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
    const fields = line.trim().split(/\s+/).slice(1, 9).map(Number);
    return { steal: fields[7] ?? 0, total: fields.reduce((a, b) => a + b, 0) };
  } catch {
    return undefined;
  }
}

/** Starts measuring; the returned function gives the share of CPU time stolen since, in percent. */
export function stealMeter(): () => number | undefined {
  const start = cpuTimes();
  return () => {
    const end = cpuTimes();
    if (!start || !end || end.total === start.total) return undefined;
    return Math.round((100 * (end.steal - start.steal)) / (end.total - start.total));
  };
}

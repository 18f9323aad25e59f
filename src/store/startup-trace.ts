// Where start-up time goes (issue #17): named points since the process
// started, written to the file NOSTR_TUI_STARTUP_TRACE names (bench/figures/
// first-frame.ts reads it), one "name ms" line each, as they happen (the bench
// kills the process once the first frame shows). Without the variable it
// costs one environment lookup.
import { appendFileSync } from 'node:fs';

export function startupMark(name: string): void {
  const file = process.env.NOSTR_TUI_STARTUP_TRACE;
  if (!file) return;
  try {
    appendFileSync(file, `${name} ${performance.now().toFixed(1)}\n`);
  } catch {
    // A trace that cannot be written is no reason to fail a start.
  }
}

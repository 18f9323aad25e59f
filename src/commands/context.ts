import type { Clock } from '../core/clock.js';
import type { Paths } from '../store/paths.js';

/**
 * What every command handler gets: its streams, environment and clock, passed
 * in so tests (and the interactive UI) can substitute them.
 */
export interface CommandContext {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number; rows?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  clock: Clock;
  paths: Paths;
  /** Set by a handler whose operation failed without throwing (e.g. no relay accepted). */
  exitCode: number;
}

/** Global options every command accepts. */
export interface GlobalArgs {
  /** `--relay <url>` (repeatable): replaces the configured relays for this run. */
  relay?: string[];
}

export const writeLine = (stream: NodeJS.WritableStream, line = ''): void => {
  stream.write(line + '\n');
};

// The built CLI in a real pseudo-terminal (node-pty), for end-to-end runs of
// the interactive UI and the first-frame benchmark.
import { stripVTControlCharacters } from 'node:util';
import { spawn as spawnPty, type IPty } from 'node-pty';
import { BIN } from '../helpers/cli.js';

export interface PtyRun {
  pty: IPty;
  /** Everything written to the terminal so far, raw. */
  output(): string;
  /** The output with escape sequences removed. */
  text(): string;
  write(data: string): void;
  /** Resolves when the output matches; rejects after `timeoutMs`, naming what was seen. */
  waitFor(check: (text: string, raw: string) => boolean, timeoutMs?: number): Promise<void>;
  exited: Promise<{ exitCode: number; signal?: number }>;
}

export function runInPty(args: string[], env: NodeJS.ProcessEnv, size = { cols: 80, rows: 24 }): PtyRun {
  const pty = spawnPty(process.execPath, [BIN, ...args], {
    name: 'xterm-256color',
    ...size,
    env: { ...process.env, ...env } as Record<string, string>,
  });
  let raw = '';
  const waiters = new Set<() => void>();
  pty.onData((data) => {
    raw += data;
    for (const w of waiters) w();
  });
  const exited = new Promise<{ exitCode: number; signal?: number }>((resolve) => pty.onExit((e) => {
    for (const w of waiters) w();
    resolve(e);
  }));
  let done = false;
  void exited.then(() => (done = true));
  return {
    pty,
    output: () => raw,
    text: () => stripVTControlCharacters(raw),
    write: (data) => pty.write(data),
    waitFor(check, timeoutMs = 15_000) {
      return new Promise<void>((resolve, reject) => {
        const test = () => {
          if (check(stripVTControlCharacters(raw), raw)) {
            cleanup();
            resolve();
          } else if (done) {
            cleanup();
            reject(new Error(`the program exited before the expected output; it wrote:\n${stripVTControlCharacters(raw).slice(-2000)}`));
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`timed out waiting for output; last seen:\n${stripVTControlCharacters(raw).slice(-1400)}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(test);
        };
        waiters.add(test);
        test();
      });
    },
    exited,
  };
}

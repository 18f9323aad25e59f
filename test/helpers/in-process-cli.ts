// The CLI's main() in this process, with its own streams, a fixed clock and a
// NOSTR_TUI_HOME of its own: for tests that need an injected clock (the built
// binary reads the real one) or many quick runs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import type { Event } from 'nostr-tools';
import { main } from '../../src/cli.js';
import type { CommandContext } from '../../src/commands/context.js';
import { resolvePaths } from '../../src/store/paths.js';

export interface InProcessResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A fresh home directory for `runInProcess`. */
export const tempHome = (prefix = 'nostr-tui-cli-'): string => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

export async function runInProcess(argv: string[], opts: { home: string; nowSec: number; env?: NodeJS.ProcessEnv }): Promise<InProcessResult> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  const ctx: CommandContext = {
    stdout,
    stderr,
    stdin: new PassThrough(),
    env: { ...opts.env, NOSTR_TUI_HOME: opts.home },
    clock: { now: () => opts.nowSec * 1000 },
    paths: resolvePaths({ NOSTR_TUI_HOME: opts.home }),
    exitCode: 0,
  };
  const code = await main(argv, ctx);
  return { code, stdout: out, stderr: err };
}

/** The events of `--json` output, one per line. */
export const jsonLines = (stdout: string): Event[] =>
  stdout.trim() ? stdout.trim().split('\n').map((line) => JSON.parse(line) as Event) : [];

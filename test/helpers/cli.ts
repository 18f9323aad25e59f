// Runs the built CLI (bin/nostr-tui.js -> dist/) with its own NOSTR_TUI_HOME,
// optionally feeding stdin, and returns what a user would see.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const BIN = path.resolve(import.meta.dirname, '../../bin/nostr-tui.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** Written to stdin, then stdin is closed. Without it stdin is empty (closed at once). */
  stdin?: string;
  /** Extra environment; NOSTR_TUI_PASSPHRASE is removed unless given here. */
  env?: NodeJS.ProcessEnv;
}

/** A fresh NOSTR_TUI_HOME and a runner bound to it. */
export function cliHome(prefix = 'nostr-tui-cli-') {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return {
    home,
    file: (name: string) => path.join(home, name),
    run: (args: string[], opts: CliOptions = {}) => runCli(home, args, opts),
  };
}

export function runCli(home: string, args: string[], opts: CliOptions = {}): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', NOSTR_TUI_HOME: home, ...opts.env };
  if (!opts.env || !('NOSTR_TUI_PASSPHRASE' in opts.env)) delete env.NOSTR_TUI_PASSPHRASE;
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdin.on('error', () => {}); // the CLI may exit before reading stdin
  child.stdin.end(opts.stdin ?? '');
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

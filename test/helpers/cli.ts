// Runs the built CLI (bin/nostr-tui.cjs -> dist/) as a user would: a child
// process with its own environment, optional stdin, and what it printed.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { nsecEncode } from 'nostr-tools/nip19';
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';

export const BIN = path.resolve(import.meta.dirname, '../../bin/nostr-tui.cjs');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RawCliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: Buffer;
  stderr: Buffer;
}

export interface CliOptions {
  /** Written to stdin, then stdin is closed. Without it stdin is empty (closed at once). */
  stdin?: string;
}

/**
 * The CLI with `env` over this process's environment (NO_COLOR set). A
 * passphrase from the environment running the tests is never passed on
 * unless `env` gives one.
 */
export function spawnCli(args: string[], env: NodeJS.ProcessEnv, opts: CliOptions = {}): ChildProcess {
  const full: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...env };
  if (!('NOSTR_TUI_PASSPHRASE' in env)) delete full.NOSTR_TUI_PASSPHRASE;
  const child = spawn(process.execPath, [BIN, ...args], { env: full, stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin!.on('error', () => {}); // the CLI may exit before reading stdin
  child.stdin!.end(opts.stdin ?? '');
  return child;
}

/** A spawned CLI read while it runs: what it printed so far, whether it has exited, and how to stop it (Ctrl-C). */
export function runningCli(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawnCli(args, env);
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk));
  let exited = false;
  const closed = new Promise((resolve) => child.on('close', resolve)).then(() => (exited = true));
  return {
    stdout: () => out,
    exited: () => exited,
    /** SIGINT, as Ctrl-C sends, and its exit. */
    async interrupt(): Promise<void> {
      child.kill('SIGINT');
      await closed;
    },
  };
}

/** Collects the output of a spawned CLI, byte for byte, until it exits. */
export function finishedRaw(child: ChildProcess): Promise<RawCliResult> {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout: Buffer.concat(out), stderr: Buffer.concat(err) }));
  });
}

/** Collects the output of a spawned CLI until it exits. */
export async function finished(child: ChildProcess): Promise<CliResult> {
  const raw = await finishedRaw(child);
  return { ...raw, stdout: raw.stdout.toString('utf8'), stderr: raw.stderr.toString('utf8') };
}

export const runCli = (args: string[], env: NodeJS.ProcessEnv, opts: CliOptions = {}): Promise<CliResult> =>
  finished(spawnCli(args, env, opts));

/** A fresh NOSTR_TUI_HOME and a runner bound to it. */
export function cliHome(prefix = 'nostr-tui-cli-') {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return {
    home,
    file: (name: string) => path.join(home, name),
    run: (args: string[], opts: CliOptions & { env?: NodeJS.ProcessEnv } = {}) =>
      runCli(args, { ...opts.env, NOSTR_TUI_HOME: home }, opts),
  };
}

/** A fresh home holding a new key, imported as a user would (`key import <nsec>`). */
export async function cliUser(prefix = 'nostr-tui-cli-') {
  const secretKey = generateSecretKey();
  const cli = cliHome(prefix);
  const imported = await cli.run(['key', 'import', nsecEncode(secretKey)]);
  if (imported.code !== 0) throw new Error(`key import failed (${imported.code}): ${imported.stderr}`);
  return { cli, secretKey, pubkey: getPublicKey(secretKey) };
}


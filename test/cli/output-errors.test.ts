// Output that cannot be written (a full disk; here /dev/full, which fails every write with
// ENOSPC) is one line on stderr and exit 1, never a Node stack trace. A reader that stopped
// reading (EPIPE) stays quiet: see small-hardening.test.ts.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { nsecEncode } from 'nostr-tools/nip19';
import { finalizeEvent, generateSecretKey } from 'nostr-tools/pure';
import { describe, expect, it, vi } from 'vitest';
import { BIN, cliHome } from '../helpers/cli.js';
import { relayForFile } from '../helpers/file-relay.js';

vi.setConfig({ testTimeout: 90_000 });

const relay = relayForFile();
const FULL = 'nostr-tui: cannot write the output (ENOSPC: no space left on device)\n';

/** The built CLI with its stdout on /dev/full; what it wrote to stderr, and its exit. */
function toFullDisk(args: string[], home: string): Promise<{ code: number | null; stderr: string }> {
  const out = fs.openSync('/dev/full', 'w');
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, NOSTR_TUI_HOME: home, NO_COLOR: '1' },
    stdio: ['ignore', out, 'pipe'],
  });
  fs.closeSync(out);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe.runIf(fs.existsSync('/dev/full'))('output to a full disk', () => {
  it('key show --json, timeline and thread: one line, exit 1, no stack trace', async () => {
    const sk = generateSecretKey();
    const cli = cliHome('nostr-tui-full-');
    expect((await cli.run(['key', 'import', nsecEncode(sk), '--no-adopt'])).code).toBe(0);
    const note = finalizeEvent({ kind: 1, created_at: Math.floor(Date.now() / 1000) - 60, tags: [], content: 'to print' }, sk);
    await relay.seed(note);
    for (const args of [['key', 'show', '--json'], ['timeline', '--global', '--relay', relay.url], ['thread', note.id, '--relay', relay.url]]) {
      const result = await toFullDisk(args, cli.home);
      expect(result.code, args.join(' ')).toBe(1);
      // What went to stderr before (timeline's line per relay) stays; the failure is its last line.
      expect(result.stderr.endsWith(FULL), result.stderr).toBe(true);
      expect(result.stderr).not.toMatch(/Error|\n\s+at /);
    }
  });
});

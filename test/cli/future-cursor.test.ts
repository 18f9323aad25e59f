// Issue #16 item 3 through the CLI: one note dated ten years ahead on a relay must not make every
// later `timeline` ask that relay only for events after that date (the cache's "newer than what I
// have" cursor). Two runs with the same cache, a fixed clock, the real relay.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { finalizeEvent, generateSecretKey } from 'nostr-tools/pure';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import type { CommandContext } from '../../src/commands/context.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';

const NOW = 1_700_000_000;
const author = generateSecretKey();

async function run(dir: string, argv: string[], nowSec: number) {
  const stdout = new PassThrough();
  let out = '';
  stdout.on('data', (c) => (out += c));
  const ctx: CommandContext = {
    stdout,
    stderr: new PassThrough(),
    stdin: new PassThrough(),
    env: { NOSTR_TUI_HOME: dir },
    clock: { now: () => nowSec * 1000 },
    paths: (await import('../../src/store/paths.js')).resolvePaths({ NOSTR_TUI_HOME: dir }),
    exitCode: 0,
  };
  const code = await main(argv, ctx);
  return { code, stdout: out };
}

describe('a note dated ten years ahead, then new notes', () => {
  let relay: TestRelay;
  let dir: string;
  beforeAll(async () => {
    relay = await startRelay();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-future-'));
  });
  afterAll(async () => {
    await relay.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a later timeline run still shows the notes written after it', async () => {
    const future = finalizeEvent({ kind: 1, created_at: NOW + 10 * 365 * 86_400, tags: [], content: 'from the future' }, author);
    const old = finalizeEvent({ kind: 1, created_at: NOW - 60, tags: [], content: 'before' }, author);
    await relay.seed(future, old);
    const first = await run(dir, ['timeline', '--global', '--json', '--relay', relay.url], NOW);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(old.id);

    const fresh = finalizeEvent({ kind: 1, created_at: NOW + 30, tags: [], content: 'written later' }, author);
    await relay.seed(fresh);
    const second = await run(dir, ['timeline', '--global', '--json', '--relay', relay.url], NOW + 60);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(fresh.id);
    expect(second.stdout).toContain(old.id);
  });
});

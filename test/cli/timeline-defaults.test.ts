// `nostr-tui timeline` with neither --since nor --limit: the documented defaults, 24 hours
// and 50 notes, pinned at their edges against a real relay, in-process with a fixed clock.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import type { Event } from 'nostr-tools';
import { generateSecretKey } from 'nostr-tools/pure';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import type { CommandContext } from '../../src/commands/context.js';
import { resolvePaths } from '../../src/store/paths.js';
import { signed } from '../helpers/fault-relay.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';

const NOW = 1_700_000_000;
const DAY = 24 * 60 * 60;
const sk = generateSecretKey();

async function timeline(relay: string): Promise<{ code: number; ids: string[]; stderr: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-defaults-'));
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
    env: { NOSTR_TUI_HOME: dir },
    clock: { now: () => NOW * 1000 },
    paths: resolvePaths({ NOSTR_TUI_HOME: dir }),
    exitCode: 0,
  };
  const code = await main(['timeline', '--json', '--relay', relay], ctx);
  return { code, ids: out.trim().split('\n').filter(Boolean).map((line) => (JSON.parse(line) as Event).id), stderr: err };
}

describe('timeline defaults', () => {
  let window: TestRelay;
  let many: TestRelay;
  // Edges of the 24 h window (NOW - DAY is the oldest time shown).
  const inside = signed(sk, { created_at: NOW - DAY + 1, content: '23:59:59 ago' });
  const edge = signed(sk, { created_at: NOW - DAY, content: 'exactly 24 h ago' });
  const outside = signed(sk, { created_at: NOW - DAY - 1, content: '24:00:01 ago' });
  // 60 notes within the hour, one a minute: the newest 50 are shown.
  const recent = Array.from({ length: 60 }, (_, i) => signed(sk, { created_at: NOW - 60 * (i + 1), content: `note ${i}` }));

  beforeAll(async () => {
    [window, many] = await Promise.all([startRelay(), startRelay()]);
    await window.seed(inside, edge, outside);
    await many.seed(...recent);
  });
  afterAll(async () => {
    await Promise.all([window.stop(), many.stop()]);
  });

  it('without --since it reaches back exactly 24 hours', async () => {
    const result = await timeline(window.url);
    expect(result.code).toBe(0);
    expect(result.ids).toEqual([inside.id, edge.id]);
  });

  it('without --limit it prints the 50 newest notes', async () => {
    const result = await timeline(many.url);
    expect(result.code).toBe(0);
    // Stated independently of the code's sort: one a minute, so index order is newest first.
    expect(result.ids).toEqual(recent.slice(0, 50).map((e) => e.id));
  });
});

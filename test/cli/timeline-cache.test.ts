// Issue 10, point 1: the cache never decides what exists. A narrow command
// fills the cache with a few notes; a wider one must still print everything
// the relay holds for it (before the fix it printed the 5 cached notes only).
// With no relay answering, the cache is shown, and the warning says what happened.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Event } from 'nostr-tools';
import { generateSecretKey } from 'nostr-tools/pure';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signed, startFaultRelay } from '../helpers/fault-relay.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';
import { jsonLines, runInProcess } from '../helpers/in-process-cli.js';

const NOW = 1_700_000_000;
const people = [0, 1, 2].map(() => generateSecretKey());
/** 60 notes, one every 20 minutes: all within the last day. */
const notes: Event[] = Array.from({ length: 60 }, (_, i) => signed(people[i % 3]!, { created_at: NOW - 60 - i * 1_200, content: `note ${i}` }));

async function run(dir: string, argv: string[]) {
  const { code, stdout } = await runInProcess(argv, { home: dir, nowSec: NOW });
  return { code, ids: jsonLines(stdout).map((event) => event.id) };
}

describe('timeline with a warm cache', () => {
  let relay: TestRelay;
  beforeAll(async () => {
    relay = await startRelay();
    await relay.seed(...notes);
  });
  afterAll(async () => {
    await relay.stop();
  });

  it('`--limit 5` then `--limit 50 --since 2d` prints 50 notes, the same as with an empty cache', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-cache-'));
    const first = await run(dir, ['timeline', '--global', '--json', '--limit', '5', '--relay', relay.url]);
    expect(first.ids).toEqual(notes.slice(0, 5).map((e) => e.id));
    const second = await run(dir, ['timeline', '--global', '--json', '--limit', '50', '--since', '2d', '--relay', relay.url]);
    expect(second.code).toBe(0);
    expect(second.ids).toEqual(notes.slice(0, 50).map((e) => e.id));
  });

  it('no relay answering: the cached notes, exit 0, and a warning that blames no network when a relay refused', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-cache-'));
    expect((await run(dir, ['timeline', '--global', '--json', '--limit', '5', '--relay', relay.url])).code).toBe(0);
    const refusing = await startFaultRelay({ onReq: (req) => req.closed('blocked: not today') });
    try {
      const result = await runInProcess(['timeline', '--global', '--json', '--limit', '5', '--relay', refusing.url], { home: dir, nowSec: NOW });
      expect(result.code).toBe(0);
      expect(jsonLines(result.stdout).map((event) => event.id)).toEqual(notes.slice(0, 5).map((e) => e.id));
      expect(result.stderr).toContain(`relay ${refusing.url}: failed: closed by relay: blocked: not today`);
      expect(result.stderr).toContain('nostr-tui: warning: no relay answered (1 asked); showed 5 cached notes.');
      expect(result.stderr).not.toContain('offline');
    } finally {
      await refusing.stop();
    }
  });
});

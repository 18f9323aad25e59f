// `nostr-tui timeline` with neither --since nor --limit: the documented defaults, 24 hours
// and 50 notes, pinned at their edges against a real relay, in-process with a fixed clock.
import { generateSecretKey } from 'nostr-tools/pure';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signed } from '../helpers/fault-relay.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';
import { jsonLines, runInProcess, tempHome } from '../helpers/in-process-cli.js';

const NOW = 1_700_000_000;
const DAY = 24 * 60 * 60;
const sk = generateSecretKey();

async function timeline(relay: string): Promise<{ code: number; ids: string[]; stderr: string }> {
  const { code, stdout, stderr } = await runInProcess(['timeline', '--json', '--relay', relay], { home: tempHome('nostr-tui-defaults-'), nowSec: NOW });
  return { code, ids: jsonLines(stdout).map((event) => event.id), stderr };
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

// The read commands say which relays did not answer, on one stderr line, as `timeline` and
// `profile` do: with a relay that stalls and one that refuses connections next to a good one,
// `following`, `mutes`, `bookmarks` and `notifications` printed what the good one had, exit 0,
// stderr empty (an old follow list looked like "your follow list as the relays have it now").
// With no relay answering, `notifications` printed cached entries without a word.
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cliUser } from '../helpers/cli.js';
import { startFaultRelay, type FaultRelay } from '../helpers/fault-relay.js';
import { closedPort, startRelay, type TestRelay } from '../helpers/relay.js';

vi.setConfig({ testTimeout: 60_000 });

let good: TestRelay;
let stalled: FaultRelay;
let refused: string;
beforeAll(async () => {
  [good, stalled, refused] = await Promise.all([startRelay(), startFaultRelay({}), closedPort()]); // the fault relay never sends EOSE
});
afterAll(async () => {
  await Promise.all([good?.stop(), stalled?.stop()]);
});

describe('read commands with relays that did not answer', () => {
  it('following, mutes, bookmarks and notifications name them on one line, exit 0', async () => {
    const { cli, secretKey, pubkey } = await cliUser('nostr-tui-unanswered-');
    const bob = generateSecretKey();
    const now = Math.floor(Date.now() / 1000);
    const mine = finalizeEvent({ kind: 1, created_at: now - 600, tags: [], content: 'my note' }, secretKey);
    await good.seed(
      mine,
      finalizeEvent({ kind: 3, created_at: now - 500, tags: [['p', getPublicKey(bob)]], content: '' }, secretKey),
      finalizeEvent({ kind: 10000, created_at: now - 500, tags: [['word', 'spoiler']], content: '' }, secretKey),
      finalizeEvent({ kind: 10003, created_at: now - 500, tags: [['e', mine.id]], content: '' }, secretKey),
      finalizeEvent({ kind: 1, created_at: now - 100, tags: [['e', mine.id, '', 'root'], ['p', pubkey]], content: 'a reply' }, bob),
    );
    const relays = ['--relay', good.url, '--relay', stalled.url, '--relay', refused];
    const silent = `${stalled.url}, ${refused} did not answer`;
    const cases: Array<[string[], string]> = [
      [['following', '--json'], `nostr-tui: note: ${silent}; this is the newest copy of your follow list the others have.\n`],
      [['mutes', '--json'], `nostr-tui: note: ${silent}; this is the newest copy of your mute list the others have.\n`],
      [['bookmarks', '--json'], `nostr-tui: note: ${silent}; this is the newest copy of your bookmarks the others have.\n`],
      [['notifications', '--json'], `nostr-tui: note: ${silent}; showing what the others and the cache hold.\n`],
    ];
    for (const [args, stderr] of cases) {
      const result = await cli.run([...args, ...relays]);
      expect({ args, code: result.code, stderr: result.stderr }).toEqual({ args, code: 0, stderr });
      expect(result.stdout).not.toBe('');
    }

    // No relay answers: the cached notifications are shown, with a warning saying they are only that.
    const offline = await cli.run(['notifications', '--relay', stalled.url, '--relay', refused]);
    expect(offline.code).toBe(0);
    expect(offline.stdout).toContain('a reply');
    expect(offline.stderr).toBe(
      'nostr-tui: warning: no relay answered (2 asked); showed 1 cached notification. Check your connection or relays (`nostr-tui relay list`).\n',
    );
  });
});

// A follow list naming thousands of people is read and kept whole by an edit; one too big to read
// (a relay's message over the limits) refuses the edit rather than start from nothing: a `follow`
// that found "no list" published a list of one over the real one.
import { npubEncode } from 'nostr-tools/nip19';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cliUser } from '../helpers/cli.js';
import { startFaultRelay, type FaultRelay } from '../helpers/fault-relay.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';

vi.setConfig({ testTimeout: 60_000 });

let relay: TestRelay;
beforeAll(async () => {
  relay = await startRelay();
});
afterAll(async () => {
  await relay?.stop();
});

const nowSec = () => Math.floor(Date.now() / 1000);
const someone = () => getPublicKey(generateSecretKey());

describe('a follow list of thousands', () => {
  it('2,500 people: following one more keeps every one of them', async () => {
    const { cli, secretKey, pubkey } = await cliUser('nostr-tui-big-follows-');
    const people = Array.from({ length: 2_500 }, someone);
    await relay.seed(finalizeEvent({ kind: 3, created_at: nowSec() - 60, tags: people.map((p) => ['p', p]), content: '' }, secretKey));
    const following = await cli.run(['following', '--json', '--relay', relay.url]);
    expect(JSON.parse(following.stdout)).toHaveLength(2_500);
    const x = someone();
    const result = await cli.run(['follow', x, '--relay', relay.url]);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('2501 in your list');
    const [list] = (await relay.find({ kinds: [3], authors: [pubkey] })).sort((a, b) => b.created_at - a.created_at);
    expect(list!.tags.map((tag) => tag[1])).toEqual([...people, x]);
  });

  it('one a relay sent too big to read: the edit is refused and nothing is published', async () => {
    const { cli, secretKey } = await cliUser('nostr-tui-big-follows-');
    // Over 512 KiB: 7,000 people with a relay hint each.
    const huge = finalizeEvent({ kind: 3, created_at: nowSec() - 60, tags: Array.from({ length: 7_000 }, () => ['p', someone(), 'wss://some-relay.example.com/']), content: '' }, secretKey);
    const published: unknown[] = [];
    const oversized: FaultRelay = await startFaultRelay({
      onReq: (req) => {
        if (req.filters.some((filter) => filter.kinds?.includes(3))) req.event(huge);
        req.eose();
      },
      onEvent: (event) => published.push(event),
    });
    try {
      const result = await cli.run(['follow', someone(), '--relay', oversized.url]);
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(
        `nostr-tui: ${oversized.url} sent an event too big to read (over 512 KiB or 10,000 tags), which may be your newest follow list; nothing was changed, so as not to replace it with an older one.\n`,
      );
      expect(published).toEqual([]);
    } finally {
      await oversized.stop();
    }
  });

  it('following, mutes and bookmarks say a relay sent a list too big to read, show the rest, exit 1', async () => {
    const { cli, secretKey } = await cliUser('nostr-tui-big-follows-');
    const friend = someone();
    const old = nowSec() - 3_600;
    await relay.seed(
      finalizeEvent({ kind: 3, created_at: old, tags: [['p', friend]], content: '' }, secretKey),
      finalizeEvent({ kind: 10000, created_at: old, tags: [['word', 'spoiler']], content: '' }, secretKey),
      finalizeEvent({ kind: 10003, created_at: old, tags: [], content: '' }, secretKey),
    );
    // A newer copy of each list, over 512 KiB (made before any relay is asked: the real relay runs in this process).
    const tags = Array.from({ length: 7_000 }, () => ['p', someone(), 'wss://some-relay.example.com/']);
    const huge = new Map([3, 10000, 10003].map((kind) => [kind, finalizeEvent({ kind, created_at: nowSec() - 60, tags, content: '' }, secretKey)]));
    const oversized = await startFaultRelay({
      onReq: (req) => {
        const event = huge.get(req.filters[0]?.kinds?.[0] ?? 0);
        if (event) req.event(event);
        req.eose();
      },
    });
    try {
      const cases: Array<[string, string, string]> = [
        ['following', 'follow list', JSON.stringify([{ npub: npubEncode(friend), pubkey: friend }])],
        ['mutes', 'mute list', JSON.stringify([{ type: 'word', value: 'spoiler' }])],
        ['bookmarks', 'bookmarks', ''],
      ];
      for (const [command, noun, stdout] of cases) {
        const result = await cli.run([command, '--json', '--relay', oversized.url, '--relay', relay.url]);
        expect({ command, code: result.code, stdout: result.stdout.trim(), stderr: result.stderr }).toEqual({
          command,
          code: 1,
          stdout,
          stderr: `nostr-tui: warning: ${oversized.url} sent an event too big to read (over 512 KiB or 10,000 tags), which may be a newer ${noun}; what is shown may not be the newest.\n`,
        });
      }
    } finally {
      await oversized.stop();
    }
  });
});

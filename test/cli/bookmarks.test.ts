// `nostr-tui bookmark|unbookmark|bookmarks`: the built binary against the real relay. NIP-51 kind
// 10003, edited from its newest copy: other tags and the encrypted private part kept exactly,
// new notes appended at the end, listed the most recently saved first.
import { neventEncode, noteEncode, nsecEncode } from 'nostr-tools/nip19';
import * as nip44 from 'nostr-tools/nip44';
import { finalizeEvent, generateSecretKey, type Event } from 'nostr-tools/pure';
import { describe, expect, it, vi } from 'vitest';
import { cliUser } from '../helpers/cli.js';
import { relayForFile } from '../helpers/file-relay.js';

vi.setConfig({ testTimeout: 60_000 });

const relay = relayForFile();
const now = Math.floor(Date.now() / 1000);
const alice = generateSecretKey();
const note = (content: string, ago: number) => finalizeEvent({ kind: 1, created_at: now - ago, tags: [], content }, alice);

describe('bookmarks', () => {
  it('saves notes at the end of the newest list (its other tags and private part kept), lists them newest saved first, and takes one off', async () => {
    const { cli, pubkey, secretKey } = await cliUser('nostr-tui-bookmarks-');
    const first = note('worth keeping', 300);
    const second = note('also worth keeping', 200);
    await relay.seed(first, second);
    // Saved on another device: an article, a URL and private items this client cannot read.
    const article = `30023:${pubkey}:my-article`;
    await relay.seed(finalizeEvent({ kind: 10003, created_at: now - 100, tags: [['a', article], ['r', 'https://example.com']], content: 'opaque?iv=abc' }, secretKey));

    const saved = await cli.run(['bookmark', noteEncode(first.id), '--relay', relay.url]);
    expect(saved.stderr).toBe('');
    expect(saved.code).toBe(0);
    expect(saved.stdout.split('\n')[0]).toBe(`Bookmarked ${noteEncode(first.id)}.`);
    const json = await cli.run(['bookmark', neventEncode({ id: second.id, relays: [relay.url] }), '--json', '--relay', relay.url]);
    const { changed, event } = JSON.parse(json.stdout) as { changed: boolean; event: Event };
    expect(changed).toBe(true);
    expect(event).toMatchObject({ kind: 10003, pubkey, content: 'opaque?iv=abc' });
    expect(event.tags).toEqual([['a', article], ['r', 'https://example.com'], ['e', first.id, relay.url], ['e', second.id, relay.url]]);

    const again = await cli.run(['bookmark', first.id, '--relay', relay.url]);
    expect(again.stdout).toBe(`${noteEncode(first.id)} is already bookmarked; nothing changed.\n`);

    const listed = await cli.run(['bookmarks', '--json', '--relay', relay.url]);
    expect(listed.code).toBe(0);
    expect(listed.stdout.trim().split('\n').map((line) => JSON.parse(line).id)).toEqual([second.id, first.id]);
    const text = await cli.run(['bookmarks', '--relay', relay.url]);
    expect(text.stdout.indexOf('also worth keeping')).toBeLessThan(text.stdout.indexOf('\n  worth keeping'));

    const removed = await cli.run(['unbookmark', noteEncode(first.id), '--relay', relay.url]);
    expect(removed.code).toBe(0);
    const [latest] = await relay.find({ kinds: [10003], authors: [pubkey] });
    expect(latest!.tags).toEqual([['a', article], ['r', 'https://example.com'], ['e', second.id, relay.url]]);
    expect(latest!.content).toBe('opaque?iv=abc');
    const notThere = await cli.run(['unbookmark', noteEncode(first.id), '--json', '--relay', relay.url]);
    expect(JSON.parse(notThere.stdout)).toMatchObject({ changed: false, reason: 'not-bookmarked' });
  });

  it('a note nobody has is not saved (exit 1); a bookmarked note no relay has any more is listed as such; bad input exit 2', async () => {
    const { cli, pubkey, secretKey } = await cliUser('nostr-tui-bookmarks-gone-');
    const missing = await cli.run(['bookmark', 'ab'.repeat(32), '--relay', relay.url]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('nostr-tui: could not find that note in the cache or on your relays (an nevent1… with relay hints helps); nothing was saved.\n');
    expect(await relay.find({ kinds: [10003], authors: [pubkey] })).toEqual([]);
    // A like is not a note: refused, exit 2.
    const like = finalizeEvent({ kind: 7, created_at: now - 40, tags: [['e', 'ef'.repeat(32)]], content: '+' }, alice);
    await relay.seed(like);
    const notANote = await cli.run(['bookmark', like.id, '--relay', relay.url]);
    expect(notANote.code).toBe(2);
    expect(notANote.stderr).toBe('nostr-tui: that is not a short note (it is kind 7); bookmarks hold notes (NIP-51).\n');
    expect(await relay.find({ kinds: [10003], authors: [pubkey] })).toEqual([]);
    await relay.seed(finalizeEvent({ kind: 10003, created_at: now - 50, tags: [['e', 'cd'.repeat(32)]], content: '' }, secretKey));
    const listed = await cli.run(['bookmarks', '--relay', relay.url]);
    expect(listed.stdout).toBe(`${noteEncode('cd'.repeat(32))} · not found on your relays\n\n`);
    expect(JSON.parse((await cli.run(['bookmarks', '--json', '--relay', relay.url])).stdout)).toEqual({ id: 'cd'.repeat(32), event: null });
    const secret = nsecEncode(generateSecretKey());
    for (const arg of ['nonsense', secret]) {
      const bad = await cli.run(['bookmark', arg, '--relay', relay.url]);
      expect(bad.code, arg).toBe(2);
      expect(bad.stderr.split('\n').filter(Boolean)).toHaveLength(1);
      expect(bad.stderr).not.toContain(arg);
    }
  });

  it('notes saved in the private part (by another client) are listed, marked, and never made public', async () => {
    const { cli, pubkey, secretKey } = await cliUser('nostr-tui-bookmarks-private-');
    const open = note('saved in the open', 90);
    const quiet = note('saved privately', 80);
    await relay.seed(open, quiet);
    const content = nip44.v2.encrypt(JSON.stringify([['e', quiet.id]]), nip44.v2.utils.getConversationKey(secretKey, pubkey));
    const list = finalizeEvent({ kind: 10003, created_at: now - 70, tags: [['e', open.id]], content }, secretKey);
    await relay.seed(list);
    const json = await cli.run(['bookmarks', '--json', '--relay', relay.url]);
    expect(json.stdout.trim().split('\n').map((line) => JSON.parse(line))).toEqual([
      { id: open.id, event: JSON.parse(JSON.stringify(open)) },
      { id: quiet.id, event: JSON.parse(JSON.stringify(quiet)), private: true },
    ]);
    const text = await cli.run(['bookmarks', '--relay', relay.url]);
    expect(text.stdout).toMatch(/\n\(private\) [^\n]* · [^\n]* ago\n {2}saved privately\n/);
    const again = await cli.run(['bookmark', quiet.id, '--relay', relay.url]);
    expect(again).toMatchObject({ code: 0, stdout: `${noteEncode(quiet.id)} is already bookmarked, in the private part of your bookmarks; nothing changed.\n` });
    const off = await cli.run(['unbookmark', quiet.id, '--relay', relay.url]);
    expect(off.code).toBe(1);
    expect(off.stdout).toBe(`${noteEncode(quiet.id)} is saved in the private part of your bookmarks, which nostr-tui leaves as another client wrote it; take it off there. Nothing changed.\n`);
    expect((await relay.find({ kinds: [10003], authors: [pubkey] })).map((event) => event.id)).toEqual([list.id]);
  });

  it('with nothing saved says how to save one', async () => {
    const { cli } = await cliUser('nostr-tui-bookmarks-empty-');
    const empty = await cli.run(['bookmarks', '--relay', relay.url]);
    expect(empty.code).toBe(0);
    expect(empty.stdout).toBe('You bookmarked nothing: `nostr-tui bookmark <note>` saves one (b in the timeline).\n');
  });
});

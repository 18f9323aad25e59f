// `nostr-tui like|unlike|repost|unrepost`: the built binary against the real relay. What `l` and `t`
// publish in the timeline (NIP-25 "+", NIP-18 kind 6 with the note inside), never twice, and undone
// by a NIP-09 deletion request of the user's own reaction or repost.
import { neventEncode, noteEncode, npubEncode, nsecEncode } from 'nostr-tools/nip19';
import { finalizeEvent, generateSecretKey, getPublicKey, verifyEvent } from 'nostr-tools/pure';
import { describe, expect, it, vi } from 'vitest';
import { cliHome, cliUser } from '../helpers/cli.js';
import { relayForFile } from '../helpers/file-relay.js';

vi.setConfig({ testTimeout: 60_000 });

const relay = relayForFile();
/** A second relay: the user's relays after a move. */
const other = relayForFile();

const nowSec = () => Math.floor(Date.now() / 1000);
const alice = generateSecretKey();

describe('like, unlike, repost, unrepost', () => {
  it('likes a note only the relay holds: a "+" reaction with e (and the relay it was seen on), p and k; a second like sends nothing; unlike deletes it', async () => {
    const { cli, pubkey } = await cliUser('nostr-tui-like-');
    const note = finalizeEvent({ kind: 1, created_at: nowSec() - 60, tags: [], content: 'like me' }, alice);
    await relay.seed(note);

    const liked = await cli.run(['like', neventEncode({ id: note.id, relays: [relay.url] }), '--json', '--relay', relay.url]);
    expect(liked.stderr).toBe('');
    expect(liked.code).toBe(0);
    const { event, relays, note: target } = JSON.parse(liked.stdout);
    expect(target).toBe(note.id);
    expect(verifyEvent(event)).toBe(true);
    expect(event).toMatchObject({ kind: 7, pubkey, content: '+' });
    expect(event.tags).toEqual([['e', note.id, relay.url, note.pubkey], ['p', note.pubkey, relay.url], ['k', '1']]);
    expect(relays).toEqual([{ url: relay.url, ok: true, message: expect.any(String) }]);
    expect(await relay.find({ kinds: [7], authors: [pubkey] })).toHaveLength(1);

    // Run again (a script retried): the relay already holds the like, so nothing is sent.
    const again = await cli.run(['like', noteEncode(note.id), '--relay', relay.url]);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(`You already like ${noteEncode(note.id)}; nothing was sent.\n`);
    expect(await relay.find({ kinds: [7], authors: [pubkey] })).toHaveLength(1);

    const unliked = await cli.run(['unlike', note.id, '--json', '--relay', relay.url]);
    expect(unliked.code).toBe(0);
    const deletion = JSON.parse(unliked.stdout).event;
    expect(deletion).toMatchObject({ kind: 5, pubkey, tags: [['e', event.id], ['k', '7']] });
    // The relay applies it (it keeps no kind 5 itself): the like is gone.
    expect(await relay.find({ kinds: [7], authors: [pubkey] })).toEqual([]);
    // Nothing left to undo.
    const none = await cli.run(['unlike', note.id, '--json', '--relay', relay.url]);
    expect(none.code).toBe(0);
    expect(JSON.parse(none.stdout)).toEqual({ note: note.id, unchanged: 'not-done' });
    expect(JSON.parse((await cli.run(['outbox', '--json'])).stdout)).toEqual([]);
  });

  it('reposts once (kind 6 holding the note as signed, its e tag naming the relay it was found on, NIP-18), and unrepost deletes the repost', async () => {
    const { cli, pubkey } = await cliUser('nostr-tui-repost-');
    const note = finalizeEvent({ kind: 1, created_at: nowSec() - 60, tags: [['t', 'nostr']], content: 'repost me' }, alice);
    await relay.seed(note);
    const reposted = await cli.run(['repost', noteEncode(note.id), '--relay', relay.url]);
    expect(reposted.code).toBe(0);
    expect(reposted.stdout.split('\n')[0]).toBe(`Reposted ${noteEncode(note.id)}.`);
    const [repost] = await relay.find({ kinds: [6], authors: [pubkey] });
    const { id, pubkey: author, created_at, kind, tags, content, sig } = note;
    expect(JSON.parse(repost!.content)).toEqual({ id, pubkey: author, created_at, kind, tags, content, sig });
    expect(repost!.tags).toEqual([['e', note.id, relay.url], ['p', note.pubkey]]);
    const again = await cli.run(['repost', noteEncode(note.id), '--json', '--relay', relay.url]);
    expect(JSON.parse(again.stdout)).toEqual({ note: note.id, unchanged: 'already' });
    expect(await relay.find({ kinds: [6], authors: [pubkey] })).toHaveLength(1);
    const undone = await cli.run(['unrepost', noteEncode(note.id), '--relay', relay.url]);
    expect(undone.code).toBe(0);
    expect(undone.stdout).toBe(`Asked the relays to delete your repost of ${noteEncode(note.id)}.\n  ${relay.url}  accepted\nAccepted by 1 of 1 relay.\n`);
    expect(await relay.find({ kinds: [6], authors: [pubkey] })).toEqual([]);
  });

  it('a like only the cache still has (its relay dropped it; the user moved to another relay) is sent again as signed, not made again', async () => {
    const { cli, pubkey } = await cliUser('nostr-tui-like-again-');
    const note = finalizeEvent({ kind: 1, created_at: nowSec() - 60, tags: [], content: 'liked long ago' }, alice);
    await Promise.all([relay.seed(note), other.seed(note)]);
    const first = JSON.parse((await cli.run(['like', noteEncode(note.id), '--json', '--relay', relay.url])).stdout).event;
    expect(await other.find({ kinds: [7], authors: [pubkey] })).toEqual([]);

    const again = await cli.run(['like', noteEncode(note.id), '--relay', other.url]);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(
      `You already like ${noteEncode(note.id)}, but none of your relays had your like (one may have dropped it, or your relays changed): sent it to them again.\n` +
        `  ${other.url}  accepted\nAccepted by 1 of 1 relay.\n`,
    );
    // The same signed reaction, not a second one.
    expect(await other.find({ kinds: [7], authors: [pubkey] })).toEqual([first]);
    const third = await cli.run(['like', noteEncode(note.id), '--json', '--relay', other.url]);
    expect(JSON.parse(third.stdout)).toEqual({ note: note.id, unchanged: 'already' });
  });

  it('after unlike / unrepost on a relay that keeps deleted events (NIP-09 allows it), like / repost sends a new one', async () => {
    const { cli, pubkey } = await cliUser('nostr-tui-like-kept-');
    const note = finalizeEvent({ kind: 1, created_at: nowSec() - 60, tags: [], content: 'like me twice' }, alice);
    await relay.seed(note);
    const keepsDeleted = async (action: string, kind: number) => {
      const done = JSON.parse((await cli.run([action, note.id, '--json', '--relay', relay.url])).stdout).event;
      const undone = JSON.parse((await cli.run([`un${action}`, note.id, '--json', '--relay', relay.url])).stdout).event;
      expect(undone).toMatchObject({ kind: 5, tags: [['e', done.id], ['k', String(kind)]] });
      // The relay keeps the request and the event it names, as many relays do.
      await relay.keepDeletion(undone);
      await relay.seed(done);
      expect(await relay.find({ kinds: [kind], authors: [pubkey] })).toEqual([done]);
      return done;
    };
    for (const [action, kind] of [['like', 7], ['repost', 6]] as const) {
      const first = await keepsDeleted(action, kind);
      const again = await cli.run([action, note.id, '--json', '--relay', relay.url]);
      expect(again.code, action).toBe(0);
      const second = JSON.parse(again.stdout).event;
      expect(second, action).toMatchObject({ kind, pubkey });
      expect(second.id).not.toBe(first.id);
      // Only the live one is undone: the deleted one is not named again.
      const undo = await cli.run([`un${action}`, note.id, '--json', '--relay', relay.url]);
      expect(JSON.parse(undo.stdout).event.tags, action).toEqual([['e', second.id], ['k', String(kind)]]);
      const none = await cli.run([`un${action}`, note.id, '--json', '--relay', relay.url]);
      expect(JSON.parse(none.stdout), action).toEqual({ note: note.id, unchanged: 'not-done' });
    }
    // The repost undone that the relay still holds is not in Global (where "↻ you reposted" showed it).
    const global = await cli.run(['timeline', '--global', '--json', '--since', '1h', '--relay', relay.url]);
    expect(global.code).toBe(0);
    const shown = global.stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line));
    expect(shown.filter((event) => event.pubkey === pubkey)).toEqual([]);
    expect(shown.map((event) => event.id)).toContain(note.id);
  });

  it('like / repost of a repost act on the note it carries, as l and t do in the timeline, and say so', async () => {
    const { cli } = await cliUser('nostr-tui-like-a-repost-');
    const bob = generateSecretKey();
    const note = finalizeEvent({ kind: 1, created_at: nowSec() - 90, tags: [], content: 'reposted by bob' }, alice);
    const shared = finalizeEvent({ kind: 6, created_at: nowSec() - 80, tags: [['e', note.id, relay.url], ['p', note.pubkey]], content: JSON.stringify(note) }, bob);
    // A repost with no copy of the note (NIP-70 protected, or a client that leaves it out): found by its e tag.
    const bare = finalizeEvent({ kind: 6, created_at: nowSec() - 70, tags: [['e', note.id, 'ws://192.168.1.1:6379'], ['p', note.pubkey]], content: '' }, bob);
    await relay.seed(note, shared, bare);
    const liked = await cli.run(['like', noteEncode(shared.id), '--relay', relay.url]);
    expect(liked.code).toBe(0);
    expect(liked.stdout.split('\n').slice(0, 2)).toEqual([
      `${noteEncode(shared.id)} is a repost: this acts on the note it carries, ${noteEncode(note.id)}.`,
      `Liked ${noteEncode(note.id)}.`,
    ]);
    const reposted = JSON.parse((await cli.run(['repost', bare.id, '--json', '--relay', relay.url])).stdout);
    expect(reposted).toMatchObject({ note: note.id, repost: bare.id, event: { kind: 6 } });
    expect(reposted.event.tags).toEqual([['e', note.id, relay.url], ['p', note.pubkey]]);
    expect(JSON.parse(reposted.event.content).id).toBe(note.id);
    const again = JSON.parse((await cli.run(['like', bare.id, '--json', '--relay', relay.url])).stdout);
    expect(again).toEqual({ note: note.id, repost: bare.id, unchanged: 'already' });
    // A repost whose note nobody has: nothing is sent (the repost itself is not liked instead).
    const lost = finalizeEvent({ kind: 6, created_at: nowSec() - 60, tags: [['e', 'ab'.repeat(32)]], content: '' }, bob);
    await relay.seed(lost);
    const missing = await cli.run(['like', lost.id, '--relay', relay.url]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('nostr-tui: that is a repost, and the note it carries is in neither the cache nor your relays; nothing was sent.\n');
  });

  it('a note nobody has is exit 1, bad input and no key are one line each; nothing is sent', async () => {
    const { cli, pubkey } = await cliUser('nostr-tui-like-missing-');
    const missing = await cli.run(['like', 'ab'.repeat(32), '--relay', relay.url]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('nostr-tui: could not find that note in the cache or on your relays (an nevent1… with relay hints helps); nothing was sent.\n');
    const secret = nsecEncode(generateSecretKey());
    for (const arg of ['nonsense', secret]) {
      const bad = await cli.run(['repost', arg, '--relay', relay.url]);
      expect(bad.code, arg).toBe(2);
      expect(bad.stderr.split('\n').filter(Boolean)).toHaveLength(1);
      expect(bad.stderr).not.toContain(arg);
    }
    expect(await relay.find({ kinds: [6, 7], authors: [pubkey] })).toEqual([]);
    expect(getPublicKey(alice)).not.toBe(pubkey);
  });

  it('with only a public key stored (read-only) says so before asking any relay, for a like and a bookmark', async () => {
    const cli = cliHome('nostr-tui-like-read-only-');
    expect((await cli.run(['key', 'import', npubEncode(getPublicKey(generateSecretKey()))])).code).toBe(0);
    // The note exists nowhere: a lookup would have said so; the key is refused first.
    for (const command of ['like', 'repost', 'bookmark']) {
      const refused = await cli.run([command, 'ab'.repeat(32), '--relay', relay.url]);
      expect(refused.code, command).toBe(1);
      expect(refused.stderr, command).toBe('nostr-tui: read-only: only a public key is stored, and this needs a secret key to sign. Run `nostr-tui key import` with your nsec.\n');
    }
  });
});

// `nostr-tui delete`: the built binary against the real relay, which applies
// NIP-09 deletions (it removes the target; it does not keep the kind 5 itself).
import { neventEncode, noteEncode, nsecEncode } from 'nostr-tools/nip19';
import { finalizeEvent, generateSecretKey, verifyEvent } from 'nostr-tools/pure';
import { describe, expect, it, vi } from 'vitest';
import { cliUser } from '../helpers/cli.js';
import { relayForFile } from '../helpers/file-relay.js';

vi.setConfig({ testTimeout: 60_000 });

const relay = relayForFile();

const userHome = () => cliUser('nostr-tui-delete-');

const nowSec = () => Math.floor(Date.now() / 1000);

describe('delete', () => {
  it('deletes your own note just posted: kind 5 with e and k tags, the relay drops the note', async () => {
    const { cli, pubkey } = await userHome();
    const posted = await cli.run(['post', '--json', '--relay', relay.url, 'a note to take back']);
    expect(posted.code).toBe(0);
    const { id } = JSON.parse(posted.stdout);
    expect(await relay.find({ ids: [id] })).toHaveLength(1);

    const result = await cli.run(['delete', noteEncode(id), '--reason', 'typo', '--json', '--relay', relay.url]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output.deleted).toBe(id);
    expect(verifyEvent(output.event)).toBe(true);
    expect(output.event).toMatchObject({ kind: 5, pubkey, content: 'typo', tags: [['e', id], ['k', '1']] });
    expect(output.relays).toEqual([{ url: relay.url, ok: true, message: expect.any(String) }]);
    expect(await relay.find({ ids: [id] })).toEqual([]);
    // Nothing left pending in the outbox: the deletion was accepted.
    expect(JSON.parse((await cli.run(['outbox', '--json'])).stdout)).toEqual([]);
    // Asked again: already deleted, said so, nothing sent (not "nobody has it", exit 1).
    const again = await cli.run(['delete', noteEncode(id), '--relay', relay.url]);
    expect(again).toMatchObject({ code: 0, stderr: '' });
    expect(again.stdout).toBe(`You already asked the relays to delete ${noteEncode(id)}, and none of them has it; nothing was sent.\n`);
    // Asked again while no relay answers: not "none of them has it", which no relay said.
    const offline = await cli.run(['delete', noteEncode(id), '--relay', 'ws://127.0.0.1:1']);
    expect(offline.code).toBe(0);
    expect(offline.stdout).toBe(`You already asked the relays to delete ${noteEncode(id)}; nothing was sent.\n`);
    expect(offline.stderr).toBe('nostr-tui: note: no relay answered (1 asked), so whether one still has it is not known.\n');
  });

  it('finds a note that is only on the relay (not cached), by nevent or hex; prints what it did', async () => {
    const { cli, secretKey } = await userHome();
    const note = finalizeEvent({ kind: 1, created_at: nowSec() - 60, tags: [], content: 'posted elsewhere' }, secretKey);
    const other = finalizeEvent({ kind: 1, created_at: nowSec() - 50, tags: [], content: 'also elsewhere' }, secretKey);
    await relay.seed(note, other);
    const byNevent = await cli.run(['delete', neventEncode({ id: note.id, relays: [relay.url] }), '--relay', relay.url]);
    expect(byNevent.code).toBe(0);
    expect(byNevent.stdout).toBe(`Asked the relays to delete ${noteEncode(note.id)}.\n  ${relay.url}  accepted\nAccepted by 1 of 1 relay.\n`);
    const byHex = await cli.run(['delete', other.id, '--relay', relay.url]);
    expect(byHex.code).toBe(0);
    expect(await relay.find({ ids: [note.id, other.id] })).toEqual([]);
  });

  it("refuses someone else's note with one line and exit 2; the note stays", async () => {
    const { cli } = await userHome();
    const theirs = finalizeEvent({ kind: 1, created_at: nowSec() - 60, tags: [], content: 'not yours' }, generateSecretKey());
    await relay.seed(theirs);
    const result = await cli.run(['delete', noteEncode(theirs.id), '--relay', relay.url]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('nostr-tui: that note is by someone else: you can only delete your own notes.\n');
    expect(result.stdout).toBe('');
    expect(await relay.find({ ids: [theirs.id] })).toHaveLength(1);
    // An nevent naming another author is refused without asking the relays.
    const named = await cli.run(['delete', neventEncode({ id: theirs.id, author: theirs.pubkey }), '--relay', relay.url]);
    expect(named.code).toBe(2);
  });

  it('a note nobody has: says so, exit 1, nothing published', async () => {
    const { cli } = await userHome();
    const result = await cli.run(['delete', 'ab'.repeat(32), '--relay', relay.url]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('nostr-tui: could not find that note in the cache or on your relays; nothing was deleted.\n');
    expect(JSON.parse((await cli.run(['outbox', '--json'])).stdout)).toEqual([]);
  });

  it('bad input is exit 2 with one line, never echoing what was given', async () => {
    const { cli } = await userHome();
    const secret = nsecEncode(generateSecretKey());
    for (const arg of ['nonsense', 'note1qqqq', secret]) {
      const result = await cli.run(['delete', arg, '--relay', relay.url]);
      expect(result.code, arg).toBe(2);
      expect(result.stderr.split('\n').filter(Boolean)).toHaveLength(1);
      expect(result.stderr).not.toContain(arg);
    }
  });
});

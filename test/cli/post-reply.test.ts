// `post --reply <note>`: a reply from the command line, tagged as the UI's `r` tags it (NIP-10),
// read back from the real relay and parsed with nostr-tools' own NIP-10 reader, as other clients
// read it. The note answered must be found first; nothing is signed or sent otherwise.
import * as nip10 from 'nostr-tools/nip10';
import { neventEncode, noteEncode, nsecEncode } from 'nostr-tools/nip19';
import { generateSecretKey, getPublicKey, verifyEvent } from 'nostr-tools/pure';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cliUser } from '../helpers/cli.js';
import { signed } from '../helpers/fault-relay.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';

vi.setConfig({ testTimeout: 60_000 });

const alice = generateSecretKey();
const bob = generateSecretKey();
const carol = getPublicKey(generateSecretKey());
const now = Math.floor(Date.now() / 1000);
const root = signed(alice, { created_at: now - 600, content: 'what do you think, nostr:npub…?', tags: [['p', carol]] });
const answer = signed(bob, { created_at: now - 300, content: 'I agree', tags: [['e', root.id, '', 'root', getPublicKey(alice)], ['p', getPublicKey(alice)]] });
const profile = signed(alice, { kind: 0, created_at: now - 900, content: '{"name":"alice"}' });

let relay: TestRelay;
beforeAll(async () => {
  relay = await startRelay();
  await relay.seed(root, answer, profile);
});
afterAll(async () => {
  await relay?.stop();
});

const userHome = () => cliUser('nostr-tui-reply-');

describe('post --reply', () => {
  it('answers a root note: its e tag marked root with the relay it came from, its author and people as p tags', async () => {
    const { cli, pubkey } = await userHome();
    const result = await cli.run(['post', '--reply', neventEncode({ id: root.id, relays: [relay.url] }), 'count me in', '--relay', relay.url, '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const [event] = await relay.find({ kinds: [1], authors: [pubkey] });
    expect(verifyEvent(event!)).toBe(true);
    expect(JSON.parse(result.stdout).id).toBe(event!.id);
    expect(event!.content).toBe('count me in');
    const thread = nip10.parse(event!);
    expect(thread.root).toMatchObject({ id: root.id, relays: [relay.url] });
    // nostr-tools reads a lone root as the note answered too; the tag itself is marked root only.
    expect(thread.reply?.id).toBe(root.id);
    expect(event!.tags.filter((tag) => tag[0] === 'e')).toEqual([['e', root.id, relay.url, 'root', getPublicKey(alice)]]);
    expect(thread.profiles.map((p) => p.pubkey).sort()).toEqual([getPublicKey(alice), carol].sort());
    // What notification queries ask (`#e`, `#p`) finds it.
    expect((await relay.find({ '#e': [root.id] })).map((e) => e.id)).toContain(event!.id);
    expect((await relay.find({ '#p': [getPublicKey(alice)], authors: [pubkey] })).map((e) => e.id)).toEqual([event!.id]);
  });

  it('answers a reply: the root stays the root, the note answered is the reply, by its note1 alone (the relay it was found on is named)', async () => {
    const { cli, pubkey } = await userHome();
    const result = await cli.run(['post', '--reply', noteEncode(answer.id), '--relay', relay.url, '--', '-1 from me']);
    expect(result.code).toBe(0);
    const [event] = await relay.find({ kinds: [1], authors: [pubkey] });
    expect(event!.content).toBe('-1 from me');
    const thread = nip10.parse(event!);
    expect(thread.root?.id).toBe(root.id);
    expect(thread.reply?.id).toBe(answer.id);
    // A note1 names no relay: the one it was found on is the hint (NIP-10).
    expect(thread.reply?.relays).toEqual([relay.url]);
    expect(thread.profiles.map((p) => p.pubkey).sort()).toEqual([getPublicKey(alice), getPublicKey(bob)].sort());
  });

  it('refuses what it cannot answer before anything is signed or sent: a note nobody has, a profile, a secret key', async () => {
    const { cli, pubkey } = await userHome();
    const missing = await cli.run(['post', '--reply', 'ab'.repeat(32), 'hello?', '--relay', relay.url]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('nostr-tui: could not find the note to reply to in the cache or on your relays (an nevent1… with relay hints helps); nothing was posted.\n');
    const notANote = await cli.run(['post', '--reply', profile.id, 'hello?', '--relay', relay.url]);
    expect(notANote.code).toBe(2);
    expect(notANote.stderr).toContain('that is not a short note (it is kind 0)');
    const secret = nsecEncode(generateSecretKey());
    const refused = await cli.run(['post', '--reply', secret, 'hello?', '--relay', relay.url]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^nostr-tui: that is a secret key, not a note/);
    expect(refused.stderr).not.toContain(secret);
    expect(await relay.find({ authors: [pubkey] })).toEqual([]);
    expect(JSON.parse((await cli.run(['outbox', '--json'])).stdout)).toEqual([]);
  });
});

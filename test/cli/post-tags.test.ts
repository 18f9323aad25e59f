// `post` writes the tags its text calls for (NIP-27 p, NIP-18 q, NIP-24 t):
// the built binary against the real relay, the event read back from the relay.
import { neventEncode, noteEncode, npubEncode, nsecEncode } from 'nostr-tools/nip19';
import { finalizeEvent, generateSecretKey, getPublicKey, verifyEvent } from 'nostr-tools/pure';
import { describe, expect, it, vi } from 'vitest';
import { cliUser } from '../helpers/cli.js';
import { relayForFile } from '../helpers/file-relay.js';

vi.setConfig({ testTimeout: 60_000 });

const relay = relayForFile();

const userHome = () => cliUser('nostr-tui-tags-');

describe('post: tags from the text', () => {
  it('nostr:npub -> p, nostr:note -> q, #Nostr -> ["t","nostr"], read back from the relay', async () => {
    const { cli, pubkey } = await userHome();
    const mentioned = getPublicKey(generateSecretKey());
    const quoted = 'ef'.repeat(32);
    const text = `hi nostr:${npubEncode(mentioned)} nostr:${noteEncode(quoted)} #Nostr`;
    const result = await cli.run(['post', text, '--relay', relay.url]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const [event] = await relay.find({ kinds: [1], authors: [pubkey] });
    expect(verifyEvent(event!)).toBe(true);
    expect(event!.content).toBe(text);
    expect(event!.tags).toEqual([
      ['p', mentioned],
      ['q', quoted, ''],
      ['t', 'nostr'],
    ]);
    // The relay indexes them: hashtag feeds and mention queries find the note.
    expect((await relay.find({ '#t': ['nostr'] })).map((e) => e.id)).toEqual([event!.id]);
    expect((await relay.find({ '#p': [mentioned] })).map((e) => e.id)).toEqual([event!.id]);
  });

  it('a bare npub is published as nostr:npub; a quoted nevent carries its relay and author, who is tagged p to be told', async () => {
    const { cli } = await userHome();
    const mentioned = getPublicKey(generateSecretKey());
    const author = getPublicKey(generateSecretKey());
    const quoted = '12'.repeat(32);
    const nevent = neventEncode({ id: quoted, relays: [relay.url], author });
    const result = await cli.run(['post', '--json', '--relay', relay.url, '--', `cc ${npubEncode(mentioned)} ${nevent}`]);
    expect(result.code).toBe(0);
    const { event } = JSON.parse(result.stdout);
    expect(event.content).toBe(`cc nostr:${npubEncode(mentioned)} nostr:${nevent}`);
    expect(event.tags).toEqual([
      ['p', mentioned],
      ['p', author],
      ['q', quoted, relay.url, author],
    ]);
    // What notification queries ask (`#p`) finds it for the quoted author.
    expect((await relay.find({ '#p': [author] })).map((e) => e.id)).toEqual([event.id]);
  });
});

describe('post: a quoted note1 seen before', () => {
  it('its q tag names a relay it was seen on and its author, from the cache (a note1 names neither)', async () => {
    const { cli } = await userHome();
    const author = generateSecretKey();
    const note = finalizeEvent({ kind: 1, created_at: Math.floor(Date.now() / 1000) - 60, tags: [], content: 'worth quoting' }, author);
    await relay.seed(note);
    // Read once (here by `thread`), so the cache knows it and where it came from.
    expect((await cli.run(['thread', noteEncode(note.id), '--relay', relay.url])).code).toBe(0);
    const result = await cli.run(['post', '--json', '--relay', relay.url, '--', `so true nostr:${noteEncode(note.id)}`]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).event.tags).toEqual([
      ['p', note.pubkey],
      ['q', note.id, relay.url, note.pubkey],
    ]);
  });
});

describe('post: a secret key in the text', () => {
  it('is refused before anything is signed or sent (exit 2), and the key is not echoed', async () => {
    const { cli, pubkey } = await userHome();
    const nsec = nsecEncode(generateSecretKey());
    const result = await cli.run(['post', `oops ${nsec}`, '--relay', relay.url]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^nostr-tui: the note contains a secret key/);
    expect(result.stderr).not.toContain(nsec);
    expect(await relay.find({ authors: [pubkey] })).toEqual([]);
    expect(JSON.parse((await cli.run(['outbox', '--json'])).stdout)).toEqual([]);
  });
});

// The tags a note carries (NIP-27 mentions, NIP-18 quotes, NIP-24 hashtags,
// NIP-10 replies): exact tag arrays, because other clients read them exactly.
import { naddrEncode, neventEncode, noteEncode, nprofileEncode, npubEncode } from 'nostr-tools/nip19';
import { finalizeEvent, generateSecretKey, getPublicKey, type Event } from 'nostr-tools/pure';
import { describe, expect, it } from 'vitest';
import { hashtags, tagNote } from '../../src/core/note-tags.js';
import { noteTemplate } from '../../src/core/events.js';
import { replyTemplate } from '../../src/core/interactions.js';

const alice = getPublicKey(generateSecretKey());
const bob = getPublicKey(generateSecretKey());
const me = getPublicKey(generateSecretKey());
const noteId = 'ab'.repeat(32);
const otherId = 'cd'.repeat(32);

describe('tagNote: mentions and quotes (NIP-27, NIP-18)', () => {
  it('nostr:npub -> p, nostr:note -> q, #Hashtag -> t in lower case', () => {
    const text = `hi nostr:${npubEncode(alice)} nostr:${noteEncode(noteId)} #Nostr`;
    expect(tagNote(text)).toEqual({
      content: text,
      tags: [
        ['p', alice],
        ['q', noteId, ''],
        ['t', 'nostr'],
      ],
    });
  });

  it('nprofile keeps its relay hint; nevent gives relay and author; naddr quotes the address; a quoted author is tagged p once', () => {
    const nprofile = nprofileEncode({ pubkey: bob, relays: ['wss://Relay.Example.com/'] });
    const nevent = neventEncode({ id: otherId, relays: ['wss://r.example'], author: alice });
    const naddr = naddrEncode({ kind: 30023, pubkey: alice, identifier: 'post', relays: [] });
    const { tags } = tagNote(`nostr:${nprofile} nostr:${nevent} nostr:${naddr}`);
    expect(tags).toEqual([
      ['p', bob, 'wss://relay.example.com'],
      ['p', alice],
      ['q', otherId, 'wss://r.example', alice],
      ['q', `30023:${alice}:post`, ''],
    ]);
  });

  it('quoting your own note tags no p for you', () => {
    const nevent = neventEncode({ id: otherId, author: alice });
    const naddr = naddrEncode({ kind: 30023, pubkey: alice, identifier: 'post', relays: [] });
    expect(tagNote(`nostr:${nevent} nostr:${naddr}`, { self: alice }).tags).toEqual([
      ['q', otherId, '', alice],
      ['q', `30023:${alice}:post`, ''],
    ]);
  });

  it('bare and @ entities are rewritten to nostr: URIs and tagged', () => {
    const npub = npubEncode(alice);
    const note = noteEncode(noteId);
    const nevent = neventEncode({ id: otherId });
    expect(tagNote(`cc ${npub}, @${npubEncode(bob)} see ${note} and (${nevent})`)).toEqual({
      content: `cc nostr:${npub}, nostr:${npubEncode(bob)} see nostr:${note} and (nostr:${nevent})`,
      tags: [
        ['p', alice],
        ['p', bob],
        ['q', noteId, ''],
        ['q', otherId, ''],
      ],
    });
  });

  it('the author of a quoted note1, and a relay it was seen on, come from the lookups when given; an nevent\'s own relay comes first', () => {
    const { tags } = tagNote(`nostr:${noteEncode(noteId)}`, { authorOf: (id) => (id === noteId ? bob : undefined) });
    expect(tags).toEqual([
      ['p', bob],
      ['q', noteId, '', bob],
    ]);
    const seenOn = (id: string) => (id === noteId || id === otherId ? 'wss://seen.example' : undefined);
    const hinted = neventEncode({ id: otherId, relays: ['wss://named.example'] });
    expect(tagNote(`nostr:${noteEncode(noteId)} nostr:${hinted}`, { authorOf: (id) => (id === noteId ? bob : undefined), relayOf: seenOn }).tags).toEqual([
      ['p', bob],
      ['q', noteId, 'wss://seen.example', bob],
      ['q', otherId, 'wss://named.example'],
    ]);
  });

  it('no duplicates: the same person or note twice is tagged once; a later relay hint fills an empty one', () => {
    const npub = npubEncode(alice);
    const nprofile = nprofileEncode({ pubkey: alice, relays: ['wss://hint.example'] });
    const { tags } = tagNote(`${npub} nostr:${npub} nostr:${nprofile} ${noteEncode(noteId)} nostr:${noteEncode(noteId)} #a #A`);
    expect(tags).toEqual([
      ['p', alice, 'wss://hint.example'],
      ['q', noteId, ''],
      ['t', 'a'],
    ]);
  });

  it('invalid bech32 (bad checksum, truncated, wrong length) is left as text and tags nothing', () => {
    const npub = npubEncode(alice);
    const broken = npub.slice(0, -1) + (npub.endsWith('q') ? 'p' : 'q');
    for (const text of [`hi ${broken}`, `hi nostr:${broken}`, `hi ${npub.slice(0, 20)}`, 'hi npub1qqqqqqqqqqqqqqqq', 'nsec1 and npub1']) {
      expect(tagNote(text), text).toEqual({ content: text, tags: [] });
    }
  });

  it('inside URLs and glued to words, nothing is rewritten or tagged', () => {
    const npub = npubEncode(alice);
    const text = `https://njump.me/${npub} https://example.com/page#Section x${npub} foo#bar a.b/${noteEncode(noteId)}`;
    expect(tagNote(text)).toEqual({ content: text, tags: [] });
  });

  it('a relay hint that is not a ws(s) URL is dropped rather than copied', () => {
    const nprofile = nprofileEncode({ pubkey: bob, relays: ['javascript:alert(1)', 'wss://good.example'] });
    expect(tagNote(`nostr:${nprofile}`).tags).toEqual([['p', bob, 'wss://good.example']]);
    const bad = nprofileEncode({ pubkey: bob, relays: ['\u001b[31mred'] });
    expect(tagNote(`nostr:${bad}`).tags).toEqual([['p', bob]]);
  });
});

describe('hashtags (NIP-24)', () => {
  it('letters, digits and underscore in any script, lower case, once each, not all digits', () => {
    expect(hashtags('#Nostr #TUI, #nostr! #gm_2024 #日本語 #Ünïcode #1 #42 (#paren) ##notone # space')).toEqual([
      'nostr', 'tui', 'gm_2024', '日本語', 'ünïcode', 'paren',
    ]);
  });

  it('not in URLs, HTML entities or glued to a word', () => {
    expect(hashtags('https://x.example/a#frag &#123; word#tag wss://r.example/#x')).toEqual([]);
  });
});

describe('replies (NIP-10) with tags from the text', () => {
  const sign = (t: Omit<Event, 'id' | 'sig' | 'pubkey'>, key = generateSecretKey()) => finalizeEvent(t, key);
  const carol = getPublicKey(generateSecretKey());
  const root = sign({ kind: 1, created_at: 100, tags: [['p', carol], ['p', me]], content: 'root' });

  it('a reply to a root note: root e tag, the author and the thread p tags without the user, then mentions', () => {
    const reply = replyTemplate(`thanks nostr:${npubEncode(bob)} #Thanks`, root, 200, 'wss://r.example', { self: me });
    expect(reply.tags).toEqual([
      ['e', root.id, 'wss://r.example', 'root', root.pubkey],
      ['p', root.pubkey],
      ['p', carol],
      ['p', bob],
      ['t', 'thanks'],
    ]);
  });

  it('a reply deeper down: root and reply markers; a mention of someone already tagged is not repeated', () => {
    const myKey = generateSecretKey();
    const first = sign(replyTemplate('first', root, 200) as never, myKey);
    const second = replyTemplate(`again nostr:${npubEncode(carol)}`, first, 300, '', { self: getPublicKey(myKey) });
    expect(second.tags).toEqual([
      ['e', root.id, '', 'root', root.pubkey],
      ['e', first.id, '', 'reply', first.pubkey],
      ['p', root.pubkey],
      ['p', carol],
      ['p', me],
    ]);
  });

  it("the root's relay hint, copied from the parent, is a normalised ws(s) URL off private networks; else where the root was seen; else none", () => {
    const author = getPublicKey(generateSecretKey());
    const parentWith = (hint: string) =>
      sign({ kind: 1, created_at: 200, tags: [['e', root.id, hint, 'root', 'zz'], ['p', author]], content: 'answer' });
    const rootTag = (hint: string, relayOf?: (id: string) => string | undefined) =>
      replyTemplate('hi', parentWith(hint), 300, 'wss://seen.example', { relayOf }).tags.find((t) => t[3] === 'root');
    // The audit's parent: not a relay URL, a private address, a control sequence.
    expect(rootTag('http://192.168.1.1:6379/\u001b[31m')).toEqual(['e', root.id, '', 'root', '']);
    for (const hint of ['ws://192.168.1.1:6379', 'wss://localhost', 'ws://10.0.0.2', 'ws://[::1]:7777', 'ws://printer.local']) {
      expect(rootTag(hint), hint).toEqual(['e', root.id, '', 'root', '']);
    }
    expect(rootTag('WSS://Relay.Example.com/')).toEqual(['e', root.id, 'wss://relay.example.com', 'root', '']);
    // No usable hint: a relay the root was seen on (the cache), when one is known.
    expect(rootTag('ws://192.168.1.1', (id) => (id === root.id ? 'wss://cache.example' : undefined))?.[2]).toBe('wss://cache.example');
    expect(rootTag('wss://relay.example.com', () => 'wss://cache.example')?.[2]).toBe('wss://relay.example.com');
  });

  it('noteTemplate carries the tags and the rewritten content', () => {
    expect(noteTemplate(`gm ${npubEncode(alice)} #GM`, 5)).toEqual({
      kind: 1,
      created_at: 5,
      content: `gm nostr:${npubEncode(alice)} #GM`,
      tags: [['p', alice], ['t', 'gm']],
    });
  });
});

import { finalizeEvent, generateSecretKey, getPublicKey, verifyEvent, type Event } from 'nostr-tools/pure';
import { parse } from 'nostr-tools/nip10';
import { getRepostedEvent } from 'nostr-tools/nip18';
import { getReactedEventPointer } from 'nostr-tools/nip25';
import { describe, expect, it } from 'vitest';
import { reactionTemplate, replyTemplate, repostTemplate } from '../../src/core/interactions.js';

const aliceKey = generateSecretKey();
const bobKey = generateSecretKey();
const carolKey = generateSecretKey();
const carol = getPublicKey(carolKey);
const sign = (key: Uint8Array, t: Omit<Event, 'id' | 'sig' | 'pubkey'>) => finalizeEvent(t, key);

const root = sign(aliceKey, { kind: 1, created_at: 100, tags: [['p', carol]], content: 'root' });

describe('replyTemplate (NIP-10)', () => {
  it('a reply to a root note marks it "root" and tags its author and p tags', () => {
    const reply = replyTemplate('hi', root, 200, 'wss://r.example');
    expect(reply).toEqual({
      kind: 1,
      created_at: 200,
      content: 'hi',
      tags: [
        ['e', root.id, 'wss://r.example', 'root', root.pubkey],
        ['p', root.pubkey],
        ['p', carol],
      ],
    });
  });

  it('a reply deeper down keeps the root and marks the parent "reply"', () => {
    const first = sign(bobKey, replyTemplate('first', root, 200) as never);
    const second = replyTemplate('second', first, 300);
    const parsed = parse(second);
    expect(parsed.root?.id).toBe(root.id);
    expect(parsed.reply?.id).toBe(first.id);
    expect(second.tags.filter((t) => t[0] === 'p').map((t) => t[1])).toEqual([first.pubkey, root.pubkey, carol]);
  });
});

describe('reactionTemplate (NIP-25)', () => {
  it('is a kind-7 "+" pointing at the note and its author', () => {
    const like = sign(bobKey, reactionTemplate(root, 300) as never);
    expect(like.kind).toBe(7);
    expect(like.content).toBe('+');
    expect(getReactedEventPointer(like)).toMatchObject({ id: root.id, author: root.pubkey });
    expect(like.tags).toContainEqual(['k', '1']);
    expect(like.tags.filter((t) => t[0] === 'a')).toEqual([]);
  });

  it('names an addressable event (a NIP-23 article) by its coordinates too, with the relay and author hints', () => {
    const article = sign(aliceKey, { kind: 30023, created_at: 200, tags: [['d', 'my-essay'], ['title', 'An essay']], content: '# An essay' } as never);
    const like = sign(bobKey, reactionTemplate(article, 300, 'wss://r.example') as never);
    expect(like.tags).toEqual([
      ['e', article.id, 'wss://r.example', article.pubkey],
      ['a', `30023:${article.pubkey}:my-essay`, 'wss://r.example', article.pubkey],
      ['p', article.pubkey, 'wss://r.example'],
      ['k', '30023'],
    ]);
    // NIP-25: the e tag is always there, and the target's the last of them.
    expect(getReactedEventPointer(like)).toMatchObject({ id: article.id, author: article.pubkey });
  });
});

describe('repostTemplate (NIP-18)', () => {
  it('is a kind-6 carrying the note as JSON and a relay hint', () => {
    const repost = sign(bobKey, repostTemplate(root, 300, 'wss://r.example') as never);
    expect(repost.kind).toBe(6);
    expect(repost.tags[0]).toEqual(['e', root.id, 'wss://r.example']);
    const inner = getRepostedEvent(repost);
    expect(inner?.id).toBe(root.id);
    expect(verifyEvent(inner!)).toBe(true);
  });

  it('a repost of a NIP-70 protected event (["-"]) carries no copy of it (NIP-18: empty content)', () => {
    const secret = sign(aliceKey, { kind: 1, created_at: 100, tags: [['-']], content: 'members only' });
    const repost = repostTemplate(secret, 300, 'wss://r.example');
    expect(repost).toEqual({ kind: 6, created_at: 300, content: '', tags: [['e', secret.id, 'wss://r.example'], ['p', secret.pubkey]] });
    const article = sign(aliceKey, { kind: 30023, created_at: 100, tags: [['d', 'x'], ['-']], content: 'members only' });
    expect(repostTemplate(article, 300, '').content).toBe('');
  });

  it('a generic repost (kind 16) of an addressable or replaceable event names it by its coordinates in an a tag', () => {
    const article = sign(aliceKey, { kind: 30023, created_at: 100, tags: [['d', 'my-article'], ['title', 'T']], content: 'long' });
    const repost = repostTemplate(article, 300, 'wss://r.example');
    expect(repost.kind).toBe(16);
    expect(repost.tags).toEqual([
      ['e', article.id, 'wss://r.example'],
      ['a', `30023:${article.pubkey}:my-article`, 'wss://r.example'],
      ['p', article.pubkey],
      ['k', '30023'],
    ]);
    expect(JSON.parse(repost.content).id).toBe(article.id);
    const profile = sign(aliceKey, { kind: 0, created_at: 100, tags: [], content: '{}' });
    expect(repostTemplate(profile, 300, '').tags).toContainEqual(['a', `0:${profile.pubkey}:`, '']);
    // A note is no address: no a tag.
    expect(repostTemplate(root, 300, '').tags.filter((t) => t[0] === 'a')).toEqual([]);
  });
});

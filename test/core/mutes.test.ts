// Pure mute matching and editing (NIP-51 kind 10000), and the kind-0 merge behind `profile set`.
import { describe, expect, it } from 'vitest';
import { addMute, isMuted, muteEntries, muteSet, muteTermOf, removeMute, sameMuteSet } from '../../src/core/mutes.js';
import { mergeProfile, profileTemplate } from '../../src/core/profile-edit.js';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const note = (pubkey: string, content: string, tags: string[][] = [], kind = 1) => ({ pubkey, content, tags, kind });

describe('mute terms and lists', () => {
  it('reads #tag as a hashtag and anything else as a word, lowercased', () => {
    expect(muteTermOf('#Nostr')).toEqual({ type: 'hashtag', value: 'nostr' });
    expect(muteTermOf('  AirDrop ')).toEqual({ type: 'word', value: 'airdrop' });
    expect(muteTermOf('#')).toBeUndefined();
    expect(muteTermOf('#two words')).toBeUndefined();
    expect(muteTermOf('   ')).toBeUndefined();
  });

  it('lists p, t and word tags once each, skipping malformed ones and other tags', () => {
    const tags = [['p', A], ['p', 'nothex'], ['t', 'Nostr'], ['t', 'nostr'], ['word', 'Spam'], ['e', B], ['p', A.toUpperCase()]];
    expect(muteEntries(tags)).toEqual([
      { type: 'pubkey', value: A },
      { type: 'hashtag', value: 'nostr' },
      { type: 'word', value: 'spam' },
    ]);
  });

  it('adds at the end and removes every tag naming the entry, keeping the rest exactly', () => {
    const tags = [['p', A, 'wss://hint'], ['e', B], ['t', 'Politics']];
    expect(addMute(tags, { type: 'word', value: 'x' })).toEqual([...tags, ['word', 'x']]);
    expect(addMute(tags, { type: 'hashtag', value: 'politics' })).toEqual(tags);
    expect(removeMute(tags, { type: 'hashtag', value: 'politics' })).toEqual([['p', A, 'wss://hint'], ['e', B]]);
    expect(removeMute(tags, { type: 'pubkey', value: A })).toEqual([['e', B], ['t', 'Politics']]);
  });
});

describe('isMuted', () => {
  const set = muteSet([{ type: 'pubkey', value: A }, { type: 'hashtag', value: 'politics' }, { type: 'word', value: 'airdrop' }]);

  it('hides muted authors, hashtags (tag or text, any case) and words (any case)', () => {
    expect(isMuted(note(A, 'gm'), set)).toBe(true);
    expect(isMuted(note(B, 'gm', [['t', 'POLITICS']]), set)).toBe(true);
    expect(isMuted(note(B, 'so much #Politics today'), set)).toBe(true);
    expect(isMuted(note(B, 'Free AIRDROPS'), set)).toBe(true);
    expect(isMuted(note(B, 'gm'), set)).toBe(false);
    // Not a hashtag: inside a word or a URL fragment.
    expect(isMuted(note(B, 'see page#politics'), set)).toBe(false);
  });

  it('judges a repost by its reposter and the note inside, not by the JSON it carries', () => {
    const repost = note(B, JSON.stringify(note(A, 'x')), [['e', 'c'.repeat(64)]], 6);
    expect(isMuted(repost, set)).toBe(false);
    expect(isMuted(repost, set, note(A, 'x'))).toBe(true);
    expect(isMuted(note(B, '{"content":"airdrop"}', [], 6), set, note(B, 'fine'))).toBe(false);
    expect(isMuted(note(A, '', [], 6), set)).toBe(true);
  });

  it('judges a zap receipt by the zap request inside it (NIP-57): its sender and comment, not the wallet that signed it', () => {
    const [sender, wallet] = [generateSecretKey(), generateSecretKey()];
    const to = 'd'.repeat(64);
    const receipt = (comment: string, recipient = to) => {
      const request = finalizeEvent({ kind: 9734, created_at: 1000, tags: [['p', recipient]], content: comment }, sender);
      return finalizeEvent({ kind: 9735, created_at: 1000, tags: [['p', to], ['P', request.pubkey], ['description', JSON.stringify(request)]], content: '' }, wallet);
    };
    const bySender = muteSet([{ type: 'pubkey', value: getPublicKey(sender) }]);
    expect(isMuted(receipt('thanks'), bySender)).toBe(true);
    expect(isMuted(receipt('free airdrop'), set)).toBe(true);
    expect(isMuted(receipt('see #Politics'), set)).toBe(true);
    expect(isMuted(receipt('thanks'), set)).toBe(false);
    // A request that does not agree with its receipt (another recipient) is no zap: it says nothing of who sent it.
    expect(isMuted(receipt('thanks', 'e'.repeat(64)), bySender)).toBe(false);
  });

  it('an empty list hides nothing', () => {
    expect(isMuted(note(A, 'airdrop #politics'), muteSet([]))).toBe(false);
  });
});

describe('profile merge', () => {
  it('replaces changed fields in place, appends new ones, removes emptied ones, keeps unknown ones', () => {
    const before = { name: 'a', x_custom: { deep: [1] }, about: 'hi', display_name: 'A' };
    const merged = mergeProfile(before, { name: 'b', website: 'https://w.example', about: '' });
    expect(merged).toEqual({ name: 'b', x_custom: { deep: [1] }, display_name: 'A', website: 'https://w.example' });
    expect(Object.keys(merged)).toEqual(['name', 'x_custom', 'display_name', 'website']);
  });

  it('a first profile, and one after the previous second', () => {
    expect(profileTemplate({ name: 'n' }, 100)).toEqual({ kind: 0, created_at: 100, tags: [], content: '{"name":"n"}' });
    const previous = { id: 'x', pubkey: A, sig: '', kind: 0, created_at: 100, tags: [['t', 'k']], content: '{"lud16":"a@b.c"}' };
    expect(profileTemplate({ name: 'n' }, 100, previous)).toEqual({ kind: 0, created_at: 101, tags: [['t', 'k']], content: '{"lud16":"a@b.c","name":"n"}' });
  });
});

describe('sameMuteSet', () => {
  it('is true for lists that hide the same, in any order; false when one entry differs', () => {
    const list = muteSet([{ type: 'pubkey', value: A }, { type: 'hashtag', value: 'x' }, { type: 'word', value: 'spam' }]);
    expect(sameMuteSet(list, muteSet([{ type: 'word', value: 'spam' }, { type: 'hashtag', value: 'x' }, { type: 'pubkey', value: A }]))).toBe(true);
    expect(sameMuteSet(list, muteSet([{ type: 'pubkey', value: B }, { type: 'hashtag', value: 'x' }, { type: 'word', value: 'spam' }]))).toBe(false);
    expect(sameMuteSet(list, muteSet([{ type: 'pubkey', value: A }, { type: 'hashtag', value: 'x' }]))).toBe(false);
    expect(sameMuteSet(muteSet([]), muteSet([]))).toBe(true);
  });
});

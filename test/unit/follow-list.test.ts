import type { Event } from 'nostr-tools';
import { describe, expect, it } from 'vitest';
import { followListTemplate, newestReplaceable, noteTemplate, replaceableCreatedAt } from '../../src/core/events.js';
import { addFollow, followEntries, followedPubkeys, isFollowing, removeFollow } from '../../src/core/follow-list.js';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const C = 'c'.repeat(64);

// A list another client wrote: relay hints, petnames, a non-p tag, an odd p tag.
const TAGS: string[][] = [
  ['p', A, 'wss://alice.example', 'alice'],
  ['t', 'nostr'],
  ['p', B],
  ['p', 'not-a-key'],
  ['client', 'other-client', 'extra'],
];

describe('follow list edit (NIP-02)', () => {
  it('adds one p tag at the end and keeps every other tag exactly', () => {
    const tags = addFollow(TAGS, C);
    expect(tags).toEqual([...TAGS, ['p', C]]);
  });

  it('adding someone already followed changes nothing', () => {
    expect(addFollow(TAGS, A)).toEqual(TAGS);
  });

  it('removes every p tag naming that person and nothing else', () => {
    expect(removeFollow([...TAGS, ['p', A]], A)).toEqual([['t', 'nostr'], ['p', B], ['p', 'not-a-key'], ['client', 'other-client', 'extra']]);
  });

  it('removing someone not followed changes nothing', () => {
    expect(removeFollow(TAGS, C)).toEqual(TAGS);
  });

  it('does not mutate its input', () => {
    const before = structuredClone(TAGS);
    addFollow(TAGS, C)[0]!.push('changed');
    removeFollow(TAGS, A);
    expect(TAGS).toEqual(before);
  });

  it('reads the followed keys and what the list says about them, skipping malformed tags', () => {
    expect(followedPubkeys(TAGS)).toEqual([A, B]);
    expect(followEntries(TAGS)).toEqual([{ pubkey: A, relay: 'wss://alice.example', petname: 'alice' }, { pubkey: B }]);
    expect(isFollowing(TAGS, B)).toBe(true);
    expect(isFollowing(TAGS, C)).toBe(false);
  });
});

describe('event templates', () => {
  it('a note is kind 1 with the text as it was typed', () => {
    expect(noteTemplate('hello\nworld', 1_700_000_000)).toEqual({ kind: 1, created_at: 1_700_000_000, tags: [], content: 'hello\nworld' });
  });

  it('a follow list keeps the previous content and never goes back in time', () => {
    const previous = { kind: 3, created_at: 2_000, tags: TAGS, content: '{"wss://r.example":{"read":true}}' } as Event;
    expect(followListTemplate(addFollow(previous.tags, C), 1_000, previous)).toEqual({
      kind: 3,
      created_at: 2_001,
      tags: [...TAGS, ['p', C]],
      content: previous.content,
    });
    expect(followListTemplate([], 5_000)).toEqual({ kind: 3, created_at: 5_000, tags: [], content: '' });
  });

  it('replaceable created_at is max(now, previous + 1)', () => {
    expect(replaceableCreatedAt(100)).toBe(100);
    expect(replaceableCreatedAt(100, { created_at: 100 })).toBe(101);
    expect(replaceableCreatedAt(100, { created_at: 50 })).toBe(100);
  });

  it('the newest replaceable version wins, the lowest id on a tie (NIP-01)', () => {
    const events = [
      { id: '02', created_at: 10 },
      { id: '03', created_at: 11 },
      { id: '01', created_at: 11 },
    ];
    expect(newestReplaceable(events)).toEqual({ id: '01', created_at: 11 });
    expect(newestReplaceable([])).toBeUndefined();
  });
});

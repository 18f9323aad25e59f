import { npubEncode } from 'nostr-tools/nip19';
import { describe, expect, it } from 'vitest';
import { matchPeople, mentionQuery, mentionText } from '../../src/core/mention-complete.js';

describe('mentionQuery', () => {
  it('finds @letters right before the cursor at a word start', () => {
    expect(mentionQuery('hi @al', 6)).toEqual({ start: 3, query: 'al' });
    expect(mentionQuery('@Zoë', 4)).toEqual({ start: 0, query: 'Zoë' });
    expect(mentionQuery('(@bob', 5)).toEqual({ start: 1, query: 'bob' });
    expect(mentionQuery('hi @al there', 6)).toEqual({ start: 3, query: 'al' });
  });

  it('not without letters, not glued to a word (mail@host), not after the cursor has moved on', () => {
    expect(mentionQuery('hi @', 4)).toBeUndefined();
    expect(mentionQuery('mail@host', 9)).toBeUndefined();
    expect(mentionQuery('hi @al ', 7)).toBeUndefined();
    expect(mentionQuery('@@al', 4)).toBeUndefined();
  });
});

describe('matchPeople', () => {
  const people = [
    { pubkey: '1', name: 'Alice' },
    { pubkey: '2', name: 'Al' },
    { pubkey: '3', name: 'Sal' },
    { pubkey: '4', name: 'Bob' },
    { pubkey: '2', name: 'Al' },
  ];
  it('prefix matches first (shortest first), then inner matches, each person once', () => {
    expect(matchPeople('al', people).map((p) => p.name)).toEqual(['Al', 'Alice', 'Sal']);
    expect(matchPeople('AL', people, 1).map((p) => p.name)).toEqual(['Al']);
    expect(matchPeople('zed', people)).toEqual([]);
  });
});

describe('mentionText', () => {
  it('is the NIP-21 URI and a space', () => {
    const pubkey = 'ab'.repeat(32);
    expect(mentionText(pubkey)).toBe(`nostr:${npubEncode(pubkey)} `);
  });
});

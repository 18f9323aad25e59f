// The checks on what search relays send back (src/client/search.ts) and the
// query text the index is given (src/core/search-text.ts).
import type { Event } from 'nostr-tools';
import { describe, expect, it } from 'vitest';
import { localText, mentionsAll } from '../../src/client/search.js';
import { hashtagsIn, normalizeHashtag } from '../../src/core/hashtags.js';
import { indexText, matchExpression } from '../../src/core/search-text.js';

const ev = (content: string, kind = 1, tags: string[][] = []) => ({ id: 'x', pubkey: 'y', sig: 'z', created_at: 1, kind, tags, content }) as Event;

describe('search text', () => {
  it('keeps relay-only NIP-50 extensions out of the local query', () => {
    expect(localText('bitcoin include:spam language:en https://x.org')).toBe('bitcoin https://x.org');
  });

  it('accepts a relay answer only when it holds every word, folded as the index folds', () => {
    expect(mentionsAll(ev('Ｃafé BITCOIN talk'), 'cafe bitcoin', false)).toBe(true);
    expect(mentionsAll(ev('bitcoiners unite'), 'bitcoin', false)).toBe(true); // a relay's stemming passes
    expect(mentionsAll(ev('the newest note on a relay that ignores search'), 'bitcoin', false)).toBe(false);
    expect(mentionsAll(ev('今日は日本で'), '日本', false)).toBe(true);
    expect(mentionsAll(ev('long read', 30023, [['title', 'Zebra essays']]), 'zebra', false)).toBe(true);
    // A relay matching a profile's about did search: the local index holds about too.
    expect(mentionsAll(ev(JSON.stringify({ name: 'jack', about: 'zebra' }), 0), 'zebra', true)).toBe(true);
    expect(mentionsAll(ev(JSON.stringify({ name: 'jack', website: 'zebra.example' }), 0), 'zebra', true)).toBe(false);
    expect(mentionsAll(ev(JSON.stringify({ name: 'jack' }), 0), 'jac*', true)).toBe(true);
  });

  it('builds MATCH expressions no typed character can escape', () => {
    expect(matchExpression('a"b OR c')).toBe('"a""b" AND "OR" AND "c"');
    expect(matchExpression('NEAR(x y) ^z')).toBe('"NEAR(x" AND "y)" AND "^z"');
    expect(matchExpression('*** ---')).toBeUndefined();
    expect(indexText('ｎｏｓｔｒ👍🏽')).toBe('nostr 👍 ');
  });

  it('reads hashtags as their t tag values', () => {
    expect(normalizeHashtag('#Nostr')).toBe('nostr');
    expect(() => normalizeHashtag('#')).toThrow(/not a hashtag/);
    expect(hashtagsIn('hi #Nostr and #日本 but not a#b or https://x.org/#frag, #nostr again')).toEqual(['nostr', '日本']);
  });
});

import { neventEncode, noteEncode, npubEncode } from 'nostr-tools/nip19';
import { describe, expect, it } from 'vitest';
import { MAX_HINTS, MAX_QUOTES, quoteRefs } from '../../src/core/quotes.js';

const a = 'a'.repeat(64);
const b = 'b'.repeat(64);
const c = 'c'.repeat(64);
const self = 'd'.repeat(64);
const pk = '1'.repeat(64);
const note = (content: string, tags: string[][] = []) => ({ id: self, content, tags });

describe('quoteRefs (NIP-27 references, NIP-18 q tags)', () => {
  it('merges text references and q tags by id, text first, with hints and author', () => {
    const refs = quoteRefs(
      note(`look nostr:${noteEncode(a)} and nostr:${neventEncode({ id: b, relays: ['wss://Hint.example/'], author: pk })}`, [
        ['q', a, 'wss://q.example', pk],
        ['q', b, 'not a relay'],
      ]),
    );
    expect(refs).toEqual([
      { id: a, relays: ['wss://q.example'], author: pk },
      { id: b, relays: ['wss://hint.example'], author: pk },
    ]);
  });

  it('keeps at most MAX_QUOTES quotes and MAX_HINTS hints, and never the note itself or a bad id', () => {
    const hints = Array.from({ length: 10 }, (_, i) => `wss://r${i}.example`);
    const refs = quoteRefs(note(`nostr:${noteEncode(self)} nostr:${neventEncode({ id: a, relays: hints })}`, [['q', 'x'.repeat(64)], ['q', b], ['q', c]]));
    expect(refs.map((r) => r.id)).toEqual([a, b].slice(0, MAX_QUOTES));
    expect(refs[0]!.relays).toHaveLength(MAX_HINTS);
  });

  it('finds nothing in a note without quotes (profiles are mentions, not quotes)', () => {
    expect(quoteRefs(note(`hi nostr:${npubEncode(pk)} https://x.example`))).toEqual([]);
    expect(quoteRefs(note('', [['e', a], ['q']]))).toEqual([]);
  });
});

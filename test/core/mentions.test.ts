import { npubEncode, noteEncode, neventEncode, nprofileEncode } from 'nostr-tools/nip19';
import { describe, expect, it } from 'vitest';
import { renderMentions, shortKey, shortNoteRef } from '../../src/core/mentions.js';

const alice = 'a'.repeat(64);
const bob = 'b'.repeat(64);
const noteId = 'c'.repeat(64);

describe('renderMentions (NIP-27 / NIP-21)', () => {
  const names = (pk: string) => (pk === alice ? 'alice' : undefined);

  it('shows profiles as @name, or a short npub until the name is known', () => {
    const text = `hi nostr:${npubEncode(alice)} and nostr:${nprofileEncode({ pubkey: bob, relays: [] })}!`;
    expect(renderMentions(text, names)).toBe(`hi @alice and @${shortKey(bob)}!`);
  });

  it('shows notes and nevents as a short reference', () => {
    const text = `see nostr:${noteEncode(noteId)} or nostr:${neventEncode({ id: noteId })}`;
    expect(renderMentions(text, names)).toBe(`see [${shortNoteRef(noteId)}] or [${shortNoteRef(noteId)}]`);
  });

  it('leaves text without valid references untouched', () => {
    expect(renderMentions('plain #tag https://x.y/z nostr:npub1bogus', names)).toBe('plain #tag https://x.y/z nostr:npub1bogus');
  });

  it('short forms keep the prefix and the last characters', () => {
    expect(shortKey(alice)).toMatch(/^npub1\w{4}…\w{4}$/);
    expect(shortNoteRef(noteId)).toMatch(/^note1\w{4}…\w{4}$/);
  });
});

import { neventEncode, noteEncode, nprofileEncode, npubEncode, nsecEncode } from 'nostr-tools/nip19';
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { describe, expect, it } from 'vitest';
import { nostrAddress } from '../../src/core/nostr-address.js';

const id = 'ab'.repeat(32);
const pubkey = getPublicKey(generateSecretKey());

describe('nostrAddress: what / opens instead of searching', () => {
  it('a note or nevent (bare, nostr: URI, upper case) is a note with its hints; an npub or nprofile a person', () => {
    expect(nostrAddress(noteEncode(id))).toEqual({ type: 'note', ref: { id, relays: [] } });
    expect(nostrAddress(`  nostr:${neventEncode({ id, relays: ['wss://relay.example.com'], author: pubkey })} `)).toEqual({
      type: 'note',
      ref: { id, relays: ['wss://relay.example.com'], author: pubkey },
    });
    expect(nostrAddress(noteEncode(id).toUpperCase())).toEqual({ type: 'note', ref: { id, relays: [] } });
    expect(nostrAddress(npubEncode(pubkey))).toEqual({ type: 'profile', pubkey });
    expect(nostrAddress(`NOSTR:${nprofileEncode({ pubkey, relays: ['wss://r.example'] })}`)).toEqual({ type: 'profile', pubkey });
  });

  it('words, hex, a cut-off identifier and a secret are not addresses (searched, or refused by the search)', () => {
    for (const text of ['nostr relays', id, noteEncode(id).slice(0, -3), `${npubEncode(pubkey)} and more`, nsecEncode(generateSecretKey()), 'note1', '']) {
      expect(nostrAddress(text), text).toBeUndefined();
    }
  });

  it("the user's own secret encoded as a note or a person is refused, not opened or searched for (its encoding gives it away)", () => {
    const secret = generateSecretKey();
    const hex = Buffer.from(secret).toString('hex');
    const me = getPublicKey(secret);
    for (const text of [noteEncode(hex), neventEncode({ id: hex }), `nostr:${noteEncode(hex)}`]) {
      expect(() => nostrAddress(text, me), text).toThrow('that is your secret key, not a note');
    }
    for (const text of [npubEncode(hex), nprofileEncode({ pubkey: hex })]) {
      expect(() => nostrAddress(text, me), text).toThrow('that is a secret key, not a public key');
    }
    // Anyone else's note and person still open.
    expect(nostrAddress(noteEncode(id), me)).toEqual({ type: 'note', ref: { id, relays: [] } });
    // A note opens, but a hint holding the secret (or any nsec) is not followed.
    const hints = [`wss://r.example/?s=${hex}`, `wss://r.example/${nsecEncode(secret)}`, 'wss://kept.example'];
    expect(nostrAddress(neventEncode({ id, relays: hints }), me)).toEqual({ type: 'note', ref: { id, relays: ['wss://kept.example'] } });
    expect(nostrAddress(npubEncode(pubkey), me)).toEqual({ type: 'profile', pubkey });
  });
});

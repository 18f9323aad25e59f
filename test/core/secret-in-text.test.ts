import { nsecEncode } from 'nostr-tools/nip19';
import { generateSecretKey } from 'nostr-tools/pure';
import { describe, expect, it } from 'vitest';
import { holdsSecretKey } from '../../src/core/secret-in-text.js';

describe('holdsSecretKey', () => {
  const nsec = nsecEncode(generateSecretKey());
  it('finds a valid nsec anywhere in the text, in either case, with or without nostr:', () => {
    expect(holdsSecretKey(`my key ${nsec} oops`)).toBe(true);
    expect(holdsSecretKey(`nostr:${nsec}`)).toBe(true);
    expect(holdsSecretKey(nsec.toUpperCase())).toBe(true);
    expect(holdsSecretKey(`x${nsec}`)).toBe(true);
    expect(holdsSecretKey('ncryptsec1qgg9947rlpvqu76pj5ecreduf9jxhselq2nae2kghhvd5g7dgjtcxfqtd67p9m0w57lspw8gsq6yphnm8623nsl8xn9j4jdzz84zm3frztj3z7s35vpzmqf6ksu8r89qk5z2zxfmu5gv8th8wclt0h4p')).toBe(true);
  });
  it('does not block text that only looks like one', () => {
    expect(holdsSecretKey('nsec1 is the prefix of a secret key')).toBe(false);
    expect(holdsSecretKey(nsec.slice(0, -1) + (nsec.endsWith('q') ? 'p' : 'q'))).toBe(false);
    expect(holdsSecretKey('hello nostr')).toBe(false);
  });
});

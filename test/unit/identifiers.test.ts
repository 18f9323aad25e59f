import { nprofileEncode, npubEncode, nsecEncode } from 'nostr-tools/nip19';
import { getPublicKey } from 'nostr-tools/pure';
import { bytesToHex } from 'nostr-tools/utils';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { parseKeyInput, parsePublicKey, shortNpub } from '../../src/core/identifiers.js';
import { userError } from '../helpers/user-error.js';

const SECRET = Uint8Array.from({ length: 32 }, (_, i) => i + 1);
const PUBKEY = getPublicKey(SECRET);
const NPUB = npubEncode(PUBKEY);
const NSEC = nsecEncode(SECRET);

describe('parsePublicKey', () => {
  it.each([
    ['npub', NPUB],
    ['npub in upper case', NPUB.toUpperCase()],
    ['nprofile with relay hints', nprofileEncode({ pubkey: PUBKEY, relays: ['wss://relay.example'] })],
    ['hex', PUBKEY],
    ['upper-case hex', PUBKEY.toUpperCase()],
    ['nostr: URI (NIP-21)', `nostr:${NPUB}`],
    ['surrounding whitespace', `  ${NPUB}\n`],
  ])('accepts %s', (_name, input) => {
    expect(parsePublicKey(input)).toBe(PUBKEY);
  });

  it.each([NSEC, `nostr:${NSEC}`, NSEC.toUpperCase()])('refuses a secret key, says it is secret, and does not repeat it', (input) => {
    const error = userError(() => parsePublicKey(input));
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(/secret key.*never share it/);
    expect(error.message).not.toContain(NSEC.slice(5, 20));
  });

  it.each(['', 'npub1', NPUB.slice(0, -1), `${PUBKEY}0`, PUBKEY.slice(1), 'note1xyz', `0x${PUBKEY}`, 'npub1' + 'q'.repeat(6000)])(
    'refuses %j with a usage error',
    (input) => {
      const error = userError(() => parsePublicKey(input));
      expect(error.exitCode).toBe(2);
      expect(error.message).toMatch(/^not a public key/);
    },
  );

  it('refuses an npub whose data is not 32 bytes', async () => {
    const { encodeBytes } = await import('nostr-tools/nip19');
    expect(() => parsePublicKey(encodeBytes('npub', new Uint8Array(31)))).toThrow(UserError);
  });
});

describe('parseKeyInput', () => {
  it('reads nsec and hex as secret keys', () => {
    for (const input of [NSEC, bytesToHex(SECRET), ` ${NSEC}\n`]) {
      const key = parseKeyInput(input);
      expect(key.type).toBe('secret');
      expect(key.type === 'secret' && bytesToHex(key.secretKey)).toBe(bytesToHex(SECRET));
    }
  });

  it('reads npub as public only', () => {
    expect(parseKeyInput(NPUB)).toEqual({ type: 'public', pubkey: PUBKEY });
  });

  it('keeps an ncryptsec as it is', () => {
    const ncryptsec = 'ncryptsec1qgg9947rlpvqu76pj5ecreduf9jxhselq2nae2kghhvd5g7dgjtcxfqtd67p9m0w57lspw8gsq6yphnm8623nsl8xn9j4jdzz84zm3frztj3z7s35vpzmqf6ksu8r89qk5z2zxfmu5gv8th8wclt0h4p';
    expect(parseKeyInput(ncryptsec)).toEqual({ type: 'encrypted', ncryptsec });
  });

  it('refuses anything else without echoing it', () => {
    const error = userError(() => parseKeyInput(NSEC.slice(0, -2)));
    expect(error.message).not.toContain(NSEC.slice(5, 20));
    expect(error.exitCode).toBe(2);
  });
});

describe('shortNpub', () => {
  it('keeps the prefix and the last four characters', () => {
    expect(shortNpub(PUBKEY)).toBe(`${NPUB.slice(0, 9)}…${NPUB.slice(-4)}`);
  });
});

// Key storage read and written exactly (issue #20, mutation testing of
// src/store/keys.ts): every malformed field named, the file's layout, the
// encrypted form round-tripped, and each ncryptsec header check on its own.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { encodeBytes } from 'nostr-tools/nip19';
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { bytesToHex } from 'nostr-tools/utils';
import { bech32 } from '@scure/base';
import { describe, expect, it } from 'vitest';
import { KeySecurity, KeyStore, LocalSigner, decryptSecret, encryptSecret, plainSecret, storedPubkey } from '../../src/store/keys.js';
import { userError } from '../helpers/user-error.js';

const home = () => fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-keys-exact-'));
const write = (store: KeyStore, data: unknown) => fs.writeFileSync(store.file, JSON.stringify(data), { mode: 0o600 });
const secretKey = generateSecretKey();
const pubkey = getPublicKey(secretKey);
// A low scrypt cost keeps the tests fast; the cost is a parameter of the format.
const ncryptsec = encryptSecret(secretKey, 'correct horse', KeySecurity.secure, 4);

/** The same ncryptsec bytes with one byte changed, or cut, re-encoded (optionally under another prefix). */
function tampered(change: (bytes: Uint8Array) => Uint8Array, prefix = 'ncryptsec'): string {
  const { words } = bech32.decode(ncryptsec as `${string}1${string}`, 5000);
  return encodeBytes(prefix as 'nsec', change(Uint8Array.from(bech32.fromWords(words))));
}

describe('keys.json, exactly', () => {
  it('a plain key is written tab-indented with a final newline, pubkey first', () => {
    const store = new KeyStore(home());
    store.save({ pubkey, secret: { type: 'plain', secretKey } });
    expect(fs.readFileSync(store.file, 'utf8')).toBe(`{\n\t"pubkey": "${pubkey}",\n\t"secretKey": "${bytesToHex(secretKey)}"\n}\n`);
  });

  it('an encrypted key is stored as its ncryptsec only, and read back as such', () => {
    const store = new KeyStore(home());
    store.save({ pubkey, secret: { type: 'encrypted', ncryptsec } });
    expect(JSON.parse(fs.readFileSync(store.file, 'utf8'))).toEqual({ pubkey, ncryptsec });
    expect(store.load()).toEqual({ pubkey, secret: { type: 'encrypted', ncryptsec } });
  });

  it('a public key alone is read back without a secret', () => {
    const store = new KeyStore(home());
    store.save({ pubkey });
    expect(JSON.parse(fs.readFileSync(store.file, 'utf8'))).toEqual({ pubkey });
    expect(store.load()).toEqual({ pubkey });
  });

  it('names each malformed field', () => {
    const store = new KeyStore(home());
    const cases: Array<[unknown, RegExp]> = [
      [{ pubkey: 42 }, /field "pubkey" must be 64 lower-case hex characters/],
      [{ pubkey: pubkey.toUpperCase() }, /field "pubkey" must be 64 lower-case hex characters/],
      [{ pubkey, secretKey: bytesToHex(secretKey), ncryptsec }, /holds both "secretKey" and "ncryptsec"; keep one/],
      [{ pubkey, secretKey: 7 }, /field "secretKey" must be 64 lower-case hex characters/],
      [{ pubkey, secretKey: 'ab' }, /field "secretKey" must be 64 lower-case hex characters/],
      [{ pubkey, ncryptsec: 5 }, /field "ncryptsec" must be a NIP-49 ncryptsec1… string/],
      [{ pubkey, ncryptsec: `x${ncryptsec}` }, /field "ncryptsec" must be a NIP-49 ncryptsec1… string/],
      [{ pubkey, ncryptsec: `${ncryptsec}!` }, /field "ncryptsec" must be a NIP-49 ncryptsec1… string/],
      [{ pubkey, ncryptsec: 'ncryptsec1' }, /field "ncryptsec" must be a NIP-49 ncryptsec1… string/],
      [{ pubkey, ncryptsec: 'ncryptsec1bbbb' }, /field "ncryptsec" must be a NIP-49 ncryptsec1… string/],
      // A list holding a well-formed value is not that value.
      [{ pubkey: [pubkey] }, /field "pubkey" must be 64 lower-case hex characters/],
      [{ pubkey, secretKey: [bytesToHex(secretKey)] }, /field "secretKey" must be 64 lower-case hex characters/],
      [{ pubkey, ncryptsec: [ncryptsec] }, /field "ncryptsec" must be a NIP-49 ncryptsec1… string/],
    ];
    for (const [data, message] of cases) {
      write(store, data);
      expect(userError(() => store.load()).message, JSON.stringify(data)).toMatch(message);
    }
  });

  it('storedPubkey: the public key, or undefined with no file or a damaged one', () => {
    const dir = home();
    expect(storedPubkey(dir)).toBeUndefined();
    new KeyStore(dir).save({ pubkey, secret: { type: 'plain', secretKey } });
    expect(storedPubkey(dir)).toBe(pubkey);
    write(new KeyStore(dir), { pubkey: 'nope' });
    expect(storedPubkey(dir)).toBeUndefined();
  });

  it('a signer serialises as its public key alone', () => {
    expect(JSON.stringify(new LocalSigner(secretKey))).toBe(JSON.stringify({ pubkey }));
  });

  it('plainSecret: only a plain secret', () => {
    expect(plainSecret({ pubkey, secret: { type: 'plain', secretKey } })).toBe(secretKey);
    expect(plainSecret({ pubkey, secret: { type: 'encrypted', ncryptsec } })).toBeUndefined();
    expect(plainSecret({ pubkey })).toBeUndefined();
  });
});

describe('the ncryptsec header is checked before any scrypt run (NIP-49)', () => {
  it('the untouched one decrypts', () => {
    expect(decryptSecret(ncryptsec, 'correct horse')).toEqual(secretKey);
  });

  it('another version, another prefix or another length is malformed, not a wrong passphrase', () => {
    const malformed = /malformed or of an unknown version/;
    expect(userError(() => decryptSecret(tampered((b) => b.map((v, i) => (i === 0 ? 1 : v))), 'correct horse')).message).toMatch(malformed);
    expect(userError(() => decryptSecret(tampered((b) => b, 'nsec'), 'correct horse')).message).toMatch(malformed);
    expect(userError(() => decryptSecret(tampered((b) => b.slice(0, 90)), 'correct horse')).message).toMatch(malformed);
    expect(userError(() => decryptSecret(tampered((b) => Uint8Array.from([...b, 0])), 'correct horse')).message).toMatch(malformed);
  });

  it('a cost above 2^20 is refused by its number', () => {
    expect(userError(() => decryptSecret(tampered((b) => b.map((v, i) => (i === 1 ? 21 : v))), 'pw')).message).toMatch(/scrypt cost of 2\^21, more than nostr-tui allows \(2\^20\)/);
  });
});

// The user's public key is derived with Node's OpenSSL (secp256k1); it must be nostr-tools' x-only
// key for every secret, refuse what nostr-tools refuses, and the loader must still report a key
// file whose public key does not belong to its secret.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { bytesToHex, hexToBytes } from 'nostr-tools/utils';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { derivePublicKey } from '../../src/core/derive-key.js';
import { KeyStore } from '../../src/store/keys.js';

const home = () => fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-public-key-'));
const writeKeys = (dir: string, data: object) => fs.writeFileSync(path.join(dir, 'keys.json'), JSON.stringify(data), { mode: 0o600 });
/** secp256k1's group order n: secret keys are 1 … n-1. */
const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const secret = (value: bigint) => hexToBytes(value.toString(16).padStart(64, '0'));

describe('derivePublicKey', () => {
  it("is nostr-tools' x-only public key, whichever parity the point has", () => {
    const secrets = [...Array.from({ length: 300 }, () => randomBytes(32)), secret(1n), secret(2n), secret(N - 1n), secret(N - 2n)];
    for (const key of secrets) expect(derivePublicKey(key)).toBe(getPublicKey(key));
  });

  it('refuses what is not a secret key (0, the order and above), as nostr-tools does', () => {
    for (const value of [0n, N, N + 1n, 2n ** 256n - 1n]) {
      expect(() => getPublicKey(secret(value))).toThrow();
      expect(() => derivePublicKey(secret(value))).toThrow();
    }
  });

  it("uses nostr-tools where Node's OpenSSL has no secp256k1", () => {
    const key = generateSecretKey();
    const noCurve = () => {
      throw new Error('Invalid EC curve name');
    };
    expect(derivePublicKey(key, noCurve)).toBe(getPublicKey(key));
  });
});

describe('loading the stored key', () => {
  it('accepts a key file whose public key belongs to its secret', () => {
    const dir = home();
    const secretKey = generateSecretKey();
    new KeyStore(dir).save({ pubkey: getPublicKey(secretKey), secret: { type: 'plain', secretKey } });
    expect(new KeyStore(dir).load()?.pubkey).toBe(getPublicKey(secretKey));
  });

  it('reports a public key that does not belong to the secret', () => {
    const dir = home();
    writeKeys(dir, { pubkey: getPublicKey(generateSecretKey()), secretKey: bytesToHex(generateSecretKey()) });
    expect(() => new KeyStore(dir).load()).toThrow(UserError);
    expect(() => new KeyStore(dir).load()).toThrow(/does not belong/);
  });

  it('reports a secret that is not a key (zero)', () => {
    const dir = home();
    writeKeys(dir, { pubkey: 'a'.repeat(64), secretKey: '0'.repeat(64) });
    expect(() => new KeyStore(dir).load()).toThrow(/not a valid secret key/);
  });
});

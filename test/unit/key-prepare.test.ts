// Start-up derives the public key with nostr-wasm before the first load; the
// loader must still accept the right key and report every wrong one as before.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { bytesToHex } from 'nostr-tools/utils';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { loadNostrWasm } from '../../src/net/verify.js';
import { KeyStore, preparePublicKey } from '../../src/store/keys.js';

const home = () => fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-key-prepare-'));
const wasmDerive = async (secretKey: Uint8Array) => {
  const wasm = await loadNostrWasm();
  return wasm ? bytesToHex(wasm.getPublicKey(secretKey)) : undefined;
};
const writeKeys = (dir: string, data: object) => fs.writeFileSync(path.join(dir, 'keys.json'), JSON.stringify(data), { mode: 0o600 });

describe('preparePublicKey', () => {
  it('nostr-wasm derives the same public key as nostr-tools, and load() accepts it', async () => {
    const dir = home();
    const secretKey = generateSecretKey();
    new KeyStore(dir).save({ pubkey: getPublicKey(secretKey), secret: { type: 'plain', secretKey } });
    const other = generateSecretKey();
    expect(await wasmDerive(other)).toBe(getPublicKey(other));
    await preparePublicKey(new KeyStore(dir), wasmDerive);
    expect(new KeyStore(dir).load()?.pubkey).toBe(getPublicKey(secretKey));
  });

  it('a pubkey that does not belong to the secret is still reported after preparing', async () => {
    const dir = home();
    const secretKey = generateSecretKey();
    writeKeys(dir, { pubkey: getPublicKey(generateSecretKey()), secretKey: bytesToHex(secretKey) });
    await preparePublicKey(new KeyStore(dir), wasmDerive);
    expect(() => new KeyStore(dir).load()).toThrow(UserError);
    expect(() => new KeyStore(dir).load()).toThrow(/does not belong/);
  });

  it('an invalid secret (zero) is left for load() to report', async () => {
    const dir = home();
    writeKeys(dir, { pubkey: 'a'.repeat(64), secretKey: '0'.repeat(64) });
    await preparePublicKey(new KeyStore(dir), wasmDerive);
    expect(() => new KeyStore(dir).load()).toThrow(/not a valid secret key/);
  });

  it('no file, broken JSON or a read-only key: nothing to prepare, nothing thrown', async () => {
    const dir = home();
    await expect(preparePublicKey(new KeyStore(dir), wasmDerive)).resolves.toBeUndefined();
    fs.writeFileSync(path.join(dir, 'keys.json'), '{not json', { mode: 0o600 });
    await expect(preparePublicKey(new KeyStore(dir), wasmDerive)).resolves.toBeUndefined();
    writeKeys(dir, { pubkey: getPublicKey(generateSecretKey()) });
    await expect(preparePublicKey(new KeyStore(dir), wasmDerive)).resolves.toBeUndefined();
  });

  it('a derivation that fails or answers nonsense is ignored: load() derives the key itself', async () => {
    for (const derive of [async () => 'not a key', async () => undefined, async () => Promise.reject(new Error('no wasm'))]) {
      const dir = home();
      const secretKey = generateSecretKey();
      new KeyStore(dir).save({ pubkey: getPublicKey(secretKey), secret: { type: 'plain', secretKey } });
      await expect(preparePublicKey(new KeyStore(dir), derive)).resolves.toBeUndefined();
      expect(new KeyStore(dir).load()?.pubkey).toBe(getPublicKey(secretKey));
    }
  });

  it('the prepared key is the one load() compares with (it does not derive again)', async () => {
    const dir = home();
    const secretKey = generateSecretKey();
    new KeyStore(dir).save({ pubkey: getPublicKey(secretKey), secret: { type: 'plain', secretKey } });
    // A derivation that disagrees with nostr-tools shows which of the two load() used.
    const other = getPublicKey(generateSecretKey());
    await preparePublicKey(new KeyStore(dir), async () => other);
    expect(() => new KeyStore(dir).load()).toThrow(/does not belong/);
  });

  it('only a well-formed hex secret is handed to the derivation', async () => {
    const asked: string[] = [];
    const derive = async (secretKey: Uint8Array) => {
      asked.push(bytesToHex(secretKey));
      return undefined;
    };
    const dir = home();
    for (const secretKey of [42, 'ab', 'A'.repeat(64), null, ['b'.repeat(64)]]) {
      writeKeys(dir, { pubkey: 'a'.repeat(64), secretKey });
      await preparePublicKey(new KeyStore(dir), derive);
    }
    expect(asked).toEqual([]);
    writeKeys(dir, { pubkey: 'a'.repeat(64), secretKey: 'b'.repeat(64) });
    await preparePublicKey(new KeyStore(dir), derive);
    expect(asked).toEqual(['b'.repeat(64)]);
  });
});

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
});

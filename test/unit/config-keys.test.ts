import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { encodeBytes } from 'nostr-tools/nip19';
import { verifyEvent } from 'nostr-tools/pure';
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { ConfigStore, DEFAULT_RELAYS, relaysForRun } from '../../src/store/config.js';
import { KeySecurity, KeyStore, LocalSigner, decryptSecret, encryptSecret } from '../../src/store/keys.js';
import { userError } from '../helpers/user-error.js';

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-config-'));
const mode = (file: string) => fs.statSync(file).mode & 0o777;

describe('config', () => {
  it('uses the default relays until the user sets their own', () => {
    const config = new ConfigStore(tempDir());
    expect(config.relays()).toEqual(DEFAULT_RELAYS);
    expect(config.hasOwnRelays()).toBe(false);
    config.setRelays([{ url: 'wss://mine.example', read: true, write: false }]);
    expect(config.relays()).toEqual([{ url: 'wss://mine.example', read: true, write: false }]);
    expect(JSON.parse(fs.readFileSync(config.file, 'utf8'))).toEqual({ relays: [{ url: 'wss://mine.example', read: true, write: false }] });
  });

  it('--relay replaces the configured relays, normalised and deduped', () => {
    const config = new ConfigStore(tempDir());
    expect(relaysForRun(config, ['WSS://A.example/', 'wss://a.example', 'ws://b.example:80'])).toEqual([
      { url: 'wss://a.example', read: true, write: true },
      { url: 'ws://b.example', read: true, write: true },
    ]);
    expect(relaysForRun(config, [])).toEqual(DEFAULT_RELAYS);
  });

  it.each([
    ['{not json', /config\.json: is not valid JSON/],
    ['[]', /config\.json: must hold a JSON object/],
    ['{"relays": "wss://x.example"}', /field "relays" must be a list/],
    ['{"relays": [42]}', /field "relays\[0\]" must be an object/],
    ['{"relays": [{"url": 1}]}', /field "relays\[0\]\.url" must be a string/],
    ['{"relays": [{"url": "https://x.example"}]}', /field "relays\[0\]\.url" is not a ws:\/\/ or wss:\/\/ URL/],
    ['{"relays": [{"url": "wss://x.example", "read": "yes"}]}', /field "relays\[0\]\.read" must be true or false/],
  ])('a broken file %s is named with its field and never overwritten', (text, message) => {
    const config = new ConfigStore(tempDir());
    fs.writeFileSync(config.file, text);
    const error = userError(() => config.relays());
    expect(error.message).toMatch(message);
    expect(error.message).toContain(config.file);
    expect(() => config.setRelays([])).toThrow(UserError);
    expect(fs.readFileSync(config.file, 'utf8')).toBe(text);
  });

  it('one relay spelled two ways in a hand-edited file is listed once, where it first appears, read or written when either entry says so', () => {
    const config = new ConfigStore(tempDir());
    fs.mkdirSync(path.dirname(config.file), { recursive: true, mode: 0o700 });
    fs.writeFileSync(
      config.file,
      JSON.stringify({
        relays: [
          { url: 'ws://127.0.0.1:7777', write: false },
          { url: 'wss://other.example' },
          { url: 'WS://127.0.0.1:7777/', read: false },
        ],
      }),
    );
    expect(config.relays()).toEqual([
      { url: 'ws://127.0.0.1:7777', read: true, write: true },
      { url: 'wss://other.example', read: true, write: true },
    ]);
    // The next edit writes it back once.
    config.editRelays((relays) => relays);
    expect(JSON.parse(fs.readFileSync(config.file, 'utf8')).relays).toHaveLength(2);
  });

  it('keeps fields it does not know when it writes', () => {
    const config = new ConfigStore(tempDir());
    fs.writeFileSync(config.file, '{"theme":"dark"}');
    config.setRelays([]);
    expect(JSON.parse(fs.readFileSync(config.file, 'utf8'))).toEqual({ theme: 'dark', relays: [] });
  });
});

describe('key store', () => {
  it('writes the key file 0600 in a 0700 directory and reads it back', () => {
    const dir = path.join(tempDir(), 'nested', 'config');
    const store = new KeyStore(dir);
    const secretKey = generateSecretKey();
    const pubkey = getPublicKey(secretKey);
    expect(store.load()).toBeUndefined();
    store.save({ pubkey, secret: { type: 'plain', secretKey } });
    expect(mode(store.file)).toBe(0o600);
    expect(mode(dir)).toBe(0o700);
    expect(store.load()).toEqual({ pubkey, secret: { type: 'plain', secretKey } });
  });

  it('refuses a secret file others can read, saying how to fix it', () => {
    const store = new KeyStore(tempDir());
    const secretKey = generateSecretKey();
    store.save({ pubkey: getPublicKey(secretKey), secret: { type: 'plain', secretKey } });
    fs.chmodSync(store.file, 0o644);
    const error = userError(() => store.load());
    expect(error.exitCode).toBe(1);
    expect(error.message).toContain(`chmod 600 '${store.file}'`);
    expect(error.message).toContain(`${store.file} holds your secret key but other users can read it (mode 644). `);
  });

  it('allows a public-only file whatever its mode', () => {
    const store = new KeyStore(tempDir());
    store.save({ pubkey: 'a'.repeat(64) });
    fs.chmodSync(store.file, 0o644);
    expect(store.load()).toEqual({ pubkey: 'a'.repeat(64) });
  });

  it('never quotes a damaged key file in its error', () => {
    const store = new KeyStore(tempDir());
    const secret = '0123456789abcdef'.repeat(4);
    for (const text of [`{"secretKey": "${secret}" x`, `${secret}`, `{"secretKey": ${secret}}`, `"${secret}`]) {
      fs.writeFileSync(store.file, text, { mode: 0o600 });
      const error = userError(() => store.load());
      expect(error.message).toMatch(/keys\.json: is not valid JSON/);
      expect(error.message).not.toMatch(/0123456789/);
    }
  });

  it('names the field of a damaged key file', () => {
    const store = new KeyStore(tempDir());
    fs.writeFileSync(store.file, JSON.stringify({ pubkey: 'b'.repeat(64), secretKey: '1'.repeat(64) }), { mode: 0o600 });
    expect(userError(() => store.load()).message).toMatch(/field "pubkey" does not belong to "secretKey"/);
    fs.writeFileSync(store.file, JSON.stringify({ pubkey: 42 }));
    expect(userError(() => store.load()).message).toMatch(/field "pubkey" must be 64/);
  });
});

describe('NIP-49', () => {
  it('decrypts the NIP test vector', () => {
    const secret = decryptSecret(
      'ncryptsec1qgg9947rlpvqu76pj5ecreduf9jxhselq2nae2kghhvd5g7dgjtcxfqtd67p9m0w57lspw8gsq6yphnm8623nsl8xn9j4jdzz84zm3frztj3z7s35vpzmqf6ksu8r89qk5z2zxfmu5gv8th8wclt0h4p',
      'nostr',
    );
    expect(Buffer.from(secret).toString('hex')).toBe('3501454135014541350145413501453fefb02227e449e57cf4d3a3ce05378683');
  });

  it('round-trips, with the key security byte stored, and a wrong passphrase is exit 1', () => {
    const secretKey = generateSecretKey();
    // A low cost keeps the test fast; the cost is a parameter of the format.
    const ncryptsec = encryptSecret(secretKey, 'correct horse', KeySecurity.secure, 8);
    expect(decryptSecret(ncryptsec, 'correct horse')).toEqual(secretKey);
    const error = userError(() => decryptSecret(ncryptsec, 'wrong'));
    expect(error.exitCode).toBe(1);
    expect(error.message).toMatch(/wrong passphrase/);
  });

  it('refuses a crafted scrypt cost before trying it', () => {
    // Version 2, log_n 30 (2^30 rounds, 128 GiB), then salt, nonce, key security byte, ciphertext.
    const bytes = Uint8Array.from([2, 30, ...new Uint8Array(16), ...new Uint8Array(24), 1, ...new Uint8Array(48)]);
    const ncryptsec = encodeBytes('ncryptsec', bytes);
    expect(userError(() => decryptSecret(ncryptsec, 'pw')).message).toMatch(/scrypt cost of 2\^30/);
  });

  it('refuses a malformed ncryptsec', () => {
    expect(userError(() => decryptSecret('ncryptsec1qqqq', 'pw')).message).toMatch(/malformed/);
  });
});

describe('LocalSigner', () => {
  it('signs valid events with the stored key and does not serialise the secret', async () => {
    const secretKey = generateSecretKey();
    const signer = new LocalSigner(secretKey);
    const event = await signer.signEvent({ kind: 1, created_at: 1, tags: [], content: 'hi' });
    expect(verifyEvent(event)).toBe(true);
    expect(event.pubkey).toBe(await signer.getPublicKey());
    expect(JSON.stringify(signer)).not.toContain(Buffer.from(secretKey).toString('hex'));
  });
});

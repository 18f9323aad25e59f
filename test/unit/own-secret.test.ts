// Issue 16 item 2, the parsers: the user's own secret is never taken for a public key or a relay URL.
import { npubEncode, nprofileEncode, nsecEncode } from 'nostr-tools/nip19';
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { bytesToHex } from 'nostr-tools/utils';
import { describe, expect, it } from 'vitest';
import { containsSecret, isSecretOf, parsePublicKey } from '../../src/core/identifiers.js';
import { normalizeRelayUrl } from '../../src/core/relay-url.js';
import { userError } from '../helpers/user-error.js';

const secretKey = generateSecretKey();
const hex = bytesToHex(secretKey);
const own = getPublicKey(secretKey);

describe('own secret where a public key belongs', () => {
  it.each([
    ['hex', hex],
    ['upper-case hex', hex.toUpperCase()],
    ['nostr: hex', `nostr:${hex}`],
    ['npub of the secret', npubEncode(hex)],
    ['nprofile of the secret', nprofileEncode({ pubkey: hex, relays: [] })],
    ['nsec', nsecEncode(secretKey)],
  ])('%s is refused with the nsec error', (_, input) => {
    expect(userError(() => parsePublicKey(input, own)).message).toMatch(/^that is a secret key, not a public key: never share it/);
  });

  it('the public key itself and others are accepted', () => {
    expect(parsePublicKey(own, own)).toBe(own);
    const other = getPublicKey(generateSecretKey());
    expect(parsePublicKey(npubEncode(other), own)).toBe(other);
    expect(isSecretOf('f'.repeat(64), own)).toBe(false); // above the curve order: nobody's secret
  });
});

describe('secrets in relay URLs', () => {
  it('an nsec anywhere is refused without quoting it; the own secret hex anywhere too', () => {
    const nsec = nsecEncode(generateSecretKey());
    for (const url of [`ws://${nsec}`, `wss://r.example/${nsec}`, `wss://r.example/x${hex}y`, `wss://r.example/?a=00${hex.toUpperCase()}`]) {
      const error = userError(() => normalizeRelayUrl(url, own));
      expect(error.message).toMatch(/holds a secret key/);
      expect(error.message).not.toContain(nsec);
      expect(error.message).not.toContain(hex);
    }
    expect(containsSecret(`wss://r.example/${own}`, own)).toBe(false);
    expect(normalizeRelayUrl(`wss://r.example/${own}`, own)).toBe(`wss://r.example/${own}`);
  });

  it('looks at the first eight 64-character windows of hex in a URL: a pasted key, not every window of a hostile one', () => {
    // A relay list or a quote hint from someone else can hold 2,000 hex characters, and each
    // window costs a key derivation: all of them held the main thread a second per URL.
    expect(containsSecret(`wss://r.example/${'0'.repeat(7)}${hex}`, own)).toBe(true);
    expect(containsSecret(`wss://r.example/${'0'.repeat(8)}${hex}`, own)).toBe(false);
  });
});

describe('the follow service (the UI follows through it)', () => {
  it('refuses the own secret before any relay is asked or anything is signed', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const { createClient } = await import('../../src/client/client.js');
    const { follow } = await import('../../src/client/follows.js');
    const { KeyStore } = await import('../../src/store/keys.js');
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-own-'));
    new KeyStore(home).save({ pubkey: own, secret: { type: 'plain', secretKey } });
    const client = createClient({ paths: { configDir: home, dataDir: path.join(home, 'data') }, env: {}, clock: { now: () => 0 }, relayOverride: ['ws://127.0.0.1:1'] });
    try {
      await expect(follow(client, hex)).rejects.toThrow(/that is a secret key, not a public key/);
      expect(fs.existsSync(path.join(home, 'data'))).toBe(false);
    } finally {
      await client.close();
    }
  });
});

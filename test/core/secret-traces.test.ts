// Pieces of the user's own secret in an error message (a value quoted cut short, an id
// re-encoded as note1…) are found from the secret typed, and only those.
import { neventEncode, noteEncode, npubEncode } from 'nostr-tools/nip19';
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { bytesToHex } from 'nostr-tools/utils';
import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../../src/core/redact.js';
import { ownSecretsTyped, secretTracesIn } from '../../src/core/secret-traces.js';

const secret = generateSecretKey();
const hex = bytesToHex(secret);
const pubkey = getPublicKey(secret);
const other = 'ab'.repeat(32);

describe('secret traces', () => {
  it('finds the own secret typed as hex (any case) or inside a note1/nevent/npub, and nothing else', () => {
    expect(ownSecretsTyped(`--since ${hex.toUpperCase()}`, pubkey)).toEqual([hex]);
    expect(ownSecretsTyped(noteEncode(hex), pubkey)).toEqual([hex]);
    expect(ownSecretsTyped(neventEncode({ id: hex }), pubkey)).toEqual([hex]);
    expect(ownSecretsTyped(`${other} ${noteEncode(other)} ${npubEncode(pubkey)}`, pubkey)).toEqual([]);
    expect(ownSecretsTyped(hex, undefined)).toEqual([]);
  });

  it('a piece cut from the secret, or a note1 made from it, is redacted; other hex and unix times stay', () => {
    const message = `--since "${hex.slice(0, 40)}" x "${hex.slice(30, 50).toUpperCase()}" ${noteEncode(hex)} ${other.slice(0, 40)} 1700000000`;
    const shown = redactSecrets(message, secretTracesIn(message, [hex]));
    expect(shown).toBe(`--since "[redacted secret]" x "[redacted secret]" [redacted secret] ${other.slice(0, 40)} 1700000000`);
  });
});

import { nsecEncode, decode } from 'nostr-tools/nip19';
import { encrypt } from 'nostr-tools/nip49';
import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../../src/core/redact.js';

// A fixed key: the test proves redaction, not key generation.
const secret = Uint8Array.from({ length: 32 }, (_, i) => i + 1);
const nsec = nsecEncode(secret);

describe('redactSecrets', () => {
  it('hides an nsec wherever it sits in a message, in either case', () => {
    expect(redactSecrets(`bad key ${nsec}, try again`)).toBe('bad key [redacted secret], try again');
    expect(redactSecrets(`nostr:${nsec.toUpperCase()}`)).toBe('nostr:[redacted secret]');
  });

  it('hides an ncryptsec (NIP-49)', () => {
    const ncryptsec = encrypt(secret, 'passphrase', 1);
    expect(redactSecrets(`could not read ${ncryptsec}`)).toBe('could not read [redacted secret]');
  });

  it('hides the nsec that the bech32 decoder quotes in its own error', () => {
    const mistyped = nsec.slice(0, -1) + (nsec.endsWith('q') ? 'p' : 'q');
    let message = '';
    try {
      decode(mistyped);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(mistyped.slice(5, 30));
    expect(redactSecrets(message)).not.toContain(mistyped.slice(5, 30));
  });

  it('hides known secrets the caller names: a hex key in any case, a passphrase', () => {
    const hex = Buffer.from(secret).toString('hex');
    const text = `key ${hex} / ${hex.toUpperCase()} with pass (a+b)*`;
    expect(redactSecrets(text, [hex, '(a+b)*'])).toBe(
      'key [redacted secret] / [redacted secret] with pass [redacted secret]',
    );
  });

  it('leaves public identifiers and ordinary text alone', () => {
    const text = 'npub1sn0wdenkukak0d9dfczzeacvhkrgz92ak56egt7vdgzn8pv2wfqqhrjdv9 said nsec is a prefix';
    expect(redactSecrets(text, [''])).toBe(text);
  });
});

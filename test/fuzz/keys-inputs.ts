// Hostile keys.json contents and ncryptsec strings (NIP-49) for the key store.
import { encodeBytes } from 'nostr-tools/nip19';
import { getPublicKey } from 'nostr-tools/pure';
import { deeplyNested, type Fuzz } from '../helpers/fuzz.js';

const SECRET_HEX = '70'.repeat(32);
const PUBKEY = getPublicKey(Uint8Array.from({ length: 32 }, () => 0x70));
const CURVE_ORDER = 'fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141';

export interface KeysInput {
  file: string | Uint8Array;
  /** An ncryptsec to try to decrypt with a wrong passphrase. */
  ncryptsec?: string;
}

/** An ncryptsec with a valid checksum and a chosen header: version and scrypt cost (log2 N). */
function ncryptsec(fuzz: Fuzz, version: number, logN: number): string {
  const bytes = fuzz.bytes(91);
  const payload = Uint8Array.from({ length: 91 }, (_, i) => bytes[i] ?? 0);
  payload[0] = version;
  payload[1] = logN;
  return encodeBytes('ncryptsec', payload);
}

const wrong: unknown[] = [null, 0, true, [], {}, '', 'x', SECRET_HEX.toUpperCase(), SECRET_HEX.slice(1), '0'.repeat(64), CURVE_ORDER, 'f'.repeat(64)];

export function hostileKeys(fuzz: Fuzz, index: number): KeysInput {
  switch (index % 7) {
    case 0:
      return { file: fuzz.bytes(200) };
    case 1: {
      const json = JSON.stringify({ pubkey: PUBKEY, secretKey: SECRET_HEX });
      return { file: json.slice(0, fuzz.int(json.length)) };
    }
    case 2:
      return {
        file: JSON.stringify(
          fuzz.pick<unknown>([
            { pubkey: fuzz.pick(wrong) },
            { pubkey: PUBKEY, secretKey: fuzz.pick(wrong) },
            { pubkey: PUBKEY, ncryptsec: fuzz.pick(wrong) },
            { pubkey: fuzz.pick(wrong), secretKey: SECRET_HEX },
            { pubkey: PUBKEY, secretKey: SECRET_HEX, ncryptsec: 'ncryptsec1qq' },
            { pubkey: 'a'.repeat(64), secretKey: SECRET_HEX },
            fuzz.value(),
          ]),
        ) ?? '',
      };
    case 3:
      return { file: fuzz.pick([deeplyNested(fuzz.pick([100, 10_000])), `{"pubkey":${deeplyNested(1_000)}}`, '{"__proto__":{"secretKey":"x"},"pubkey":"' + PUBKEY + '"}']) };
    case 4: {
      // A stored ncryptsec whose header asks for an absurd scrypt cost, an unknown version, or none at all.
      const text = fuzz.pick([ncryptsec(fuzz, 2, 21 + fuzz.int(235)), ncryptsec(fuzz, fuzz.int(256), 8), 'ncryptsec1' + 'q'.repeat(fuzz.int(300)), ncryptsec(fuzz, 2, fuzz.int(9))]);
      return { file: JSON.stringify({ pubkey: PUBKEY, ncryptsec: text }), ncryptsec: text };
    }
    case 5:
      return { file: JSON.stringify(fuzz.value()) ?? '' };
    default:
      return { file: fuzz.hostileText(100) };
  }
}

// Hostile public-key input (NIP-19 bech32 and TLV, NIP-21 URIs, hex) for parsePublicKey.
import { encodeBytes, nprofileEncode, npubEncode, nsecEncode } from 'nostr-tools/nip19';
import type { Fuzz } from '../helpers/fuzz.js';

export interface PublicKeyInput {
  text: string;
  /** The hex key it must decode to, when the input is a valid form of it. */
  expect?: string;
  /** The input holds a secret key: it must be refused, and not repeated back. */
  secret?: string;
}

const PUBKEY = '36b341ece77e1fc4c270c6cedc987f8f3d217be3ad4922cbc64db8c40a77f737';
const SECRET = Uint8Array.from({ length: 32 }, (_, i) => 0x40 + i);
const NSEC = nsecEncode(SECRET);
const NPUB = npubEncode(PUBKEY);
const NPROFILE = nprofileEncode({ pubkey: PUBKEY, relays: ['wss://relay.example', 'wss://other.example/path'] });

const validForms: PublicKeyInput[] = [
  { text: NPUB, expect: PUBKEY },
  { text: NPROFILE, expect: PUBKEY },
  { text: PUBKEY, expect: PUBKEY },
  { text: PUBKEY.toUpperCase(), expect: PUBKEY },
  { text: `nostr:${NPUB}`, expect: PUBKEY },
  { text: `nostr:${NPROFILE}`, expect: PUBKEY },
  { text: NPUB.toUpperCase(), expect: PUBKEY },
  { text: `  ${NPUB}\n`, expect: PUBKEY },
];

const secretForms = (): PublicKeyInput[] => [
  { text: NSEC, secret: NSEC.slice(5) },
  { text: `nostr:${NSEC}`, secret: NSEC.slice(5) },
  { text: NSEC.toUpperCase(), secret: NSEC.slice(5).toUpperCase() },
  { text: ` ${NSEC} `, secret: NSEC.slice(5) },
];

const PREFIXES = ['npub', 'nprofile', 'nsec', 'note', 'nevent', 'naddr', 'nrelay', 'ncryptsec', 'lnurl', 'x', 'npub1'];
const BECH32_CHARS = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';

function tlv(type: number, value: Uint8Array, declaredLength = value.length): number[] {
  return [type & 0xff, declaredLength & 0xff, ...value];
}

const bytesOf = (text: string) => Array.from(new TextEncoder().encode(text));
const pubkeyBytes = Uint8Array.from(PUBKEY.match(/../g)!.map((h) => parseInt(h, 16)));

/** nprofile TLV streams a careless decoder trips on (NIP-19 "TLV" section). */
function craftedNprofile(fuzz: Fuzz): string {
  const streams: number[][] = [
    tlv(0, pubkeyBytes.slice(0, 31)),
    tlv(0, Uint8Array.from([...pubkeyBytes, 0])),
    tlv(0, pubkeyBytes, 200),
    [...tlv(1, Uint8Array.from(bytesOf('wss://r.example'))), ...tlv(1, Uint8Array.from([0xff, 0x1b, 0x5b, 0x32, 0x4a]))],
    [...tlv(1, Uint8Array.from(bytesOf('\u001b]0;pwned\u0007'))), ...tlv(0, pubkeyBytes)],
    [...tlv(0, pubkeyBytes), ...tlv(0, Uint8Array.from(fuzz.bytes(32)))],
    [...tlv(0, pubkeyBytes), 1],
    [...tlv(0, pubkeyBytes), 7, 255, 1, 2],
    [0],
    [],
    Array.from({ length: 60 }, () => tlv(1, Uint8Array.from(bytesOf('wss://a.example')))).flat().concat(tlv(0, pubkeyBytes)),
    [...tlv(3, Uint8Array.from([0xff, 0xff, 0xff, 0xff])), ...tlv(0, pubkeyBytes)],
  ];
  return encodeBytes('nprofile', Uint8Array.from(fuzz.pick(streams)));
}

function mutate(fuzz: Fuzz, text: string): string {
  const chars = [...text];
  const at = fuzz.int(chars.length);
  switch (fuzz.int(4)) {
    case 0:
      chars[at] = fuzz.pick([...BECH32_CHARS, '1', 'b', 'i', 'o', ' ', '\u0000', 'é', '\u001b']);
      break;
    case 1:
      chars.splice(at, 0, fuzz.pick([...BECH32_CHARS]));
      break;
    case 2:
      chars.splice(at, 1 + fuzz.int(5));
      break;
    default:
      chars[at] = chars[at]!.toUpperCase();
  }
  return chars.join('');
}

export function hostilePublicKey(fuzz: Fuzz, index: number): PublicKeyInput {
  switch (index % 10) {
    case 0:
      return { text: fuzz.codeUnits(120) };
    case 1:
      return { text: fuzz.decodedBytes(120) };
    case 2:
      return fuzz.pick(validForms);
    case 3:
      return { text: mutate(fuzz, fuzz.pick([NPUB, NPROFILE, PUBKEY, `nostr:${NPUB}`])) };
    case 4: {
      // Any prefix over random bytes, with a valid checksum: reaches the TLV and length checks.
      const prefix = fuzz.pick(PREFIXES);
      const length = fuzz.pick([0, 1, 31, 32, 33, 64, fuzz.int(300), fuzz.int(2_000)]);
      const text = encodeBytes(prefix, fuzz.bytes(length).slice(0, length));
      return prefix === 'nsec' ? { text, secret: text.slice(5) } : { text };
    }
    case 5:
      return { text: craftedNprofile(fuzz) };
    case 6:
      return {
        text: fuzz.pick([
          PUBKEY.slice(1),
          `${PUBKEY}0`,
          `0x${PUBKEY}`,
          PUBKEY.replace('a', 'g'),
          `${PUBKEY.slice(0, 32)} ${PUBKEY.slice(32)}`,
          'f'.repeat(64),
          '0'.repeat(64),
          PUBKEY + PUBKEY,
          '',
          ' ',
          'nostr:',
          'npub1',
          'nostr:nostr:' + NPUB,
          'NOSTR:' + NPUB,
          'web+nostr:' + NPUB,
        ]),
      };
    case 7:
      return fuzz.pick(secretForms());
    case 8: {
      const size = fuzz.pick([100, 1_000, 5_000, 100_000]);
      return {
        text: fuzz.pick([
          'npub1' + 'q'.repeat(size),
          'nprofile1' + Array.from({ length: 64 }, () => fuzz.pick([...BECH32_CHARS])).join('').repeat(size / 64),
          'nostr:'.repeat(size / 10) + NPUB,
          'a'.repeat(size),
          NPUB + ' '.repeat(size),
        ]),
      };
    }
    default: {
      // A valid form wrapped in hostile text a web page might have added around it.
      const wrap = fuzz.pick(['\u202e', '\u200b', '\ufeff', '\u001b[31m', '"', '<', '\u00a0', '\r']);
      return { text: `${wrap}${fuzz.pick([NPUB, NPROFILE, PUBKEY])}${wrap}` };
    }
  }
}

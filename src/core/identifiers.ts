// Turning what a user types into keys. NIP-19 (npub, nprofile, nsec), NIP-21
// (`nostr:` URIs) and plain 64-character hex. Errors never repeat the input:
// a pasted secret must not end up on the screen or in a log.
import { hexToBytes } from 'nostr-tools/utils';
import { decode, npubEncode } from 'nostr-tools/nip19';
import { derivePublicKey } from './derive-key.js';
import { usageError } from './errors.js';
import { isHex64 } from './event-shape.js';
import { RecentMap } from './recent.js';

/** NIP-19 keeps bech32 strings under 5,000 characters; nothing longer is worth decoding. */
const MAX_INPUT = 5_000;

/** A key the user typed, by what it can do. */
export type KeyInput =
  | { type: 'secret'; secretKey: Uint8Array }
  | { type: 'encrypted'; ncryptsec: string }
  | { type: 'public'; pubkey: string };

export const isHexKey = (text: string): boolean => isHex64(text);

/** Trims whitespace and a NIP-21 `nostr:` prefix (any case); bech32 is case-insensitive. */
function clean(input: string): string {
  const text = input.trim();
  return /^nostr:/i.test(text) ? text.slice(6) : text;
}

/** NIP-19 decode that reports failure as undefined instead of throwing with the input quoted. */
function decodeBech32(text: string): ReturnType<typeof decode> | undefined {
  if (text.length > MAX_INPUT) return undefined;
  try {
    // bech32 is either all lower or all upper case (BIP-173); decode wants lower.
    return decode(text === text.toUpperCase() ? text.toLowerCase() : text);
  } catch {
    return undefined;
  }
}

const looksSecret = (text: string): boolean => /^(nsec|ncryptsec)1/i.test(text);

export const secretWherePublic = () =>
  usageError('that is a secret key, not a public key: never share it. Use the npub instead (`nostr-tui key show` prints yours).');

/**
 * True when the 64 hex characters are the secret key whose public key is
 * `ownPubkey`. Derived rather than compared, so it works when the stored
 * secret is encrypted (keys.json always holds the public key).
 */
export function isSecretOf(hex: string, ownPubkey: string | undefined): boolean {
  if (!ownPubkey || !isHexKey(hex)) return false;
  try {
    return derivePublicKey(hexToBytes(hex)) === ownPubkey;
  } catch {
    return false; // not a valid secret key (0 or above the curve order): cannot be anyone's
  }
}

/**
 * The hex public key in `input`: an npub, an nprofile, 64 hex characters, or
 * any of those as a `nostr:` URI. A secret key is refused with a warning: an
 * nsec or ncryptsec always, and the user's own secret (given `ownPubkey`) in
 * any spelling, hex or bech32, before it can be put in a tag, signed or stored.
 * `forms` names what the caller takes, for the refusal.
 */
export function parsePublicKey(input: string, ownPubkey?: string, forms = 'an npub1…, nprofile1… or 64 hex characters'): string {
  const pubkey = parseAnyPublicKey(input, forms);
  if (isSecretOf(pubkey, ownPubkey)) throw secretWherePublic();
  return pubkey;
}

function parseAnyPublicKey(input: string, forms: string): string {
  const text = clean(input);
  if (looksSecret(text)) throw secretWherePublic();
  if (isHexKey(text.toLowerCase())) return text.toLowerCase();
  const decoded = decodeBech32(text);
  if (decoded?.type === 'npub' && isHexKey(decoded.data)) return decoded.data;
  if (decoded?.type === 'nprofile' && isHexKey(decoded.data.pubkey)) return decoded.data.pubkey;
  throw usageError(`not a public key: give ${forms}.`);
}

/**
 * True when `text` (a relay URL, say) carries a secret: an nsec or ncryptsec anywhere, or the
 * user's own secret as 64 hex characters in it.
 */
export function containsSecret(text: string, ownPubkey?: string): boolean {
  if (/n(sec|cryptsec)1/i.test(text)) return true;
  if (!ownPubkey) return false;
  const windows = hexWindows(text);
  if (windows.length === 0) return false;
  return secretVerdicts.remember(`${ownPubkey} ${text}`, () => windows.some((hex) => isSecretOf(hex, ownPubkey)));
}

/**
 * Where a pasted key can be: the 64-character windows of the text's hex runs, the first
 * MAX_WINDOWS of them. Each costs a derivation (~0.5 ms), and these URLs come from other people
 * too (relay lists, quote hints): every window of a 2,000-character run was a second of the
 * main thread per URL. A key pasted by mistake is a run of 64, or nearly.
 */
function hexWindows(text: string): string[] {
  const windows: string[] = [];
  for (const [run] of text.matchAll(/[0-9a-f]{64,}/gi)) {
    const lower = run.toLowerCase();
    for (let i = 0; i + 64 <= lower.length && windows.length < MAX_WINDOWS; i++) windows.push(lower.slice(i, i + 64));
    if (windows.length >= MAX_WINDOWS) break;
  }
  return windows;
}

/** 64-character windows looked at in one text: a run of 64 holds one, one with a few digits around it a few. */
const MAX_WINDOWS = 8;

const secretVerdicts = new RecentMap<string, boolean>(2_000);

/**
 * A key to store: nsec or hex (secret), ncryptsec (NIP-49, stays encrypted), or
 * npub / nprofile (public only: read-only mode).
 */
export function parseKeyInput(input: string): KeyInput {
  const text = clean(input);
  const lower = text.toLowerCase();
  if (isHexKey(lower)) return { type: 'secret', secretKey: hexToBytes(lower) };
  if (lower.startsWith('ncryptsec1')) {
    if (text.length <= MAX_INPUT && /^ncryptsec1[02-9ac-hj-np-z]+$/.test(lower)) return { type: 'encrypted', ncryptsec: lower };
    throw usageError('that ncryptsec is malformed; copy it again in full.');
  }
  const decoded = decodeBech32(text);
  if (decoded?.type === 'nsec') {
    if (decoded.data.length === 32) return { type: 'secret', secretKey: decoded.data };
  } else if (decoded?.type === 'npub' || decoded?.type === 'nprofile') {
    return { type: 'public', pubkey: parsePublicKey(text) };
  }
  throw usageError('not a key: give an nsec1…, 64 hex characters (secret), an ncryptsec1… or an npub1… (read-only).');
}

export const npub = (pubkey: string): string => npubEncode(pubkey);

/** `npub1abcd…wxyz`: enough to tell people apart in a narrow column. */
export function shortNpub(pubkey: string): string {
  const full = npubEncode(pubkey);
  return `${full.slice(0, 9)}…${full.slice(-4)}`;
}


// An event the user names on the command line: `note1…`, `nevent1…` (NIP-19),
// either as a `nostr:` URI (NIP-21), or 64 hex characters. Errors never repeat
// the input (it could be anything pasted). The user's own secret key has the
// shape of an event id: asked for as one, it would be sent to every relay.
import { decode } from 'nostr-tools/nip19';
import { usageError } from './errors.js';
import { normalizeRelayUrl } from './relay-url.js';
import { isHex64 } from './event-shape.js';
import { isSecretOf } from './identifiers.js';

export interface EventRef {
  id: string;
  /** Relay hints from an nevent, normalised; ones that are not ws(s) URLs are dropped. */
  relays: string[];
  /** The author, when the nevent says it. */
  author?: string;
  kind?: number;
}

/**
 * `ownPubkey`: the user's public key, whose secret is refused where a note's id belongs, and
 * dropped from the hints (a hint is connected to: its URL would reach DNS and the relay).
 */
export function parseEventRef(input: string, ownPubkey?: string): EventRef {
  const ref = readEventRef(input, ownPubkey);
  if (isSecretOf(ref.id, ownPubkey)) throw secretWhereNote();
  return ref;
}

export const secretWhereNote = () =>
  usageError('that is your secret key, not a note: never share it. Give the note1…, nevent1… or hex id of the note.');

/** As parseEventRef, but an id that is the user's secret is the caller's to refuse; hints holding it are dropped all the same. */
export function readEventRef(input: string, ownPubkey?: string): EventRef {
  let text = input.trim();
  if (/^nostr:/i.test(text)) text = text.slice(6);
  if (text === text.toUpperCase()) text = text.toLowerCase();
  if (isHex64(text)) return { id: text, relays: [] };
  if (/^(nsec|ncryptsec)1/.test(text)) throw usageError('that is a secret key, not a note: never share it. Give the note1…, nevent1… or hex id of the note.');
  let decoded: ReturnType<typeof decode> | undefined;
  try {
    if (text.length <= 5_000) decoded = decode(text);
  } catch {
    decoded = undefined;
  }
  if (decoded?.type === 'note' && isHex64(decoded.data)) return { id: decoded.data, relays: [] };
  if (decoded?.type === 'nevent' && isHex64(decoded.data.id)) {
    const relays: string[] = [];
    for (const relay of decoded.data.relays ?? []) {
      try {
        relays.push(normalizeRelayUrl(relay, ownPubkey));
      } catch {
        // A hint that is not a relay URL, or that holds a secret key, is ignored.
      }
    }
    return {
      id: decoded.data.id,
      relays,
      ...(decoded.data.author && isHex64(decoded.data.author) ? { author: decoded.data.author } : {}),
      ...(decoded.data.kind === undefined ? {} : { kind: decoded.data.kind }),
    };
  }
  throw usageError('not a note: give a note1…, nevent1… or the 64-hex event id.');
}

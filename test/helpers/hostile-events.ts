// Validly signed events whose content, tags and profile carry the hostile corpus: a real
// relay accepts and serves them, so they prove the whole path from socket to terminal.
import type { Event } from 'nostr-tools';
import { finalizeEvent, getEventHash, getPublicKey } from 'nostr-tools/pure';
import { hostileStrings, hugeText, legitimateText } from './hostile-strings.js';

/** A fixed author, so tests can follow them or filter by them. */
export const HOSTILE_SECRET = Uint8Array.from({ length: 32 }, (_, i) => 0x70 - i);
export const HOSTILE_PUBKEY = getPublicKey(HOSTILE_SECRET);

export interface HostileNote {
  name: string;
  event: Event;
}

/**
 * One kind-1 note per corpus entry, newest first in corpus order: note i is `base - i` seconds
 * old, so a timeline shows them in a known order. Each note's content starts with a plain
 * marker (`#i`) a test can find on screen, then the hostile text; tags repeat the text too.
 */
export function hostileNotes(base: number): HostileNote[] {
  const corpus = [
    ...hostileStrings.map(({ name, text }) => ({ name, text })),
    ...legitimateText,
    ...Object.entries(hugeText).map(([name, text]) => ({ name, text })),
  ];
  return corpus.map(({ name, text }, i) => ({
    name,
    event: finalizeEvent(
      {
        kind: 1,
        created_at: base - i,
        tags: [
          ['t', text.slice(0, 200)],
          ['subject', text.slice(0, 200)],
        ],
        content: `#${i} ${text}`,
      },
      HOSTILE_SECRET,
    ),
  }));
}

/** A kind-0 profile (NIP-01 metadata) whose every field is hostile. */
export function hostileProfile(createdAt: number): Event {
  const metadata = {
    name: '\u001b]0;pwned\u0007Mallory\u202e',
    display_name: '\u001b[2J\u001b[HMallory\u0008\u0008\u0008Admin',
    about: 'about\r\n\u001b[8mhidden\u001b[0m\u009b2J',
    nip05: '\u001b[31mmallory@evil.example\u2066',
    picture: 'https://evil.example/\u001b]8;;x\u001b\\p.png',
    website: `https://evil.example/${'\u0301'.repeat(5_000)}`,
  };
  return finalizeEvent({ kind: 0, created_at: createdAt, tags: [], content: JSON.stringify(metadata) }, HOSTILE_SECRET);
}

/**
 * A NIP-18 repost whose embedded note (validly signed, so it is shown) carries escapes and
 * bidi controls: the inner content reaches the screen by another path than a note's own.
 */
export function hostileRepost(createdAt: number): { repost: Event; inner: Event } {
  const inner = finalizeEvent(
    { kind: 1, created_at: createdAt - 1, tags: [], content: '#R reposted \u001b]0;pwned\u0007\u001b[2J\u202etxt.exe' },
    HOSTILE_SECRET,
  );
  const repost = finalizeEvent(
    { kind: 6, created_at: createdAt, tags: [['e', inner.id, ''], ['p', inner.pubkey]], content: JSON.stringify(inner) },
    HOSTILE_SECRET,
  );
  return { repost, inner };
}

/** Tag values a hostile author puts where a hex key or id belongs (issue #16 item 4). */
export const hostileTagValues = ['\rPWN\r', '\u202eevil', 'a\vb\vc', '\u001b[2J\u001b[Hwiped', `${'\u0301'.repeat(50)}x`, '\u001b]0;pwned\u0007'];

/**
 * Replies whose `e` and `p` tags hold hostile text instead of hex, in every place NIP-10 reads
 * an author or a parent from (a marked `e` tag's author field, a `p` tag), each with a plain
 * marker (`#Ti`) in its content; note 0 is a clean root the others point at by its real id too.
 */
export function hostileTagNotes(base: number): Event[] {
  const root = finalizeEvent({ kind: 1, created_at: base, tags: [], content: '#T0 root' }, HOSTILE_SECRET);
  const replies = hostileTagValues.flatMap((value, i) => [
    // A marked reply whose p tag (the author answered) is hostile.
    finalizeEvent(
      { kind: 1, created_at: base - 1 - 2 * i, tags: [['e', root.id, '', 'root'], ['p', value]], content: `#T${1 + 2 * i} p tag` },
      HOSTILE_SECRET,
    ),
    // Hostile in the e tag's id, relay and author fields (NIP-10's fifth element), and a p tag.
    finalizeEvent(
      {
        kind: 1,
        created_at: base - 2 - 2 * i,
        tags: [['e', value, value, 'reply', value], ['e', root.id, value, 'root', value], ['p', value], ['q', value]],
        content: `#T${2 + 2 * i} e tag`,
      },
      HOSTILE_SECRET,
    ),
  ]);
  return [root, ...replies];
}

export interface ForgedEvent {
  name: string;
  /** The copy a hostile relay sends: every field well formed, but the id or signature does not hold. */
  event: Event;
}

/** The seven NIP-01 fields only: no `verified` mark from finalizeEvent rides along on a copy. */
const plain = ({ id, pubkey, created_at, kind, tags, content, sig }: Event): Event => ({ id, pubkey, created_at, kind, tags, content, sig });

/**
 * Events that pass the relay-message shape check (64/128 lowercase hex, right types) but
 * must fail verification (NIP-01: id = sha256 of the serialised event, sig = BIP-340 of
 * the id by the pubkey). Each is built from a validly signed note by HOSTILE_SECRET at
 * `base - i`, content `forged #i`, so a test can tell them apart from valid ones.
 */
export function forgedEvents(base: number): ForgedEvent[] {
  const sign = (i: number, content = `forged #${i}`) =>
    plain(finalizeEvent({ kind: 1, created_at: base - i, tags: [], content }, HOSTILE_SECRET));
  const other = getPublicKey(Uint8Array.from({ length: 32 }, (_, i) => 0x20 + i));
  const flip = (hex: string, at: number) => hex.slice(0, at) + (hex[at] === '0' ? '1' : '0') + hex.slice(at + 1);
  const cases: Array<[string, (e: Event) => Event]> = [
    ['content altered after signing', (e) => ({ ...e, content: `${e.content} (altered)` })],
    ['created_at altered', (e) => ({ ...e, created_at: e.created_at + 1 })],
    ['kind altered', (e) => ({ ...e, kind: 7 })],
    ['tag added', (e) => ({ ...e, tags: [['p', other]] })],
    ['pubkey swapped for another key', (e) => ({ ...e, pubkey: other })],
    ['id of another event, own sig', (e) => ({ ...e, id: sign(900).id })],
    ['id one nibble off', (e) => ({ ...e, id: flip(e.id, 63) })],
    ['sig one nibble off', (e) => ({ ...e, sig: flip(e.sig, 127) })],
    ['sig of another event by the same key', (e) => ({ ...e, sig: sign(901).sig })],
    ['sig all zeros', (e) => ({ ...e, sig: '0'.repeat(128) })],
    ['sig all f', (e) => ({ ...e, sig: 'f'.repeat(128) })],
    ['pubkey not on the curve', (e) => ({ ...e, pubkey: '0'.repeat(64) })],
    ['pubkey all f', (e) => ({ ...e, pubkey: 'f'.repeat(64) })],
    // Consistent id (recomputed) but the sig of the original: the cheap id check passes, only the signature can catch it.
    ['content altered, id recomputed', (e) => withId({ ...e, content: `${e.content} (rehashed)` })],
    ['pubkey swapped, id recomputed', (e) => withId({ ...e, pubkey: other })],
  ];
  return cases.map(([name, alter], i) => ({ name, event: alter(sign(i)) }));
}

function withId(event: Event): Event {
  return { ...event, id: getEventHash(event) };
}

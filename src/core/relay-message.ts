// Relay -> client messages (NIP-01, NIP-42, NIP-45), checked strictly.
// Everything a relay sends is hostile until it has passed through here: the
// result is either a message of a known shape or a reason it was dropped.
// Pure: no I/O, never throws.
import type { Event } from 'nostr-tools';
import { isHex64 } from './event-shape.js';

export interface RelayMessageLimits {
  /** Longest message accepted, in UTF-16 code units (a cheap upper bound on work). */
  maxLength: number;
  /** Most tags one event may carry. */
  maxTags: number;
  /**
   * Most tags a list may carry (isListKind): a follow list names everyone followed, thousands for
   * some people, and one dropped as too big was an edit's "no list yet" (a list of one replaced it).
   * maxLength still bounds it (a `p` tag is at least 72 characters: ~7,000 fit in 512 KiB).
   */
  maxListTags: number;
  /** Most strings one tag may carry. */
  maxTagValues: number;
}

export const defaultLimits: RelayMessageLimits = {
  maxLength: 512 * 1024,
  maxTags: 2_000,
  maxListTags: 10_000,
  maxTagValues: 100,
};

/** NIP-02 follow lists (kind 3) and the replaceable and addressable lists of NIP-51 and NIP-65. */
export const isListKind = (kind: number): boolean => kind === 3 || (kind >= 10_000 && kind < 20_000) || (kind >= 30_000 && kind < 40_000);

export type RelayMessage =
  | { type: 'EVENT'; subId: string; event: Event }
  | { type: 'EOSE'; subId: string }
  | { type: 'OK'; eventId: string; ok: boolean; message: string }
  | { type: 'CLOSED'; subId: string; message: string }
  | { type: 'NOTICE'; message: string }
  | { type: 'AUTH'; challenge: string }
  | { type: 'COUNT'; subId: string; count: number };

export type DroppedMessage = { type: 'malformed' | 'oversize'; reason: string };

const HEX128 = /^[0-9a-f]{128}$/;

const malformed = (reason: string): DroppedMessage => ({ type: 'malformed', reason });
const isString = (value: unknown): value is string => typeof value === 'string';

export function parseRelayMessage(
  data: string,
  limits: RelayMessageLimits = defaultLimits,
): RelayMessage | DroppedMessage {
  if (typeof data !== 'string') return malformed('not text');
  if (data.length > limits.maxLength) return { type: 'oversize', reason: `message of ${data.length} characters` };
  let message: unknown;
  try {
    message = JSON.parse(data);
  } catch {
    return malformed('not JSON');
  }
  if (!Array.isArray(message) || message.length === 0 || !isString(message[0])) return malformed('not a message array');
  const [type, a, b, c] = message as unknown[];
  switch (type) {
    case 'EVENT': {
      if (message.length !== 3 || !isString(a)) return malformed('EVENT: wrong shape');
      const event = parseEvent(b, limits);
      return 'reason' in event ? event : { type, subId: a, event };
    }
    case 'EOSE':
      return message.length === 2 && isString(a) ? { type, subId: a } : malformed('EOSE: wrong shape');
    case 'OK':
      // NIP-01: ["OK", <event_id>, <true|false>, <message>]; some relays omit the message.
      return (message.length === 3 || message.length === 4) && isString(a) && typeof b === 'boolean' && (c === undefined || isString(c))
        ? { type, eventId: a, ok: b, message: c ?? '' }
        : malformed('OK: wrong shape');
    case 'CLOSED':
      return (message.length === 2 || message.length === 3) && isString(a) && (b === undefined || isString(b))
        ? { type, subId: a, message: b ?? '' }
        : malformed('CLOSED: wrong shape');
    case 'NOTICE':
      return message.length === 2 && isString(a) ? { type, message: a } : malformed('NOTICE: wrong shape');
    case 'AUTH':
      // NIP-42: ["AUTH", <challenge-string>]
      return message.length === 2 && isString(a) ? { type, challenge: a } : malformed('AUTH: wrong shape');
    case 'COUNT': {
      // NIP-45: ["COUNT", <subscription_id>, {"count": <integer>}]
      const count = b !== null && typeof b === 'object' ? (b as { count?: unknown }).count : undefined;
      return message.length === 3 && isString(a) && Number.isSafeInteger(count) && (count as number) >= 0
        ? { type, subId: a, count: count as number }
        : malformed('COUNT: wrong shape');
    }
    default:
      return malformed('unknown message type');
  }
}

/**
 * The seven NIP-01 fields, each of the right type, and nothing else: fields
 * outside the id's hash are not signed, so they are not kept.
 */
export function parseEvent(value: unknown, limits: RelayMessageLimits = defaultLimits): Event | DroppedMessage {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return malformed('event is not an object');
  const e = value as Record<string, unknown>;
  const { id, pubkey, sig, kind, created_at, content, tags } = e;
  if (!isHex64(id)) return malformed('event id is not 64 lowercase hex');
  if (!isHex64(pubkey)) return malformed('event pubkey is not 64 lowercase hex');
  if (!isString(sig) || !HEX128.test(sig)) return malformed('event sig is not 128 lowercase hex');
  if (!Number.isInteger(kind) || (kind as number) < 0 || (kind as number) > 65535) return malformed('event kind is not an integer 0-65535');
  if (!Number.isSafeInteger(created_at) || (created_at as number) < 0) return malformed('event created_at is not a unix time');
  if (!isString(content)) return malformed('event content is not a string');
  if (!Array.isArray(tags)) return malformed('event tags is not an array');
  if (tags.length > (isListKind(kind as number) ? limits.maxListTags : limits.maxTags)) return { type: 'oversize', reason: `event with ${tags.length} tags` };
  for (const tag of tags) {
    if (!Array.isArray(tag)) return malformed('event tag is not an array');
    if (tag.length > limits.maxTagValues) return { type: 'oversize', reason: `tag with ${tag.length} values` };
    for (const item of tag) if (!isString(item)) return malformed('event tag holds a non-string');
  }
  // Most events carry exactly these fields: keep the parsed object (one less copy per event).
  let fields = 0;
  for (const _ in e) fields++;
  if (fields === 7) return e as unknown as Event;
  return {
    id,
    pubkey,
    created_at: created_at as number,
    kind: kind as number,
    tags: tags as string[][],
    content,
    sig,
  };
}

export const isDropped = (m: RelayMessage | DroppedMessage): m is DroppedMessage =>
  m.type === 'malformed' || m.type === 'oversize';

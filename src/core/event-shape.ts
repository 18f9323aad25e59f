// The shape of a NIP-01 event as this client stores and indexes it: the one
// 64-hex check, the field order kept byte for byte, and addresses of
// replaceable and addressable events.
import type { Event } from 'nostr-tools';
import { isAddressableKind, isReplaceableKind } from 'nostr-tools/kinds';

const HEX64 = /^[0-9a-f]{64}$/;

/** Ids and public keys are 64 lowercase hex (NIP-01). A string stays a string either way; anything else is narrowed. */
export function isHex64(value: string): boolean;
export function isHex64(value: unknown): value is string;
export function isHex64(value: unknown): boolean {
  return typeof value === 'string' && HEX64.test(value);
}

/** `kind:pubkey:d` (NIP-01 addressable events; NIP-09 `a` tags). */
export interface Address {
  kind: number;
  pubkey: string;
  d: string;
}

/** '' for a replaceable event, the first d tag's value for an addressable one, null otherwise (NIP-01). */
export function addressOf(event: Event): string | null {
  if (isReplaceableKind(event.kind)) return '';
  if (!isAddressableKind(event.kind)) return null;
  const d = event.tags.find((tag) => tag[0] === 'd')?.[1];
  return typeof d === 'string' ? d : '';
}


/**
 * Events arrive verified; this only keeps a malformed object from failing the
 * whole batch it came in.
 */
export function hasEventShape(event: Event): boolean {
  return (
    typeof event === 'object' &&
    event !== null &&
    typeof event.id === 'string' &&
    isHex64(event.id) &&
    typeof event.pubkey === 'string' &&
    isHex64(event.pubkey) &&
    Number.isInteger(event.kind) &&
    Number.isInteger(event.created_at) &&
    typeof event.content === 'string' &&
    typeof event.sig === 'string' &&
    Array.isArray(event.tags) &&
    event.tags.every((tag) => Array.isArray(tag) && tag.every((item) => typeof item === 'string'))
  );
}

export function isIndexedTag(tag: string[]): tag is [string, string, ...string[]] {
  return tag.length >= 2 && typeof tag[1] === 'string' && typeof tag[0] === 'string' && /^[a-zA-Z]$/.test(tag[0]);
}

export function parseAddress(value: string): Address | null {
  const first = value.indexOf(':');
  const second = value.indexOf(':', first + 1);
  if (first < 0 || second < 0) return null;
  const kind = Number(value.slice(0, first));
  if (!Number.isInteger(kind)) return null;
  return { kind, pubkey: value.slice(first + 1, second), d: value.slice(second + 1) };
}

const NIP01_FIELDS = new Set(['id', 'pubkey', 'created_at', 'kind', 'tags', 'content', 'sig']);

/**
 * The NIP-01 fields in the order they arrived, so the cache gives back the
 * bytes it was given; anything else a relay attached is dropped.
 */
export function serializeStored(event: Event): string {
  const keys = Object.keys(event);
  if (keys.length === NIP01_FIELDS.size && keys.every((key) => NIP01_FIELDS.has(key))) return JSON.stringify(event);
  return JSON.stringify(event, keys.filter((key) => NIP01_FIELDS.has(key)));
}

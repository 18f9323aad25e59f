// NIP-11 `limitation`: what a relay says it will take. Checked before signing,
// so a post no write relay would take is refused locally with the reason,
// instead of being signed, sent and retried forever (strfry closes the
// connection on a message over its max_message_length).
import type { EventTemplate } from 'nostr-tools';

export interface RelayLimits {
  /** Bytes of the whole `["EVENT", …]` message the relay will decode. */
  maxMessageLength?: number;
  /** Characters of `content`. */
  maxContentLength?: number;
  /** Number of tags. */
  maxEventTags?: number;
}

const positive = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : undefined;

/** The limits in a NIP-11 document, or null when it states none we use. Anything malformed is ignored. */
export function limitsFromDocument(doc: unknown): RelayLimits | null {
  if (typeof doc !== 'object' || doc === null) return null;
  const limitation = (doc as { limitation?: unknown }).limitation;
  if (typeof limitation !== 'object' || limitation === null) return null;
  const l = limitation as Record<string, unknown>;
  const limits: RelayLimits = {};
  const message = positive(l.max_message_length);
  const content = positive(l.max_content_length);
  const tags = positive(l.max_event_tags);
  if (message !== undefined) limits.maxMessageLength = message;
  if (content !== undefined) limits.maxContentLength = content;
  if (tags !== undefined) limits.maxEventTags = tags;
  return Object.keys(limits).length > 0 ? limits : null;
}

/**
 * The size in bytes of `["EVENT", event]` once signed: id, pubkey and sig have
 * fixed lengths, so placeholders of those lengths give the exact figure.
 */
export function signedMessageBytes(template: EventTemplate): number {
  const event = { ...template, id: '0'.repeat(64), pubkey: '0'.repeat(64), sig: '0'.repeat(128) };
  return Buffer.byteLength(JSON.stringify(['EVENT', event]), 'utf8');
}

/** Why a relay with `limits` would refuse the event, or undefined when it would take it. */
export function exceedsLimits(template: EventTemplate, limits: RelayLimits | null | undefined): string | undefined {
  if (!limits) return undefined;
  if (limits.maxEventTags !== undefined && template.tags.length > limits.maxEventTags) {
    return `${template.tags.length} tags, it takes at most ${limits.maxEventTags}`;
  }
  if (limits.maxContentLength !== undefined) {
    const chars = [...template.content].length;
    if (chars > limits.maxContentLength) return `${chars} characters, it takes at most ${limits.maxContentLength}`;
  }
  if (limits.maxMessageLength !== undefined) {
    const bytes = signedMessageBytes(template);
    if (bytes > limits.maxMessageLength) return `a ${bytes}-byte message, it takes at most ${limits.maxMessageLength} bytes`;
  }
  return undefined;
}

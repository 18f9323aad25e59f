// Fetches relays' NIP-11 documents (HTTP GET of the relay URL with
// `Accept: application/nostr+json`) for their limits, and refuses before
// signing an event that none of the relays it is meant for would take.
import type { EventTemplate } from 'nostr-tools';
import { failure } from '../core/errors.js';
import { exceedsLimits, limitsFromDocument, type RelayLimits } from '../core/relay-limits.js';
import { sanitizeLine } from '../core/sanitize.js';
import type { PublishResult } from '../net/types.js';
import type { RelayInfoCache } from '../store/relay-info.js';
import { readCapped } from './capped-body.js';

/** A document is a few hundred bytes; anything past this is not one. */
const MAX_DOCUMENT_BYTES = 64 * 1024;
const TIMEOUT_MS = 2_000;

export type FetchLike = typeof fetch;

/** The relay's limits, or null when it serves no usable document (or not in time, or redirects). */
export async function fetchRelayLimits(url: string, fetchImpl: FetchLike, timeoutMs = TIMEOUT_MS): Promise<RelayLimits | null> {
  const http = url.replace(/^ws(s?):\/\//i, 'http$1://');
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    // No redirects: the document is the relay's own, at its own address.
    const response = await fetchImpl(http, { headers: { Accept: 'application/nostr+json' }, redirect: 'manual', signal: controller.signal });
    if (response.status !== 200 || !response.body) {
      await response.body?.cancel().catch(() => {});
      return null;
    }
    const text = await readCapped(response.body.getReader(), MAX_DOCUMENT_BYTES);
    return text === undefined ? null : limitsFromDocument(JSON.parse(text));
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

export interface LimitCheck {
  /** The relays that would take it. */
  relays: string[];
  /** One `rejected` result per relay whose limits refuse it (not sent there, never retried there). */
  refused: PublishResult[];
}

/**
 * Splits `relays` into those whose NIP-11 limits take `template` and those
 * that would refuse it; refuses outright (nothing signed) when none would.
 */
export async function relaysThatTake(
  template: EventTemplate,
  relays: readonly string[],
  cache: RelayInfoCache | undefined,
  // The client's (src/net/web-fetch.ts: its lookups cancelled when it closes).
  fetchImpl: FetchLike,
): Promise<LimitCheck> {
  const limits = await Promise.all(
    relays.map(async (url) => {
      const known = cache?.get(url);
      if (known !== undefined) return known;
      const fetched = await fetchRelayLimits(url, fetchImpl);
      try {
        cache?.put(url, fetched);
      } catch {
        // A busy or damaged cache only means asking again next time.
      }
      return fetched;
    }),
  );
  const take: string[] = [];
  const refused: PublishResult[] = [];
  relays.forEach((url, i) => {
    const why = exceedsLimits(template, limits[i]);
    if (why === undefined) take.push(url);
    // `invalid:` (NIP-01): the outbox counts it as refused for good and never retries it there.
    else refused.push({ url, ok: false, outcome: 'rejected', message: `invalid: too large for this relay (NIP-11): ${why}; not sent` });
  });
  if (take.length === 0) {
    const reasons = refused.map((r) => `${sanitizeLine(r.url)}: ${r.message.replace(/^invalid: too large for this relay \(NIP-11\): /, '').replace(/; not sent$/, '')}`);
    throw failure(`none of your write relays would take this (their NIP-11 limits: ${reasons.join('; ')}); shorten it. Nothing was signed or sent.`);
  }
  return { relays: take, refused };
}

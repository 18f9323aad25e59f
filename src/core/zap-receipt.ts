// The zap request a NIP-57 zap receipt (kind 9735) carries, and whether the receipt is consistent
// with it (NIP-57 Appendix F). A receipt is signed by the recipient's wallet provider; the sender
// and their comment come from the zap request inside it, which the sender signed. Anyone can sign
// a receipt naming anyone as the sender, so the request's own signature is checked as well (by the
// pool's verifier, src/net/verified-events.ts) and it must be for the same person, note and
// amount as the receipt. Pure: no I/O.
import type { Event } from 'nostr-tools';
import { getSatoshisAmountFromBolt11 } from 'nostr-tools/nip57';
import { parseEvent } from './relay-message.js';

export const ZAP_RECEIPT_KIND = 9735;
export const ZAP_REQUEST_KIND = 9734;
/** A zap request is a small event; a description larger than this is not one. */
const MAX_DESCRIPTION = 64 * 1024;

const firstValue = (event: Pick<Event, 'tags'>, name: string): string | undefined => event.tags.find((tag) => tag[0] === name)?.[1];

/**
 * The amount of a zap receipt in sats, from its bolt11 invoice: BOLT-11 puts it in
 * the human-readable part (`lnbc2500u1…` = 2500 µBTC = 250,000 sats), read by
 * nostr-tools' nip57 decoder. 0 when there is no readable invoice.
 */
export function zapSats(receipt: Pick<Event, 'tags'>): number {
  const bolt11 = firstValue(receipt, 'bolt11');
  if (typeof bolt11 !== 'string' || bolt11.length > 8192) return 0;
  try {
    const sats = getSatoshisAmountFromBolt11(bolt11.toLowerCase());
    return Number.isFinite(sats) && sats > 0 ? Math.floor(sats) : 0;
  } catch {
    return 0;
  }
}

/** The kind-9734 event in the receipt's `description` tag, when it is one (its signature unchecked). */
export function zapRequestOf(receipt: Pick<Event, 'tags'>): Event | undefined {
  const description = firstValue(receipt, 'description');
  if (!description || description.length > MAX_DESCRIPTION) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(description);
  } catch {
    return undefined;
  }
  const request = parseEvent(parsed);
  return !('reason' in request) && request.kind === ZAP_REQUEST_KIND ? request : undefined;
}

/**
 * The zap request to check the signature of, when the receipt agrees with it: the same recipient
 * (`p`), the same note (`e`) when the receipt names one, and, when the request says how much
 * (`amount`, millisats), an invoice for that amount. Undefined: not a zap.
 */
export function zapRequestToCheck(receipt: Pick<Event, 'tags'>): Event | undefined {
  const request = zapRequestOf(receipt);
  if (!request) return undefined;
  const recipient = firstValue(receipt, 'p');
  if (!recipient || firstValue(request, 'p') !== recipient) return undefined;
  const note = firstValue(receipt, 'e');
  if (note !== undefined && firstValue(request, 'e') !== note) return undefined;
  const amount = firstValue(request, 'amount');
  if (amount !== undefined && /^\d{1,18}$/.test(amount) && Math.floor(Number(amount) / 1000) !== zapSats(receipt)) return undefined;
  return request;
}

// NIP-40: an event may carry ["expiration", "<unix seconds>"]; after that time
// clients should stop showing it (and relays may drop it).

/** The event's expiration time in unix seconds, or undefined when it has none (or an unreadable one). */
export function expirationOf(event: { tags: string[][] }): number | undefined {
  for (const tag of event.tags) {
    if (tag[0] !== 'expiration' || typeof tag[1] !== 'string' || !/^\d{1,12}$/.test(tag[1])) continue;
    return Number(tag[1]);
  }
  return undefined;
}

export function isExpired(event: { tags: string[][] }, nowSec: number): boolean {
  const at = expirationOf(event);
  return at !== undefined && at <= nowSec;
}

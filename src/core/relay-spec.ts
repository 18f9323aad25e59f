// A relay as the user configured it, with the NIP-65 read/write markers.
export interface RelaySpec {
  url: string;
  read: boolean;
  write: boolean;
}

/** Where the user reads from (NIP-65 "read", their inbox). */
export function readUrls(relays: readonly RelaySpec[]): string[] {
  return relays.filter((relay) => relay.read).map((relay) => relay.url);
}

/** Where the user publishes (NIP-65 "write", their outbox). */
export function writeUrls(relays: readonly RelaySpec[]): string[] {
  return relays.filter((relay) => relay.write).map((relay) => relay.url);
}

/** Every relay, read or write: where a newest copy or a single event may be. */
export function allUrls(relays: readonly RelaySpec[]): string[] {
  return relays.map((relay) => relay.url);
}

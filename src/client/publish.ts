// Publishing what the user wrote: sign, save to the outbox BEFORE any network
// (nothing the user writes is lost), send to every write relay at once, record
// each relay's answer. An event no relay accepted stays in the outbox.
import type { EventTemplate, VerifiedEvent } from 'nostr-tools';
import { failure } from '../core/errors.js';
import type { PublishResult } from '../net/types.js';
import type { Client } from './client.js';

export interface Published {
  event: VerifiedEvent;
  /** One per write relay: accepted, rejected (with the relay's reason), timeout or unreachable. */
  results: PublishResult[];
}

export const accepted = (results: readonly PublishResult[]): PublishResult[] => results.filter((result) => result.ok);

export async function publishEvent(client: Client, template: EventTemplate): Promise<Published> {
  const writeRelays = client.relays().filter((relay) => relay.write).map((relay) => relay.url);
  if (writeRelays.length === 0) {
    throw failure('no write relays: add one with `nostr-tui relay add wss://…` (or pass --relay). Nothing was signed.');
  }
  const event = await (await client.signer()).signEvent(template);
  const store = client.store();
  store.outbox.add(event, writeRelays);
  // The local copy: the user's own notes and follow list show without asking a relay.
  store.events.put(event);
  const results = await client.pool().publish(event, { relays: writeRelays });
  store.outbox.record(event.id, results);
  return { event, results };
}

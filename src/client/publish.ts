// Publishing what the user wrote: sign, save to the outbox BEFORE any network
// (nothing the user writes is lost), send to every write relay at once, record
// each relay's answer. An event no relay accepted stays in the outbox.
import type { EventTemplate, VerifiedEvent } from 'nostr-tools';
import { failure } from '../core/errors.js';
import type { PublishResult } from '../core/publish-result.js';
import type { Client } from './client.js';
import { relaysThatTake } from './relay-info.js';

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
  // Unlock first: no key, a read-only key or a wrong passphrase fails before anything is opened or fetched.
  const signer = await client.signer();
  const store = client.store();
  // NIP-11 limits: refused here, before signing, when no write relay would take it; relays that would not are skipped.
  const fit = await relaysThatTake(template, writeRelays, store.relayInfo);
  const event = await signer.signEvent(template);
  store.outbox.add(event, fit.relays);
  // The local copy: the user's own notes and follow list show without asking a relay.
  store.events.put(event);
  const results = [...(await client.pool().publish(event, { relays: fit.relays })), ...fit.refused];
  store.outbox.record(event.id, results);
  return { event, results };
}

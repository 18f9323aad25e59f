// Publishing what the user wrote: sign, save to the outbox BEFORE any network
// (nothing the user writes is lost), send to every write relay at once, record
// each relay's answer. An event no relay accepted stays in the outbox.
import type { EventTemplate, VerifiedEvent } from 'nostr-tools';
import { failure } from '../core/errors.js';
import type { PublishResult } from '../core/publish-result.js';
import { isHex64 } from '../core/event-shape.js';
import type { Client } from './client.js';
import { createRouter } from './router.js';
import { relaysThatTake, type LimitCheck } from './relay-info.js';
import { writeUrls } from '../core/relay-spec.js';

export interface Published {
  event: VerifiedEvent;
  /** One per relay told: the user's write relays and the inboxes of the people tagged (NIP-65). */
  results: PublishResult[];
}

export const accepted = (results: readonly PublishResult[]): PublishResult[] => results.filter((result) => result.ok);

/** What reaches people where they read (NIP-65): notes, reposts and reactions; never a follow list's hundreds of p tags. */
const INBOX_KINDS = new Set([1, 6, 7, 16]);
const INBOXES_PER_PERSON = 3;
const MOST_PEOPLE = 50;

/** Told once the signed event is saved in the outbox (safe), before any relay has answered. */
export type OnSaved = (event: VerifiedEvent) => void;

/** What a caller hears before the slowest relay has answered (a one-shot command prints it as it comes). */
export interface PublishHooks {
  onSaved?: OnSaved;
  /** Each relay's answer as it comes (those refused by their NIP-11 limits are only in the results). */
  onResult?(result: PublishResult): void;
}

/** The user's write relays; with none, a failure ending with `nothing` ("Nothing was signed."). */
function ownWriteRelays(client: Client, nothing: string): string[] {
  const relays = writeUrls(client.relays());
  if (relays.length === 0) throw failure(`no write relays: add one with \`nostr-tui relay add wss://…\` (or pass --relay). ${nothing}`);
  return relays;
}

export async function publishEvent(client: Client, template: EventTemplate, hooks: PublishHooks = {}): Promise<Published> {
  const ownRelays = ownWriteRelays(client, 'Nothing was signed.');
  // The inboxes of the people it tags are looked up once it is saved, while it goes to the user's
  // own relays: saving never waits for other people's relay lists (a slow indexer, or a relay that
  // never answers, held every reply for the lookup's 3 s).
  return signSaveSend(client, template, ownRelays, hooks, () => inboxRelays(client, template));
}

/**
 * Signs, saves to the outbox with the relays it is meant for, keeps the local
 * copy, then sends to those relays and records each answer. Every write goes
 * through here (notes, reactions, lists, profiles). `more`: relays found once
 * it is saved (people's inboxes), added to the entry and sent to as well.
 */
export async function signSaveSend(
  client: Client,
  template: EventTemplate,
  relays: readonly string[],
  hooks: PublishHooks = {},
  more?: () => Promise<string[]>,
): Promise<Published> {
  // Unlock first: no key, a read-only key or a wrong passphrase fails before anything is opened or fetched.
  const signer = await client.signer();
  // NIP-11 limits: refused here, before signing, when no write relay would take it; relays that would not are skipped.
  const fit = await relaysThatTake(template, [...new Set(relays)], client.store().relayInfo, client.fetch);
  return saveSend(client, await signer.signEvent(template), fit, relays, hooks, more);
}

/**
 * An event the user signed earlier, sent again as it is (the same id), as `publishEvent` sends a
 * new one: for an action already done whose event none of the user's relays holds any more (one
 * dropped it, or the user's relays changed), which doing again must not turn into a second event.
 */
export async function resendEvent(client: Client, event: VerifiedEvent, hooks: PublishHooks = {}): Promise<Published> {
  const ownRelays = ownWriteRelays(client, 'Nothing was sent.');
  const fit = await relaysThatTake(event, [...new Set(ownRelays)], client.store().relayInfo, client.fetch);
  return saveSend(client, event, fit, ownRelays, hooks, () => inboxRelays(client, event));
}

/** Saves `event` in the outbox for the relays that take it, then sends it there (and to `more`), recording each answer. */
async function saveSend(
  client: Client,
  event: VerifiedEvent,
  fit: LimitCheck,
  relays: readonly string[],
  hooks: PublishHooks,
  more?: () => Promise<string[]>,
): Promise<Published> {
  const store = client.store();
  store.outbox.add(event, fit.relays);
  // The local copy: the user's own notes and lists show without asking a relay.
  store.events.put(event);
  hooks.onSaved?.(event);
  // Delivered at the first relay's acceptance, not when the slowest has answered: a run ended
  // meanwhile does not send it again, and the UI stops marking it unsent.
  let delivered = false;
  // Recorded before it is told: once a line says "accepted", Ctrl-C (which ends a one-shot command
  // at once, even mid-commit) can no longer leave the event pending for a relay that took it.
  const onResult = (result: PublishResult) => {
    if (result.ok && !delivered) {
      delivered = true;
      try {
        store.outbox.record(event.id, [result]);
      } catch {
        // Recorded with the rest below (or, the store gone, sent again by a later run: never lost).
      }
    }
    hooks.onResult?.(result);
  };
  const send = async (to: LimitCheck) => [...(await client.pool().publish(event, { relays: to.relays, onResult })), ...to.refused];
  const asked = new Set(relays);
  const [own, theirs] = await Promise.all([
    send(fit),
    (async () => {
      const found = (await more?.())?.filter((url) => !asked.has(url)) ?? [];
      if (found.length === 0) return [];
      // Theirs are a reach, not a condition: none of them taking it refuses nothing.
      const theirFit = await relaysThatTake(event, [...new Set(found)], store.relayInfo, client.fetch).catch(() => undefined);
      if (!theirFit) return [];
      store.outbox.add(event, theirFit.relays);
      return send(theirFit);
    })().catch((): PublishResult[] => []),
  ]);
  const results = [...own, ...theirs];
  store.outbox.record(event.id, results);
  return { event, results };
}

/**
 * NIP-65: an event that tags people also goes to their read relays, so they
 * see it; at most three per person, relays known to fail left out. Not when
 * `--relay` named the relays for this run.
 */
async function inboxRelays(client: Client, template: Pick<EventTemplate, 'kind' | 'tags'>): Promise<string[]> {
  if (client.pinnedRelays || !INBOX_KINDS.has(template.kind)) return [];
  const self = client.publicKey();
  const tagged = [...new Set(template.tags.filter((tag) => tag[0] === 'p' && isHex64(tag[1]) && tag[1] !== self).map((tag) => tag[1]!))];
  if (tagged.length === 0) return [];
  try {
    const inboxes = await createRouter(client, client.env).inboxes(tagged.slice(0, MOST_PEOPLE), INBOXES_PER_PERSON);
    return [...inboxes.values()].flat();
  } catch {
    // Their inboxes are a reach, not a condition: the note still goes to the user's relays.
    return [];
  }
}

// Sending a private message (NIP-17): one kind-14 rumor, sealed and wrapped
// once per recipient and once for the user (their own copy), each wrap sent to
// its recipient's DM relays (kind 10050). Every wrap is saved in the outbox
// before any of them goes out, with the relays it is meant for, so a retry
// sends the same bytes to the same place.
import type { Event } from 'nostr-tools';
import { unixNow } from '../core/clock.js';
import { dmRumor, type Rumor } from '../core/dm.js';
import { requireNip44, sealAndWrap } from '../core/dm-wrap.js';
import { ExitCode, failure, noKeyYet, UserError } from '../core/errors.js';
import { allUrls, readUrls } from '../core/relay-spec.js';
import { refuseSecretIn } from '../core/secret-in-text.js';
import { npub } from '../core/identifiers.js';
import type { PublishResult } from '../core/publish-result.js';
import type { Client } from './client.js';
import { lookupDmRelays } from './dm-relays.js';
import { relaysThatTake } from './relay-info.js';
import { createRouter } from './router.js';

/** Where a wrap went: the recipient's DM relays, their NIP-65 read relays (asked for), the user's, or `--relay`. */
export type WrapRoute = 'dm-relays' | 'read-relays' | 'own-read-relays' | 'pinned';

export interface SentWrap {
  recipient: string;
  event: Event;
  route: WrapRoute;
  relays: string[];
  results: PublishResult[];
}

export interface SentMessage {
  rumor: Rumor;
  wraps: SentWrap[];
}

export interface SendOptions {
  /** A recipient with no kind-10050 list: use their NIP-65 read relays instead of refusing. */
  toReadRelays?: boolean;
  /** Told with the wraps once every one is saved in the outbox (safe), before any relay has answered. */
  onSaved?(wraps: readonly Pick<SentWrap, 'recipient' | 'event'>[]): void;
  /** Told of each wrap once every relay it went to has answered (or timed out), in the order they finish. */
  onSent?(wrap: SentWrap): void;
}

const INBOXES_PER_PERSON = 3;

/**
 * Recipients with no DM relay list (NIP-17's kind 10050): there is no agreed place to send them a
 * private message, so nothing is sent unless the user chooses their NIP-65 read relays instead.
 */
export class NoDmRelayList extends UserError {
  constructor(readonly missing: readonly string[]) {
    super(
      `${missing.map(npub).join(', ')} published no DM relay list (kind 10050), so there is no agreed place to send a private message; nothing was sent. Add --to-read-relays to use their read relays (NIP-65) instead.`,
      ExitCode.failed,
    );
  }
}

/** Where each wrap goes; refuses (nothing signed) when a recipient has nowhere to receive. */
async function routes(client: Client, me: string, peers: readonly string[], opts: SendOptions): Promise<Map<string, { route: WrapRoute; relays: string[] }>> {
  const out = new Map<string, { route: WrapRoute; relays: string[] }>();
  const everyone = [...new Set([...peers, me])];
  if (client.pinnedRelays) {
    const urls = allUrls(client.relays());
    for (const key of everyone) out.set(key, { route: 'pinned', relays: urls });
    return out;
  }
  // Their read relays (NIP-65) are asked for with their DM relay lists, not after: a relay that
  // never answers then costs one wait, not two. They are needed before the user is asked about
  // read relays (with none, there is nothing to offer).
  const others = peers.filter((peer) => peer !== me);
  const [lookup, inboxes] = await Promise.all([lookupDmRelays(client, everyone), createRouter(client, client.env).inboxes(others, INBOXES_PER_PERSON)]);
  const dmRelays = lookup.relays;
  const missing = others.filter((peer) => !dmRelays.has(peer));
  const unreachable = missing.filter((peer) => (inboxes.get(peer) ?? []).length === 0);
  if (unreachable.length > 0 && lookup.answered === 0) {
    // Nothing known (no relay answered, nothing cached) is not "they published nothing".
    throw failure(
      `${lookup.asked === 0 ? 'none of your relays could be asked' : `none of your relays answered (${lookup.asked} asked)`}, so where ${unreachable.map(npub).join(', ')} receive${unreachable.length === 1 ? 's' : ''} private messages is unknown; nothing was sent. ` +
        'Check your relays (`nostr-tui doctor`) and try again, or name one they read with --relay <url>.',
    );
  }
  if (unreachable.length > 0) {
    throw failure(`${unreachable.map(npub).join(', ')} published neither a DM relay list (kind 10050) nor read relays (NIP-65); nothing was sent.`);
  }
  if (missing.length > 0 && !opts.toReadRelays) throw new NoDmRelayList(missing);
  for (const peer of peers) {
    if (peer === me) continue;
    const own = dmRelays.get(peer);
    out.set(peer, own ? { route: 'dm-relays', relays: own } : { route: 'read-relays', relays: inboxes.get(peer)! });
  }
  // The user's own copy goes where they read their messages: their DM relays, else their read relays.
  const mine = dmRelays.get(me);
  const myRead = readUrls(client.relays());
  if (mine) out.set(me, { route: 'dm-relays', relays: mine });
  else if (myRead.length > 0) out.set(me, { route: 'own-read-relays', relays: myRead });
  else throw failure('you have no read relays and no DM relay list, so your own copy would go nowhere: `nostr-tui relay add <url> --dm`. Nothing was sent.');
  return out;
}

/** Per client, the last message still being saved: the next one is saved after it. */
const saving = new WeakMap<Client, Promise<void>>();

/**
 * Messages are saved (and the own copy shown) in the order they were written, each dated when
 * written: looking up where each goes takes as long as the relays do, and messages written in
 * one second are ordered by when they were saved (src/core/dm-order.ts).
 */
export async function sendDm(client: Client, peers: readonly string[], text: string, opts: SendOptions = {}): Promise<SentMessage> {
  const writtenAt = unixNow(client.clock);
  const before = saving.get(client) ?? Promise.resolve();
  let saved!: () => void;
  saving.set(client, new Promise<void>((resolve) => (saved = resolve)));
  try {
    return await send(client, peers, text, { ...opts, writtenAt, before, saved: () => saved() });
  } finally {
    // Whatever became of this one, the next waits no longer than for the ones before it.
    void before.then(() => saved());
  }
}

async function send(
  client: Client,
  peers: readonly string[],
  text: string,
  opts: SendOptions & { writtenAt: number; before: Promise<void>; saved: () => void },
): Promise<SentMessage> {
  const me = client.publicKey();
  // Before anything else: the UI's chat comes here directly (the CLI has refused already).
  refuseSecretIn('message', text, me);
  if (!me) throw noKeyYet();
  // Unlock first: no key, a read-only key or a wrong passphrase fails before any network.
  const signer = await client.signer();
  requireNip44(signer);
  const where = await routes(client, me, peers, opts);
  await opts.before;
  const rumor = dmRumor(me, peers, text, opts.writtenAt);
  const store = client.store();
  const planned: { recipient: string; event: Event; route: WrapRoute; relays: string[]; refused: PublishResult[] }[] = [];
  for (const [recipient, { route, relays }] of where) {
    const event = await sealAndWrap(signer, rumor, recipient, unixNow(client.clock));
    const fit = await relaysThatTake(event, relays, store.relayInfo, client.fetch);
    planned.push({ recipient, event, route, relays: fit.relays, refused: fit.refused });
  }
  // Outbox before network: every wrap is durable before the first one is sent.
  for (const wrap of planned) {
    store.outbox.add(wrap.event, wrap.relays);
    store.events.put(wrap.event);
  }
  opts.onSaved?.(planned);
  opts.saved();
  const wraps = await Promise.all(
    planned.map(async ({ recipient, event, route, relays, refused }) => {
      const results = [...(await client.pool().publish(event, { relays })), ...refused];
      store.outbox.record(event.id, results);
      const wrap = { recipient, event, route, relays, results };
      opts.onSent?.(wrap);
      return wrap;
    }),
  );
  return { rumor, wraps };
}

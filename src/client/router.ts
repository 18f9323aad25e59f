// The outbox router for one run: the user's read relays, the discovery relays
// and the connection budget from the environment, and delivery learned in
// earlier runs from the store (saved again when the run ends).
import { DeliveryStats } from '../core/delivery.js';
import { usageError } from '../core/errors.js';
import { isPrivateHost } from '../core/relay-list.js';
import { readUrls } from '../core/relay-spec.js';
import { normalizeRelayUrl } from '../core/relay-url.js';
import { safely } from '../core/safely.js';
import { sanitizeLine } from '../core/sanitize.js';
import type { Client } from './client.js';
import { DEFAULT_DISCOVERY_RELAYS, fetchRelayLists, readRelaysOf, type RelayListDeps } from './relay-lists.js';
import { routeAuthors, type Route } from './routing.js';

export interface Router {
  readonly budget: number;
  readonly discoveryRelays: string[];
  readonly delivery: DeliveryStats;
  /** Relay lists from the cache, the user's relays and the discovery relays; `skip`: relays that stalled this run. */
  route(authors: readonly string[], skip?: ReadonlySet<string>): Promise<Route>;
  /** Where each of these people reads (their NIP-65 inbox), best relays first, known-dead ones left out. */
  inboxes(authors: readonly string[], perPerson: number): Promise<Map<string, string[]>>;
  /** Keeps what was learned for the next run; a failure only costs the learning. */
  save(): void;
}

export const DEFAULT_MAX_RELAYS = 20;
/** Relay lists are a routing hint: a slow indexer must not hold the notes back long. */
const LISTS_WAIT_MS = 3_000;

export function createRouter(client: Client, env: NodeJS.ProcessEnv): Router {
  const budget = maxRelaysFromEnv(env);
  const discoveryRelays = discoveryRelaysFromEnv(env);
  const userRelays = readUrls(client.relays());
  // A home relay or a test network on a private address: then other people's lists may name such relays too.
  const allowPrivate = client.relays().some((relay) => isPrivateHost(new URL(relay.url).hostname));
  let delivery: DeliveryStats;
  try {
    delivery = client.store().delivery.load();
  } catch {
    delivery = new DeliveryStats();
  }
  const listDeps = (skip?: ReadonlySet<string>): RelayListDeps => ({
    pool: client.pool(),
    store: safeEvents(client),
    userRelays,
    discoveryRelays,
    // A URL holding the user's secret is left out of the plan (the pool would refuse it anyway).
    rules: { allowPrivate, ownPubkey: safely(() => client.publicKey(), undefined) },
    eoseTimeoutMs: LISTS_WAIT_MS,
    ...(skip ? { skip } : {}),
  });
  return {
    budget,
    discoveryRelays,
    delivery,
    route: (authors, skip) => routeAuthors(listDeps(skip), authors, { budget, delivery }),
    async inboxes(authors, perPerson) {
      const { lists } = await fetchRelayLists(listDeps(client.stalled), authors);
      const score = (url: string) => delivery.relay(url) ?? 0.5;
      return new Map(
        [...readRelaysOf(lists)].map(([author, urls]) => [
          author,
          urls.filter((url) => score(url) >= 0.3).sort((a, b) => score(b) - score(a)).slice(0, perPerson),
        ]),
      );
    },
    save() {
      try {
        client.store().delivery.save(delivery);
      } catch {
        // Busy or damaged store: the next run learns again.
      }
    },
  };
}

function safeEvents(client: Client) {
  try {
    return client.store().events;
  } catch {
    return undefined;
  }
}

/** `NOSTR_TUI_MAX_RELAYS`: the most relays one feed connects to (default 20). */
export function maxRelaysFromEnv(env: NodeJS.ProcessEnv): number {
  const raw = env.NOSTR_TUI_MAX_RELAYS?.trim();
  if (!raw) return DEFAULT_MAX_RELAYS;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 200) {
    throw usageError(`NOSTR_TUI_MAX_RELAYS must be a whole number from 1 to 200, like 20 (it is "${sanitizeLine(raw.slice(0, 40))}")`);
  }
  return n;
}

/** The discovery relays this run may ask, but those in `besides`: none when --relay named the relays for it. */
export const discoveryRelaysFor = (client: Pick<Client, 'pinnedRelays' | 'env'>, besides: readonly string[] = []): string[] =>
  client.pinnedRelays ? [] : discoveryRelaysFromEnv(client.env).filter((url) => !besides.includes(url));

/** `NOSTR_TUI_DISCOVERY_RELAYS`: comma-separated indexer URLs, or the defaults; empty turns discovery off. */
export function discoveryRelaysFromEnv(env: NodeJS.ProcessEnv): string[] {
  const raw = env.NOSTR_TUI_DISCOVERY_RELAYS;
  if (raw === undefined) return [...DEFAULT_DISCOVERY_RELAYS];
  return [...new Set(raw.split(',').map((url) => url.trim()).filter(Boolean).map((url) => normalizeRelayUrl(url)))];
}

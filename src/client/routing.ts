// Reading by the outbox model: the plan that asks each followed author's notes
// where that author writes, learned delivery included, and the outcomes fed
// back. Both faces (the Home feed, `timeline`, `relay plan`) route through here.
import type { Filter } from 'nostr-tools';
import { DeliveryStats } from '../core/delivery.js';
import { planFilters, planOutbox, type OutboxPlan } from '../core/outbox-plan.js';
import type { RelaySpec } from '../core/relay-spec.js';
import type { RequestPlan, SubscribeHandlers } from '../net/types.js';
import { fetchRelayLists, writeRelaysOf, type RelayListDeps } from './relay-lists.js';

/**
 * People without a relay list are asked on every relay the plan opens: a longer
 * filter on a connection open anyway costs no connection, and on the recall bench
 * (bench/figures/outbox-recall.ts) it takes a warm start from 79.8 % to 83.4 % of the
 * notes with the same 20 relays, where the planner's own default (its 4 most used) misses
 * those who write to the fifth to tenth biggest relays.
 */
const EVERY_PLANNED_RELAY = Infinity;

export interface RouteOptions {
  /** Relays per author (default 2). */
  perAuthor?: number;
  /** Most relays for this request, the user's own included (default 20). */
  budget?: number;
  /** How many of the plan's relays also ask people without a list (default: all of them). */
  fallbackRelays?: number;
  delivery?: DeliveryStats;
}

export interface Route {
  plan: OutboxPlan;
  /** The relay lists the plan was made from. */
  lists: Map<string, RelaySpec[]>;
  /** One step per relay, with just the authors routed there. */
  request(template: Omit<Filter, 'authors'>): RequestPlan;
}

/** Fetches the authors' relay lists (cache first) and plans where to ask for each. */
export async function routeAuthors(deps: RelayListDeps, authors: readonly string[], opts: RouteOptions = {}): Promise<Route> {
  const { lists } = await fetchRelayLists(deps, authors);
  return routeFromLists(deps.userRelays, lists, authors, opts);
}

export function routeFromLists(
  userRelays: readonly string[],
  lists: Map<string, RelaySpec[]>,
  authors: readonly string[],
  opts: RouteOptions = {},
): Route {
  const plan = planOutbox({
    authors,
    writeRelays: writeRelaysOf(lists),
    userRelays,
    ...(opts.delivery ? { delivery: opts.delivery } : {}),
    ...(opts.perAuthor === undefined ? {} : { perAuthor: opts.perAuthor }),
    ...(opts.budget === undefined ? {} : { budget: opts.budget }),
    fallbackRelays: opts.fallbackRelays ?? EVERY_PLANNED_RELAY,
  });
  return {
    plan,
    lists,
    request: (template) =>
      planFilters(plan.routes, template).map((step) => ({
        ...step,
        role: userRelays.includes(step.relay) ? ('user' as const) : ('outbox' as const),
      })),
  };
}

/**
 * Handlers that also teach `delivery` which relay sent which author's events,
 * once each relay's part of the request has settled. Only the start-up answer
 * is learned from: the request streams on, and what it brought later was kept
 * (one entry per event, issue #16 item 5) for nothing.
 */
export function learning(route: Route, delivery: DeliveryStats, handlers: SubscribeHandlers): SubscribeHandlers {
  const delivered = new Map<string, Set<string>>();
  let learned = false;
  const note = (relay: string, author: string) => {
    const set = delivered.get(relay) ?? new Set<string>();
    set.add(author);
    delivered.set(relay, set);
  };
  return {
    ...handlers,
    onevent(event, relay) {
      if (!learned) note(relay, event.pubkey);
      handlers.onevent(event, relay);
    },
    // A copy another relay sent first still shows this relay holds the author.
    onseen(id, relay, event) {
      if (!learned && event) note(relay, event.pubkey);
      handlers.onseen?.(id, relay, event);
    },
    onsettled(outcomes) {
      learned = true;
      for (const outcome of outcomes) {
        delivery.record({
          url: outcome.url,
          answered: outcome.eose,
          asked: route.plan.routes.get(outcome.url) ?? [],
          delivered: delivered.get(outcome.url) ?? new Set(),
        });
      }
      handlers.onsettled?.(outcomes);
    },
  };
}

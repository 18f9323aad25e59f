// outbox-recall: the share of the followed people's notes of the last 24 h a
// Home start-up actually gets, on a synthetic network shaped like the real one
// (bench/outbox-network.ts: 300 relays, 1,000 authors, 70 % with relay lists,
// 46 % of listed pairs dead, slow and short-memory relays). Same network, same
// pool, same budget (20 connections); only the choice of relays differs:
//   configured: the user's three relays only (what nostr-tui did before);
//   applesauce, NDK, welshman: the relay selection of the libraries noStrudel, many
//               web clients and Coracle are built on, fed the same kind 10002 events
//               (fetched from the user's relays and the indexer on each start, as ours
//               are), through thin adapters that say how each was called (bench/adapters/);
//   ours cold:  the outbox planner on a first start (relay lists fetched from the indexer);
//   ours warm:  the third start, after two earlier ones taught it what each relay delivers;
//               People who publish no relay list are asked on every relay the plan opens
//               (src/client/routing.ts);
//   ours narrow: as before 2026-12-01, those people asked only on the plan's 4 most used
//               relays (fallbackRelays: 4), to show what that change is worth;
//   oracle:     the best any choice of 20 relays could do, knowing where every note is.
// Also: connections opened (the indexer included), and the time until 90 % of the
// final recall (lists included).
import type { Event } from 'nostr-tools';
import { learning, routeAuthors } from '../../src/client/routing.js';
import { DeliveryStats } from '../../src/core/delivery.js';
import { planFilters } from '../../src/core/outbox-plan.js';
import { createPool } from '../../src/net/pool.js';
import type { RequestPlan } from '../../src/net/types.js';
import { ratio, type BenchContext, type Figure } from '../figure.js';
import { BENCH_NOW } from '../fixtures/signed-notes.js';
import { startNetwork, type Network } from '../outbox-network.js';
import { applesauceSelect } from '../adapters/applesauce.js';
import { fetchListEvents, type Selector } from '../adapters/common.js';
import { ndkSelect } from '../adapters/ndk.js';
import { welshmanSelect } from '../adapters/welshman.js';

const BUDGET = Number(process.env.BENCH_OUTBOX_BUDGET ?? 20);

interface Run {
  recall: number;
  connections: number;
  t90Ms: number;
}

async function fetchOnce(net: Network, plan: (pool: ReturnType<typeof createPool>) => Promise<{ request: RequestPlan; wrap?: (h: Handlers) => Handlers }>): Promise<Run> {
  const pool = createPool({ relays: net.userRelays.map((url) => ({ url, read: true, write: true })) });
  const started = performance.now();
  const arrivals: number[] = [];
  const got = new Set<string>();
  const { request, wrap } = await plan(pool);
  await new Promise<void>((resolve) => {
    const handlers: Handlers = {
      onevent(event: Event) {
        if (net.targetIds.has(event.id) && !got.has(event.id)) {
          got.add(event.id);
          arrivals.push(performance.now() - started);
        }
      },
      onsettled: () => resolve(),
    };
    pool.request(request, wrap ? wrap(handlers) : handlers, { stream: false });
  });
  const connections = new Set(pool.status().map((s) => s.url)).size;
  await pool.close();
  const need = Math.ceil(arrivals.length * 0.9);
  return { recall: got.size / net.targetIds.size, connections, t90Ms: Math.round(arrivals[need - 1] ?? 0) };
}

type Handlers = { onevent(event: Event, relay: string): void; onsettled?(outcomes: never[]): void };

export default async function outboxRecall(ctx: BenchContext): Promise<Figure[]> {
  ctx.log('outbox-recall: building the network (300 relays, 1,000 authors)…');
  const net = await startNetwork(BENCH_NOW);
  const template = { kinds: [1], since: net.since };
  try {
    const configured = await fetchOnce(net, async () => ({
      request: planFilters(new Map(net.userRelays.map((url) => [url, net.authors])), template),
    }));
    const delivery = new DeliveryStats();
    const oursWith = (delivery: DeliveryStats, fallbackRelays?: number) => (pool: ReturnType<typeof createPool>) =>
      routeAuthors(
        { pool, userRelays: net.userRelays, discoveryRelays: [net.indexerUrl], rules: { allowPrivate: true } },
        net.authors,
        { budget: BUDGET, delivery, ...(fallbackRelays === undefined ? {} : { fallbackRelays }) },
      ).then((route) => ({ request: route.request(template), wrap: (h: Handlers) => learning(route, delivery, h as never) as unknown as Handlers }));
    const ours = oursWith(delivery);
    // The earlier rule: people without a relay list asked only on the plan's four most used relays.
    const narrowDelivery = new DeliveryStats();
    const narrow = oursWith(narrowDelivery, 4);
    const library = (select: Selector) => async (pool: ReturnType<typeof createPool>) => {
      const relayLists = await fetchListEvents(pool, net.authors, net.userRelays, net.indexerUrl);
      return { request: await select({ authors: net.authors, relayLists, userRelays: net.userRelays, indexerUrl: net.indexerUrl, budget: BUDGET, template }) };
    };
    const cold = await fetchOnce(net, ours);
    const libraries: Array<[string, Run]> = [
      ['applesauce', await fetchOnce(net, library(applesauceSelect))],
      ['NDK', await fetchOnce(net, library(ndkSelect))],
      ['welshman', await fetchOnce(net, library(welshmanSelect))],
    ];
    const narrowCold = await fetchOnce(net, narrow);
    await fetchOnce(net, ours);
    await fetchOnce(net, narrow);
    const warm = await fetchOnce(net, ours);
    const narrowWarm = await fetchOnce(net, narrow);
    const pct = (x: number) => Number((x * 100).toFixed(1));
    const oracle = net.oracle(BUDGET) / net.targetIds.size;
    const row = (name: string, r: Run) => `${name} ${pct(r.recall)} % with ${r.connections} relays, 90 % in ${r.t90Ms} ms`;
    const rows: Array<[string, Run]> = [['configured', configured], ...libraries, ['ours cold', cold], ['ours warm', warm], ['ours narrow cold', narrowCold], ['ours narrow warm', narrowWarm]];
    const note = `network: ${net.pairs.dead} of ${net.pairs.listed} listed pairs dead, ${pct(net.reachableIds.size / net.targetIds.size)} % of the notes held by some live relay, ${pct(oracle)} % by the best ${BUDGET} relays (an oracle); ${rows.map(([name, r]) => row(name, r)).join('; ')}`;
    ctx.log(`outbox-recall: ${note}`);
    const [bestName, best] = libraries.reduce((a, b) => (b[1].recall > a[1].recall ? b : a));
    return [
      { name: 'outbox-recall warm vs configured', value: pct(warm.recall), unit: '%', baseline: pct(configured.recall), ratio: ratio(warm.recall, configured.recall), note },
      {
        name: 'outbox-recall warm vs best library',
        value: pct(warm.recall),
        unit: '%',
        baseline: pct(best.recall),
        ratio: ratio(warm.recall, best.recall),
        note: `best library: ${row(bestName, best)}; ours warm ${row('', warm).trim()}`,
      },
      {
        name: `outbox-recall warm vs oracle(${BUDGET})`,
        value: pct(warm.recall),
        unit: '%',
        baseline: pct(oracle),
        ratio: ratio(warm.recall, oracle),
        note: `the oracle knows which relays hold which notes and picks the best ${BUDGET}; the 95 % goal is out of reach on this network at any budget: ${pct(net.reachableIds.size / net.targetIds.size)} % of the notes are on a live relay at all, and the oracle gets ${[30, 60].map((b) => `${pct(net.oracle(b) / net.targetIds.size)} % with ${b}`).join(', ')}`,
      },
      {
        name: 'outbox-recall warm vs narrow warm',
        value: pct(warm.recall),
        unit: '%',
        baseline: pct(narrowWarm.recall),
        ratio: ratio(warm.recall, narrowWarm.recall),
        note: `narrow: people without a relay list asked only on the plan's 4 most used relays (the earlier rule): ${row('cold', narrowCold)}; ${row('warm', narrowWarm)}`,
      },
      { name: 'outbox-recall cold vs configured', value: pct(cold.recall), unit: '%', baseline: pct(configured.recall), ratio: ratio(cold.recall, configured.recall) },
      ...libraries.map(([name, r]): Figure => ({
        name: `outbox-recall ${name} vs configured`,
        value: pct(r.recall),
        unit: '%',
        baseline: pct(configured.recall),
        ratio: ratio(r.recall, configured.recall),
        note: row(name, r),
      })),
      { name: 'outbox-connections warm vs budget', value: warm.connections, unit: 'relays', baseline: BUDGET + 1, ratio: ratio(warm.connections, BUDGET + 1), note: 'budget 20 plus the indexer' },
      { name: 'outbox-t90 warm vs 3 s goal', value: warm.t90Ms, unit: 'ms', baseline: 3000, ratio: ratio(warm.t90Ms, 3000) },
    ];
  } finally {
    await net.stop();
  }
}

// A synthetic Nostr network for the recall benchmark, in one worker thread on
// loopback, seeded and reproducible: relays of skewed popularity (a few big, a
// long tail), some down, some keeping only the last hours, each slow to answer
// by its own delay; authors who list 2-6 write relays (NIP-65), about half of
// the listed (author, relay) pairs holding nothing; authors without a list
// publishing to two popular relays. One more relay is the indexer holding
// every relay list.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Event } from 'nostr-tools';
import { makeAuthors, sign, type Author } from './fixtures/events.js';
import { seededRandom } from '../test/helpers/fuzz.js';

export interface NetworkShape {
  relays: number;
  authors: number;
  /** Share of authors with a relay list. */
  listed: number;
  /** Share of listed (author, relay) pairs where the relay has none of the author's notes (down relays included). */
  deadPairs: number;
  /** Share of relays that refuse every connection. */
  down: number;
  /** Share of relays that keep only the last 12 hours. */
  shortRetention: number;
  /** Slowest relay's delay before it answers, ms (fastest 50 ms). */
  maxDelayMs: number;
  seed: number;
}

export const defaultShape: NetworkShape = {
  relays: 300,
  authors: 1000,
  listed: 0.7,
  deadPairs: 0.46,
  down: 0.12,
  shortRetention: 0.1,
  maxDelayMs: 800,
  seed: 42,
};

export interface Network {
  relayUrls: string[];
  indexerUrl: string;
  /** The user's own relays: the three most popular. */
  userRelays: string[];
  authors: string[];
  /** Notes of the last 24 hours, everything a perfect client would show. */
  targetIds: Set<string>;
  /** Those that some live relay still holds: what any client could get at best. */
  reachableIds: Set<string>;
  since: number;
  /** The most notes any choice of `budget` relays holds (greedy on the truth: an oracle's plan). */
  oracle(budget: number): number;
  /** (author, relay) pairs listed, and of those dead. */
  pairs: { listed: number; dead: number };
  stop(): Promise<void>;
}


export async function startNetwork(now: number, shape: NetworkShape = defaultShape): Promise<Network> {
  const random = seededRandom(shape.seed);
  const weights = Array.from({ length: shape.relays }, (_, i) => 1 / (i + 1) ** 1.1);
  const total = weights.reduce((a, b) => a + b, 0);
  const pick = (): number => {
    let x = random() * total;
    for (let i = 0; i < weights.length; i++) if ((x -= weights[i]!) <= 0) return i;
    return weights.length - 1;
  };
  // The user's three relays are never down.
  const down = Array.from({ length: shape.relays }, (_, i) => i >= 3 && random() < shape.down);
  const keepsHours = Array.from({ length: shape.relays }, () => (random() < shape.shortRetention ? 12 : Infinity));
  const delays = Array.from({ length: shape.relays }, () => 50 + Math.floor(random() * (shape.maxDelayMs - 50)));
  const held: Event[][] = Array.from({ length: shape.relays }, () => []);
  const listedWrites: Array<{ author: Author; writes: number[] }> = [];
  const targetIds = new Set<string>();
  const reachableIds = new Set<string>();
  const authors: Author[] = await makeAuthors(shape.authors);
  let listedPairs = 0;
  let deadPairs = 0;
  // Down relays make part of the dead pairs; the rest are relays that never got, or dropped, the notes.
  const extraDead = Math.max(0, (shape.deadPairs - shape.down) / (1 - shape.down));

  for (const author of authors) {
    let writes: number[];
    const listed = random() < shape.listed;
    if (listed) {
      const want = 2 + Math.floor(random() * 5);
      const chosen = new Set<number>();
      while (chosen.size < want) chosen.add(pick());
      writes = [...chosen];
      listedWrites.push({ author, writes });
    } else {
      writes = [Math.floor(random() * 5), 5 + Math.floor(random() * 5)];
    }
    const holding = writes.filter((i) => {
      const dead = down[i]! || random() < extraDead;
      if (listed) {
        listedPairs++;
        if (dead) deadPairs++;
      }
      return !dead;
    });
    const count = 1 + Math.floor(random() * 4);
    for (let n = 0; n < count; n++) {
      const ago = Math.floor(random() * 86_000);
      const note = await sign(author, { kind: 1, created_at: now - ago, tags: [], content: `note ${n} of ${author.pubkey.slice(0, 8)}` });
      targetIds.add(note.id);
      for (const i of holding) {
        if (ago >= keepsHours[i]! * 3600) continue;
        held[i]!.push(note);
        reachableIds.add(note.id);
      }
    }
  }

  const worker = new Worker(RELAY_SOURCE, {
    eval: true,
    workerData: {
      ws: createRequire(import.meta.url).resolve('ws'),
      relays: held.map((events, i) => ({ events, down: down[i], delayMs: delays[i] })).concat([{ events: [], down: false, delayMs: 50 }]),
    },
  });
  const urls = await new Promise<string[]>((resolve, reject) => {
    worker.once('message', (m: { urls: string[] }) => resolve(m.urls));
    worker.once('error', reject);
  });
  const indexerUrl = urls.at(-1)!;
  const relayUrls = urls.slice(0, -1);
  // The lists can name the relays once their ports are known.
  const resolved = await Promise.all(
    listedWrites.map(({ author, writes }) =>
      sign(author, { kind: 10002, created_at: now - 86_400 * 30, tags: writes.map((i) => ['r', relayUrls[i]!, 'write']), content: '' }),
    ),
  );
  await new Promise<void>((resolve) => {
    worker.once('message', () => resolve());
    worker.postMessage({ indexer: resolved });
  });
  return {
    relayUrls,
    indexerUrl,
    userRelays: relayUrls.slice(0, 3),
    authors: authors.map((a) => a.pubkey),
    targetIds,
    reachableIds,
    oracle(budget) {
      const got = new Set<string>();
      const chosen = new Set<number>();
      while (chosen.size < budget) {
        let best = -1;
        let gain = 0;
        held.forEach((events, i) => {
          if (chosen.has(i)) return;
          const g = events.filter((e) => !got.has(e.id)).length;
          if (g > gain) [best, gain] = [i, g];
        });
        if (best < 0) break;
        chosen.add(best);
        for (const e of held[best]!) got.add(e.id);
      }
      return got.size;
    },
    since: now - 86_400,
    pairs: { listed: listedPairs, dead: deadPairs },
    async stop() {
      await new Promise<void>((resolve) => {
        worker.once('message', () => resolve());
        worker.postMessage('stop');
      });
      await worker.terminate();
    },
  };
}

// CommonJS in the worker. Filters: ids, kinds, authors, since, until.
const RELAY_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { WebSocketServer } = require(workerData.ws);
const matches = (f, e) =>
  (!f.ids || f.ids.includes(e.id)) && (!f.kinds || f.kinds.includes(e.kind)) &&
  (!f.authors || f.authors.includes(e.pubkey)) && (f.since === undefined || e.created_at >= f.since) &&
  (f.until === undefined || e.created_at <= f.until);
const relays = workerData.relays.map(({ events, down, delayMs }) => {
  const relay = { stored: events.map((event) => ({ event, json: JSON.stringify(event) })) };
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  server.on('connection', (ws) => {
    ws.on('error', () => {});
    if (down) return ws.terminate();
    ws.on('message', (data) => setTimeout(() => {
      let m;
      try { m = JSON.parse(data.toString()); } catch { return; }
      if (!Array.isArray(m) || m[0] !== 'REQ') return;
      const [, subId, ...filters] = m;
      const prefix = '["EVENT",' + JSON.stringify(subId) + ',';
      for (const { event, json } of relay.stored) if (filters.some((f) => matches(f, event))) ws.send(prefix + json + ']');
      ws.send(JSON.stringify(['EOSE', subId]));
    }, delayMs));
  });
  relay.server = server;
  return relay;
});
Promise.all(relays.map((r) => new Promise((ok) => r.server.once('listening', ok)))).then(() =>
  parentPort.postMessage({ urls: relays.map((r) => 'ws://127.0.0.1:' + r.server.address().port) }));
parentPort.on('message', (message) => {
  if (message && message.indexer) {
    relays[relays.length - 1].stored = message.indexer.map((event) => ({ event, json: JSON.stringify(event) }));
    parentPort.postMessage({ ok: true });
    return;
  }
  for (const r of relays) { for (const ws of r.server.clients) ws.terminate(); r.server.close(); }
  parentPort.postMessage({ stopped: true });
});
`;

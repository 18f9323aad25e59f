// Minimal relays for benchmarks: serve pre-signed events from memory over real
// WebSockets on loopback (NIP-01 REQ -> EVENT… EOSE). The real relay caps a
// query at 1,000 events and accepts ~350 events/s, too little to feed 20,000.
// They run on a worker thread of their own (same process), so what is timed is
// the client, not the relays; events are serialised once up front.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Event } from 'nostr-tools';
import { THREAD_ID_SOURCE } from './thread-cpu.js';

export interface MemoryRelays {
  urls: string[];
  /** The relays' OS thread (Linux), for thread-cpu.ts. */
  threadId?: number;
  stop(): Promise<void>;
}

// CommonJS, evaluated in the worker. Filters: ids, kinds, authors, since, until (what benchmarks ask).
const RELAY_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { WebSocketServer } = require(workerData.ws);
const matches = (f, e) =>
  (!f.ids || f.ids.includes(e.id)) && (!f.kinds || f.kinds.includes(e.kind)) &&
  (!f.authors || f.authors.includes(e.pubkey)) && (f.since === undefined || e.created_at >= f.since) &&
  (f.until === undefined || e.created_at <= f.until);
const servers = workerData.sets.map((events, n) => {
  // Optional behaviour per relay: stall (take the REQ, never answer), or pause delayMs after every chunk events.
  const how = (workerData.behaviours || [])[n] || {};
  const stored = events.map((event) => ({ event, json: JSON.stringify(event) }));
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  server.on('connection', (ws) => {
    ws.on('error', () => {});
    ws.on('message', (data) => {
      let m;
      try { m = JSON.parse(data.toString()); } catch { return; }
      if (!Array.isArray(m) || m[0] !== 'REQ') return;
      const [, subId, ...filters] = m;
      if (how.stall) return;
      const prefix = '["EVENT",' + JSON.stringify(subId) + ',';
      const out = [];
      for (const { event, json } of stored) if (filters.some((f) => matches(f, event))) out.push(prefix + json + ']');
      const eose = JSON.stringify(['EOSE', subId]);
      if (!how.delayMs) {
        for (const msg of out) ws.send(msg);
        ws.send(eose);
        return;
      }
      let i = 0;
      const next = () => {
        if (ws.readyState !== 1) return;
        for (const end = Math.min(out.length, i + (how.chunk || 100)); i < end; i++) ws.send(out[i]);
        if (i < out.length) setTimeout(next, how.delayMs);
        else ws.send(eose);
      };
      setTimeout(next, how.delayMs);
    });
  });
  return server;
});
Promise.all(servers.map((s) => new Promise((r) => s.once('listening', r)))).then(() =>
  parentPort.postMessage({ urls: servers.map((s) => 'ws://127.0.0.1:' + s.address().port), threadId: ${THREAD_ID_SOURCE} }));
parentPort.on('message', () => {
  for (const s of servers) { for (const ws of s.clients) ws.terminate(); s.close(); }
  parentPort.postMessage({ stopped: true });
});
`;

/** How one relay misbehaves: `stall` takes the REQ and never answers; `delayMs` pauses after every `chunk` events (and before the first). */
export interface RelayBehaviour {
  stall?: boolean;
  chunk?: number;
  delayMs?: number;
}

/** One relay per event set. */
export async function startMemoryRelays(sets: Event[][], behaviours: RelayBehaviour[] = []): Promise<MemoryRelays> {
  const worker = new Worker(RELAY_SOURCE, {
    eval: true,
    execArgv: [],
    workerData: { sets, behaviours, ws: createRequire(import.meta.url).resolve('ws') },
  });
  const { urls, threadId } = await new Promise<{ urls: string[]; threadId?: number }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return {
    urls,
    ...(threadId ? { threadId } : {}),
    async stop() {
      await new Promise<void>((resolve) => {
        worker.once('message', () => resolve());
        worker.postMessage('stop');
      });
      await worker.terminate();
    },
  };
}

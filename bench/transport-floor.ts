// The transport floor under ingest: the same REQ to the same relays, every message
// received (ws) and parsed (JSON.parse) on the main thread, and nothing else: no
// dedupe, no checks, no timeline. What that costs the cores (the relays' thread
// serving, the main thread reading, V8's helpers) is spent by any client before
// its first signature check, so with the native limit's checks it bounds what
// ingest can reach on this machine.
import type { Filter } from 'nostr-tools';
import WebSocket from 'ws';
import { threadCpuMeter, type ThreadCpu } from './thread-cpu.js';

export interface TransportFloor {
  ms: number;
  cpu: ThreadCpu | undefined;
}

export async function transportFloor(urls: string[], filter: Filter, expected: number): Promise<TransportFloor> {
  const meter = threadCpuMeter();
  const started = performance.now();
  const counts = await Promise.all(urls.map((url) => receiveAll(url, filter)));
  const ms = performance.now() - started;
  const cpu = meter();
  const received = counts.reduce((a, b) => a + b, 0);
  if (received !== expected) throw new Error(`transport floor: ${received} of ${expected} events`);
  return { ms, cpu };
}

/** Events received from one relay up to its EOSE. */
function receiveAll(url: string, filter: Filter): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    let events = 0;
    ws.on('error', reject);
    ws.on('open', () => ws.send(JSON.stringify(['REQ', 'floor', filter])));
    ws.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as unknown[];
      if (message[0] === 'EVENT') events++;
      else if (message[0] === 'EOSE') {
        ws.close();
        resolve(events);
      }
    });
  });
}

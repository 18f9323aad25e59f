// A minimal relay for benchmarks: serves pre-signed events from memory over a
// real WebSocket on loopback (NIP-01 REQ -> EVENT… EOSE). The real relay caps a
// query at 1,000 events and accepts ~350 events/s, too little to feed 20,000.
// Events are serialised once up front, so serving costs almost nothing.
import type { Event, Filter } from 'nostr-tools';
import { matchFilters } from 'nostr-tools/filter';
import { WebSocketServer } from 'ws';

export interface MemoryRelay {
  url: string;
  stop(): Promise<void>;
}

export async function startMemoryRelay(events: Event[]): Promise<MemoryRelay> {
  const stored = events.map((event) => ({ event, json: JSON.stringify(event) }));
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  server.on('connection', (ws) => {
    ws.on('error', () => {});
    ws.on('message', (data) => {
      let message: unknown;
      try {
        message = JSON.parse(data.toString());
      } catch {
        return;
      }
      if (!Array.isArray(message) || message[0] !== 'REQ') return;
      const [, subId, ...filters] = message as [string, string, ...Filter[]];
      const prefix = '["EVENT",' + JSON.stringify(subId) + ',';
      for (const { event, json } of stored) if (matchFilters(filters, event)) ws.send(prefix + json + ']');
      ws.send(JSON.stringify(['EOSE', subId]));
    });
  });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `ws://127.0.0.1:${port}`,
    async stop() {
      for (const ws of server.clients) ws.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

// A real, third-party relay (@nostr-relay/core with its SQLite repository) on
// 127.0.0.1, for integration and end-to-end tests. Correct behaviour is proven
// against this; test/helpers/fault-relay.ts exists only to inject faults.
import type { Logger } from '@nostr-relay/common';
import { NostrRelay } from '@nostr-relay/core';
import { EventRepositorySqlite } from '@nostr-relay/event-repository-sqlite';
import { createServer } from 'node:net';
import type { Event } from 'nostr-tools';
import { WebSocketServer, type WebSocket } from 'ws';

export interface TestRelay {
  url: string;
  port: number;
  /** Stores an event directly, as if another client had published it. */
  seed(...events: Event[]): Promise<void>;
  /**
   * A deletion request (kind 5) applied as this relay applies it, and then kept, as most relays
   * keep them (NIP-09: relays SHOULD go on sharing them); this one otherwise drops it.
   */
  keepDeletion(request: Event): Promise<void>;
  /** Everything the relay holds that matches `filter` (max 1,000, per the relay). */
  find(filter: Record<string, unknown>): Promise<Event[]>;
  /** Number of client connections currently open. */
  connections(): number;
  /** Drops every client connection without a close handshake (the relay keeps running). */
  dropAll(): void;
  stop(): Promise<void>;
}

const silentLogger: Logger = { setLogLevel() {}, debug() {}, info() {}, warn() {}, error() {} };

export async function startRelay(): Promise<TestRelay> {
  const repository = new EventRepositorySqlite(':memory:');
  await repository.init();
  // Its result caches would hide new events from a repeated REQ within 1 s (shared/DESIGN.md).
  const relay = new NostrRelay(repository, {
    filterResultCacheTtl: 0,
    eventHandlingResultCacheTtl: 0,
    logger: silentLogger,
  });
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  const sockets = new Set<WebSocket>();
  server.on('connection', (ws, req) => {
    sockets.add(ws);
    relay.handleConnection(ws, req.socket.remoteAddress);
    ws.on('message', async (data) => {
      let message: unknown;
      try {
        message = JSON.parse(data.toString());
      } catch {
        return;
      }
      await relay.handleMessage(ws, message as never);
    });
    ws.on('close', () => {
      sockets.delete(ws);
      relay.handleDisconnect(ws);
    });
    ws.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const port = (server.address() as { port: number }).port;
  const seed = async (...events: Event[]) => {
    for (const event of events) {
      const result = await relay.handleEvent(event as never);
      if (!result.success) throw new Error(`relay refused seeded event: ${result.message}`);
    }
  };
  return {
    url: `ws://127.0.0.1:${port}`,
    port,
    seed,
    async keepDeletion(request) {
      if (request.kind !== 5) throw new Error('keepDeletion takes a kind-5 deletion request');
      await seed(request);
      await repository.upsert(request as never);
    },
    find: (filter) => relay.findEvents([filter as never]) as Promise<Event[]>,
    connections: () => sockets.size,
    dropAll() {
      for (const ws of sockets) ws.terminate();
    },
    async stop() {
      for (const ws of sockets) ws.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await relay.destroy();
      await repository.destroy?.();
    },
  };
}

/** A relay URL on a port nothing listens on: connections are refused. */
export async function closedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `ws://127.0.0.1:${port}`;
}

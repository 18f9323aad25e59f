// A scripted fake relay for injecting faults: bad signatures, forged ids,
// off-filter events, invalid JSON, oversize messages, no EOSE, dropped
// connections, refused connections, slow answers, NOTICE / CLOSED / AUTH.
// It exists to misbehave on cue; correct behaviour is proven against the real
// relay (test/helpers/relay.ts) where that relay can show it. Proven against this
// fake relay only, because @nostr-relay/core cannot be made to do it: NIP-42 AUTH
// (it never asks; success, refusing a relay outside the list, the three-challenge
// cap), CLOSED from the relay, a relay that never sends EOSE or answers slowly,
// publish timeouts and OK false. The real-relay halves of verify-once and
// resubscribe-from-newest are in test/integration/pool-real-relay.test.ts.
import type { Event, Filter } from 'nostr-tools';
import { finalizeEvent } from 'nostr-tools/pure';
import { createServer, type IncomingMessage } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';

export interface FaultConnection {
  /** Sends a value as JSON. */
  send(message: unknown): void;
  /** Sends text exactly as given (invalid JSON, oversize…). */
  raw(text: string): void;
  /** Drops the TCP connection without a close handshake. */
  drop(): void;
  /** Index of this connection (0 for the first one accepted). */
  readonly index: number;
}

export interface FaultReq {
  subId: string;
  filters: Filter[];
  conn: FaultConnection;
  eose(): void;
  event(event: Event): void;
  closed(reason: string): void;
}

export interface FaultScript {
  /** false: never answers a WebSocket ping (a connection dead without a close). */
  pong?: boolean;
  /** Refuse the WebSocket upgrade (HTTP 503). */
  refuse?: () => boolean;
  onConnect?(conn: FaultConnection): void;
  onReq?(req: FaultReq): void;
  /** EVENT from the client (publish). Default: no answer. */
  onEvent?(event: Event, conn: FaultConnection): void;
  /** AUTH from the client (NIP-42). Default: no answer. */
  onAuth?(event: Event, conn: FaultConnection): void;
  /**
   * A plain HTTP request on the relay's address (NIP-11 documents). Default,
   * or when it returns undefined: 426, as a WebSocket-only server answers.
   */
  onHttp?(req: IncomingMessage): { status: number; headers?: Record<string, string>; body: string } | undefined;
}

export interface Received {
  conn: number;
  message: unknown[];
}

export interface FaultRelay {
  url: string;
  /** Everything clients sent, parsed, in order. */
  received: Received[];
  /** Connections accepted so far (refused ones excluded). */
  accepted(): number;
  /** Plain HTTP requests (NIP-11) answered so far. */
  httpRequests(): number;
  /** Resolves when a received message satisfies the predicate (now or later). */
  waitFor(predicate: (r: Received) => boolean): Promise<Received>;
  /** Drops every open connection. */
  dropAll(): void;
  stop(): Promise<void>;
}

export async function startFaultRelay(script: FaultScript): Promise<FaultRelay> {
  const http = createServer((req, res) => {
    const answer = script.onHttp?.(req) ?? { status: 426, body: 'Upgrade Required' };
    httpRequests++;
    res.writeHead(answer.status, answer.headers ?? {});
    res.end(answer.body);
  });
  let httpRequests = 0;
  const server = new WebSocketServer({
    server: http,
    autoPong: script.pong !== false,
    verifyClient: (_info, done) => (script.refuse?.() ? done(false, 503, 'refused') : done(true)),
  });
  const sockets = new Set<WebSocket>();
  const received: Received[] = [];
  const waiters: Array<{ predicate: (r: Received) => boolean; resolve: (r: Received) => void }> = [];
  let count = 0;

  server.on('connection', (ws) => {
    sockets.add(ws);
    ws.on('error', () => {});
    ws.on('close', () => sockets.delete(ws));
    const conn: FaultConnection = {
      index: count++,
      send: (message) => ws.readyState === ws.OPEN && ws.send(JSON.stringify(message)),
      raw: (text) => ws.readyState === ws.OPEN && ws.send(text),
      drop: () => ws.terminate(),
    };
    script.onConnect?.(conn);
    ws.on('message', (data) => {
      let message: unknown;
      try {
        message = JSON.parse(data.toString());
      } catch {
        return;
      }
      if (!Array.isArray(message)) return;
      const record = { conn: conn.index, message };
      received.push(record);
      for (const waiter of [...waiters]) {
        if (waiter.predicate(record)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(record);
        }
      }
      const [type, a, ...rest] = message as [string, unknown, ...unknown[]];
      if (type === 'REQ') {
        const subId = a as string;
        script.onReq?.({
          subId,
          filters: rest as Filter[],
          conn,
          eose: () => conn.send(['EOSE', subId]),
          event: (event) => conn.send(['EVENT', subId, event]),
          closed: (reason) => conn.send(['CLOSED', subId, reason]),
        });
      } else if (type === 'EVENT') {
        script.onEvent?.(a as Event, conn);
      } else if (type === 'AUTH') {
        script.onAuth?.(a as Event, conn);
      }
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const port = (http.address() as { port: number }).port;

  return {
    url: `ws://127.0.0.1:${port}`,
    received,
    accepted: () => count,
    httpRequests: () => httpRequests,
    waitFor(predicate) {
      const found = received.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve) => waiters.push({ predicate, resolve }));
    },
    dropAll() {
      for (const ws of sockets) ws.terminate();
    },
    async stop() {
      for (const ws of sockets) ws.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

/** A signed event as plain data. */
export function signed(sk: Uint8Array, template: { kind?: number; created_at: number; content?: string; tags?: string[][] }): Event {
  const { id, pubkey, created_at, kind, tags, content, sig } = finalizeEvent(
    { kind: template.kind ?? 1, created_at: template.created_at, tags: template.tags ?? [], content: template.content ?? '' },
    sk,
  );
  return { id, pubkey, created_at, kind, tags, content, sig };
}

/** Right id, wrong signature (another event's). */
export const withBadSig = (event: Event, other: Event): Event => ({ ...event, sig: other.sig });

/** Content changed after signing: the id no longer matches. */
export const withForgedContent = (event: Event, content: string): Event => ({ ...event, content });

// The WebSocket class the relays use: frames capped by size, and an error
// listener that outlives AbstractRelay's own.
import type { LookupFunction } from 'node:net';
import WS from 'ws';
import { hostResolver } from './lookup.js';

/**
 * The pool's socket class, and what ends the lookups its sockets still wait for (the process
 * would wait for them). An injected class (tests, the bench) connects as it likes; ws gets our
 * lookup (src/net/lookup.ts).
 */
export function relaySockets(Impl?: typeof WebSocket, dnsServers?: readonly string[]): { WebSocket: typeof WebSocket; close(): void } {
  const resolver = Impl ? undefined : hostResolver(dnsServers);
  return { WebSocket: guardedWebSocket(Impl, resolver?.lookup), close: () => resolver?.close() };
}

/** Larger frames close the connection (ws); between 512 KiB and this they are dropped and counted. */
const MAX_FRAME_BYTES = 16 * 1024 * 1024;

/**
 * The socket class AbstractRelay constructs. An `error` with no listener is
 * thrown by Node's EventEmitter, and AbstractRelay removes its handler when it
 * closes a socket, so each socket keeps one no-op listener of its own.
 */
function guardedWebSocket(Impl?: typeof WebSocket, lookup?: LookupFunction): typeof WebSocket {
  if (!Impl) {
    return class extends WS {
      constructor(url: string | URL, protocols?: string | string[]) {
        // ws hands its options to http(s).request, and so `lookup` to net.connect (src/net/lookup.ts).
        super(url, protocols, { maxPayload: MAX_FRAME_BYTES, ...(lookup ? { lookup } : {}) });
        this.on('error', () => {});
      }
    } as unknown as typeof WebSocket;
  }
  const Base = Impl as unknown as new (url: string | URL, protocols?: string | string[]) => { on?(e: string, f: () => void): void };
  return class extends Base {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      this.on?.('error', () => {});
    }
  } as unknown as typeof WebSocket;
}

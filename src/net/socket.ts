// The WebSocket class the relays use: frames capped by size, and an error
// listener that outlives AbstractRelay's own.
import WS from 'ws';

/** Larger frames close the connection (ws); between 512 KiB and this they are dropped and counted. */
const MAX_FRAME_BYTES = 16 * 1024 * 1024;

/**
 * The socket class AbstractRelay constructs. An `error` with no listener is
 * thrown by Node's EventEmitter, and AbstractRelay removes its handler when it
 * closes a socket, so each socket keeps one no-op listener of its own.
 */
export function guardedWebSocket(Impl?: typeof WebSocket): typeof WebSocket {
  if (!Impl) {
    return class extends WS {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols, { maxPayload: MAX_FRAME_BYTES });
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

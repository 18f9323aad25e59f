// A relay that holds a frame half-sent (issue #16 item 7): on the first REQ it announces one
// text frame of 10 MiB and then sends a byte of it every `everyMs`, so the socket is never idle
// and the frame never ends; a client's close handshake waits behind it.
import net from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface TrickleRelay {
  url: string;
  /** Whether the client's TCP connection is gone (closed or destroyed). */
  clientGone(): boolean;
  /** Resolves once the big frame's header went out. */
  started: Promise<void>;
  stop(): Promise<void>;
}

export async function startTrickleRelay(everyMs = 200): Promise<TrickleRelay> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  const timers = new Set<NodeJS.Timeout>();
  let gone = false;
  let begin!: () => void;
  const started = new Promise<void>((resolve) => (begin = resolve));
  server.on('connection', (ws: WebSocket) => {
    const socket = (ws as unknown as { _socket: net.Socket })._socket;
    socket.on('close', () => (gone = true));
    ws.on('error', () => {});
    ws.once('message', () => {
      // FIN + text opcode, 64-bit length (RFC 6455 §5.2), unmasked as a server's frames are.
      const header = Buffer.alloc(10);
      header[0] = 0x81;
      header[1] = 127;
      header.writeBigUInt64BE(BigInt(10 * 1024 * 1024), 2);
      // From now on the relay reads nothing, the close frame included (ws would answer it).
      socket.removeAllListeners('data');
      socket.removeAllListeners('end');
      socket.on('data', () => {});
      socket.write(header);
      begin();
      const timer = setInterval(() => socket.writable && socket.write('x'), everyMs);
      timers.add(timer);
      socket.on('close', () => clearInterval(timer));
    });
  });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}`,
    clientGone: () => gone,
    started,
    async stop() {
      for (const timer of timers) clearInterval(timer);
      for (const client of server.clients) client.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

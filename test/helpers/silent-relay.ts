// A relay stuck before the WebSocket upgrade: it accepts TCP connections, reads what comes, and
// never answers. Only the connect timeout can end a client's wait.
import net from 'node:net';

export interface SilentRelay {
  url: string;
  /** Resolves once a client connected. */
  connected: Promise<void>;
  /** Resolves once every client socket accepted so far is gone. */
  clientsGone(): Promise<unknown>;
  stop(): Promise<void>;
}

export async function startSilentRelay(): Promise<SilentRelay> {
  const sockets: net.Socket[] = [];
  let accepted!: () => void;
  const connected = new Promise<void>((resolve) => (accepted = resolve));
  const server = net.createServer((socket) => {
    sockets.push(socket);
    socket.on('error', () => {});
    // Read and ignored: the upgrade request is never answered.
    socket.resume();
    accepted();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}`,
    connected,
    clientsGone: () => Promise.all(sockets.map((s) => (s.destroyed ? undefined : new Promise((resolve) => s.once('close', resolve))))),
    stop: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

// A closed pool holds nothing open. A quit while a relay had not yet answered the WebSocket
// upgrade kept the process alive after its screen was gone, until the connect timeout fired:
// nostr-tools' own connect timer, which its close() never clears (5 s after the start, and up
// to a minute on a reconnect). The pool now times connects on its own timers, cancelled by close.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('../helpers/closing-pool-child.ts', import.meta.url));

/** Accepts TCP connections, reads, and never answers: a relay stuck before the WebSocket upgrade. */
async function silentServer() {
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
    /** Resolves once the client's socket is gone. */
    clientGone: () => Promise.all(sockets.map((s) => (s.destroyed ? undefined : new Promise((resolve) => s.once('close', resolve))))),
    stop: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

let stop: (() => Promise<void>) | undefined;
let child: ChildProcess | undefined;
afterEach(async () => {
  child?.kill();
  child = undefined;
  await stop?.();
  stop = undefined;
});

describe('a pool closed while a relay is still connecting', () => {
  it('lets the process end by itself at once, not when the connect would have timed out', async () => {
    const relay = await silentServer();
    stop = relay.stop;
    const run = spawn(process.execPath, ['--import', 'tsx', CHILD, relay.url], { stdio: ['pipe', 'pipe', 'inherit'] });
    child = run;
    let out = '';
    run.stdout.on('data', (data: Buffer) => (out += data.toString()));
    const exited = new Promise<number | null>((resolve) => run.once('exit', (code) => resolve(code)));
    await relay.connected;
    run.stdin.end('close\n');
    // With the timer left behind this waits out the child's 120 s connect timeout (past the test's limit).
    expect(await exited).toBe(0);
    expect(out).toBe('closed\n');
    await relay.clientGone();
  });
});

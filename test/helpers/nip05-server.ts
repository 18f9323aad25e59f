// A local HTTP server on 127.0.0.1 standing in for every domain's
// /.well-known/nostr.json (NIP-05), with the faults a real one can have.
import { createServer, type ServerResponse } from 'node:http';

export interface Nip05Server {
  /** The base URL to pass as NOSTR_TUI_NIP05_BASE_URL (with NODE_ENV=test). */
  url: string;
  /** name -> hex key served in `names`. */
  names: Record<string, string>;
  /**
   * How the next answers misbehave: none, a redirect, a body over 64 KB, never answering, HTTP 500,
   * an HTML error page with 200, JSON cut short, a body that trickles in a space at a time.
   */
  fault: 'none' | 'redirect' | 'huge' | 'hang' | 'error' | 'html' | 'truncated' | 'trickle';
  /** Requests received, as paths with their query. */
  requests: string[];
  stop(): Promise<void>;
}

export async function startNip05Server(): Promise<Nip05Server> {
  const hanging = new Set<ServerResponse>();
  const state: Nip05Server = {
    url: '',
    names: {},
    fault: 'none',
    requests: [],
    stop: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = createServer((req, res) => {
    state.requests.push(req.url ?? '');
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname !== '/.well-known/nostr.json') return void res.writeHead(404).end();
    switch (state.fault) {
      case 'redirect':
        return void res.writeHead(302, { location: `${state.url}/elsewhere.json` }).end();
      case 'huge': {
        // No content-length: the cap must hold while reading.
        res.writeHead(200, { 'content-type': 'application/json' });
        const name = url.searchParams.get('name') ?? '';
        res.write(`{"names":{"${name}":"${state.names[name] ?? ''}"},"pad":"`);
        res.end(`${'x'.repeat(70 * 1024)}"}`);
        return;
      }
      case 'hang':
        hanging.add(res);
        return;
      case 'error':
        return void res.writeHead(500).end();
      case 'html':
        return void res.writeHead(200, { 'content-type': 'application/json' }).end('<html>502 Bad Gateway</html>');
      case 'truncated': {
        const name = url.searchParams.get('name') ?? '';
        return void res.writeHead(200, { 'content-type': 'application/json' }).end(`{"names": {"${name}": "${state.names[name] ?? ''}"`);
      }
      case 'trickle': {
        hanging.add(res);
        res.writeHead(200, { 'content-type': 'application/json' });
        const timer = setInterval(() => res.write(' '), 20);
        res.on('close', () => clearInterval(timer));
        return;
      }
    }
    const name = url.searchParams.get('name') ?? '';
    const body = state.names[name] ? { names: { [name]: state.names[name] } } : { names: {} };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return state;
}

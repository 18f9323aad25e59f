// The client's web requests (NIP-05, NIP-11) over Node's http with the host name looked up as
// relays' are (src/net/web-fetch.ts): a real HTTP server on 127.0.0.1, found by a name a DNS
// server on 127.0.0.1 answers, and a DNS server that never answers.
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webClient } from '../../src/net/web-fetch.js';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server.js';

describe('web requests', () => {
  let server: http.Server;
  let port: number;
  let dns: TestDnsServer;
  let silent: TestDnsServer;
  const seen: Array<{ url: string; accept: string | undefined }> = [];
  const hanging: http.ServerResponse[] = [];

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      seen.push({ url: request.url ?? '', accept: request.headers.accept });
      if (request.url === '/doc') response.writeHead(200, { 'content-type': 'application/json', 'x-two': ['a', 'b'] }).end('{"name":"relay"}');
      else if (request.url === '/moved') response.writeHead(302, { location: '/doc' }).end('moved');
      else if (request.url === '/empty') response.writeHead(204).end();
      else if (request.url === '/hang') hanging.push(response);
      else if (request.url === '/odd') response.writeHead(999, 'Odd').end('?');
      else response.writeHead(404).end('no');
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
    dns = await startDnsServer({ 'web.nostr-tui.test': { A: ['127.0.0.1'] } });
    silent = await startDnsServer('silent');
  });
  afterAll(async () => {
    for (const response of hanging) response.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await dns.stop();
    await silent.stop();
  });

  it('GETs by a name its DNS server answers: status, headers both ways, body', async () => {
    const web = webClient([dns.server]);
    try {
      const response = await web.fetch(`http://web.nostr-tui.test:${port}/doc`, { headers: { Accept: 'application/nostr+json' } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/json');
      expect(response.headers.get('x-two')).toBe('a, b');
      expect(await response.json()).toEqual({ name: 'relay' });
      expect(seen.at(-1)).toEqual({ url: '/doc', accept: 'application/nostr+json' });
      expect(dns.asked).toContainEqual({ name: 'web.nostr-tui.test', type: 'A' });
    } finally {
      web.close();
    }
  });

  it('never follows a redirect (NIP-05 forbids it), and gives a 204 no body', async () => {
    const web = webClient([dns.server]);
    try {
      const moved = await web.fetch(`http://web.nostr-tui.test:${port}/moved`, { redirect: 'manual' });
      expect(moved.status).toBe(302);
      expect(moved.statusText).toBe('Found');
      expect(moved.headers.get('location')).toBe('/doc');
      await moved.body?.cancel();
      const empty = await web.fetch(`http://127.0.0.1:${port}/empty`);
      expect(empty.status).toBe(204);
      expect(empty.body).toBeNull();
    } finally {
      web.close();
    }
  });

  it('a name whose DNS server never answers: the request\'s own deadline ends it, with its reason', async () => {
    const web = webClient([silent.server]);
    try {
      const asked = silent.asked.length;
      await expect(web.fetch(`http://web.nostr-tui.test:${port}/doc`, { signal: AbortSignal.timeout(200) })).rejects.toMatchObject({ name: 'TimeoutError' });
      expect(silent.asked.length).toBeGreaterThan(asked);
    } finally {
      web.close();
    }
  });

  it('close() ends what is still waiting, a lookup or an answer, and refuses what comes after', async () => {
    const web = webClient([silent.server]);
    const looking = web.fetch(`http://web.nostr-tui.test:${port}/doc`);
    const waiting = web.fetch(`http://127.0.0.1:${port}/hang`);
    await expect.poll(() => hanging.length).toBe(1);
    web.close();
    await expect(looking).rejects.toMatchObject({ name: 'AbortError', message: 'the client closed' });
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    await expect(web.fetch(`http://127.0.0.1:${port}/doc`)).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('an answer a Response cannot hold (status 999) fails the request, and nothing else', async () => {
    const web = webClient();
    try {
      await expect(web.fetch(`http://127.0.0.1:${port}/odd`)).rejects.toThrow(RangeError);
      expect((await web.fetch(`http://127.0.0.1:${port}/doc`)).status).toBe(200);
    } finally {
      web.close();
    }
  });

  it('takes only GETs of http(s) URLs; an https URL is asked over TLS; a request already given up is not sent', async () => {
    const web = webClient();
    try {
      // The server speaks plain HTTP: the TLS handshake fails, which only an https request tries.
      const tls = await web.fetch(`https://127.0.0.1:${port}/doc`).then(
        () => 'answered',
        (error: NodeJS.ErrnoException) => error.code ?? error.message,
      );
      expect(tls).toMatch(/^ERR_SSL_|^EPROTO$/);
      const before = seen.length;
      const given = new AbortController();
      given.abort(new DOMException('not wanted', 'AbortError'));
      await expect(web.fetch(`http://127.0.0.1:${port}/doc`, { signal: given.signal })).rejects.toMatchObject({ message: 'not wanted' });
      expect(seen.length).toBe(before);
      await expect(web.fetch(`http://127.0.0.1:${port}/doc`, { method: 'POST' })).rejects.toThrow(/only GET/);
      await expect(web.fetch('ftp://127.0.0.1/doc')).rejects.toThrow(/not an http\(s\) URL/);
    } finally {
      web.close();
    }
  });
});

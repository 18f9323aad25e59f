// Tests talk only to 127.0.0.1 (the developers' guide). Every test file runs with this: a name
// looked up for a connection (a relay URL, an HTTP request) that is not the loopback fails at once,
// as if unknown, so no query leaves the machine; and the test that caused it fails, naming it
// (a client built with an env of its own had the public NIP-65 indexers as discovery relays).
// Relays' names are asked of DNS directly (src/net/lookup.ts): a query to a DNS server other than
// one on the loopback (a test's own) fails the same way.
import dns from 'node:dns';
import { afterEach, expect } from 'vitest';

const LOOPBACK = /^(?:127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])$/i;
const asked: string[] = [];
const lookup = dns.lookup;

/** Noted, and answered as an unknown name: the callback is the last argument. */
function refuse(what: string, hostname: string, args: unknown[]): undefined {
  asked.push(hostname);
  const callback = args.at(-1) as (error: NodeJS.ErrnoException) => void;
  const error: NodeJS.ErrnoException = Object.assign(new Error(`${what} ENOTFOUND ${hostname} (tests talk to 127.0.0.1 only)`), { code: 'ENOTFOUND', hostname });
  process.nextTick(() => callback(error));
  return undefined;
}

(dns as { lookup: unknown }).lookup = function loopbackOnly(hostname: string, ...rest: unknown[]) {
  if (LOOPBACK.test(hostname)) return (lookup as (...args: unknown[]) => unknown).call(dns, hostname, ...rest);
  return refuse('getaddrinfo', hostname, rest);
};

const LOOPBACK_SERVER = /^(?:127\.\d+\.\d+\.\d+|\[?::1\]?)(?::\d+)?$/;
for (const method of ['resolve4', 'resolve6'] as const) {
  const resolve = dns.Resolver.prototype[method] as (...args: unknown[]) => unknown;
  (dns.Resolver.prototype as unknown as Record<string, unknown>)[method] = function loopbackServersOnly(this: dns.Resolver, hostname: string, ...rest: unknown[]) {
    if (this.getServers().every((server) => LOOPBACK_SERVER.test(server))) return resolve.call(this, hostname, ...rest);
    return refuse(method, hostname, rest);
  };
}

afterEach(() => {
  const names = asked.splice(0);
  expect(names, 'this test looked up hosts other than the loopback').toEqual([]);
});

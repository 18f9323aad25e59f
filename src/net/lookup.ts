// How a host name (a relay's, or a web request's: src/net/web-fetch.ts) becomes addresses.
// Node's own lookup (dns.lookup) asks the system's resolver with getaddrinfo in a thread of
// libuv's pool, where it cannot be cancelled, and the process cannot exit while one runs (libuv
// joins those threads at exit, process.exit() too): with a resolver that never answers (a
// network up but its DNS server gone), quitting the timeline gave the screen back and then held
// the shell prompt for the resolver's whole timeout, 10 s with glibc's defaults, and a one-shot
// command 5 s past its answer. So names are asked of DNS directly (c-ares, on the event loop:
// what Node's dns.resolve* use), and every query still open is cancelled when the pool closes
// (or the web request is given up). The servers are the system's (c-ares reads
// /etc/resolv.conf, or the platform's settings), or NOSTR_TUI_DNS_SERVERS.
//
// What only the system's resolver knows is still asked of it: `localhost` and `*.localhost` names
// (RFC 6761), `.local` names (mDNS, RFC 6762), and a name DNS says does not exist or that the
// servers could not be asked about (no resolv.conf), so /etc/hosts names work. A name DNS knows is
// taken from DNS, even where /etc/hosts says otherwise; `NOSTR_TUI_DNS_SERVERS=system` sends every
// name to the system's resolver, as before. A timeout is not asked again of the system, which asks
// the same servers, uncancellably.
import dns, { type LookupAddress, type LookupOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { usageError } from '../core/errors.js';

export interface HostResolver {
  /** For `net.connect`'s `lookup` option (ws and http.get pass it on). */
  readonly lookup: LookupFunction;
  /** Cancels every query still open; later lookups fail at once. */
  close(): void;
}

/** Per query and server; c-ares doubles it on the retry. The pool's connect timeout (5 s) gives up on the relay first. */
const QUERY_TIMEOUT_MS = 2_000;
const TRIES = 2;

/** Names whose answer is local to this machine or network: the system's resolver (or mDNS) answers them, not DNS. */
const SYSTEM_ONLY = /(^|\.)(localhost|local)\.?$/i;
/** DNS did not answer at all: the system's resolver would ask the same servers and wait as long. */
const NO_ANSWER = new Set(['ETIMEOUT', 'ECANCELLED', 'EDESTRUCTION']);

type SystemLookup = typeof dns.lookup;

/**
 * `servers`: DNS servers (IP addresses, `:port` optional) in place of the system's; `['system']`
 * uses getaddrinfo for everything. `systemLookup` is dns.lookup and `timing` c-ares' own (tests
 * substitute them).
 */
export function hostResolver(
  servers: readonly string[] = [],
  systemLookup: SystemLookup = dns.lookup,
  timing: { timeout: number; tries: number } = { timeout: QUERY_TIMEOUT_MS, tries: TRIES },
): HostResolver {
  if (servers.length === 1 && servers[0] === 'system') return { lookup: systemLookup as LookupFunction, close() {} };
  const resolver = new dns.Resolver(timing);
  if (servers.length) resolver.setServers([...servers]);
  let closed = false;

  const lookup = (hostname: string, options: LookupOptions, callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void) => {
    const answer = (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => {
      error ??= addresses.length ? null : failed('ENOTFOUND', hostname, 'no address');
      if (error) callback(error, options.all ? [] : '', undefined);
      else if (options.all) callback(null, addresses);
      else callback(null, addresses[0]!.address, addresses[0]!.family);
    };
    const cancelled = () => failed('ECANCELLED', hostname, 'cancelled as the client closed');
    if (closed) return answer(cancelled(), []);
    const system = () => systemLookup(hostname, { ...options, all: true }, (error, addresses) => answer(error, addresses));
    if (SYSTEM_ONLY.test(hostname)) return system();
    const families: Array<4 | 6> = options.family === 4 || options.family === 6 ? [options.family] : [4, 6];
    void answered(families.map((family) => query(resolver, hostname, family))).then((results) => {
      // IPv4 first: with both, Node tries the families in turn (happy eyeballs), starting with the first listed.
      const addresses = results.flatMap((result) => ('addresses' in result ? result.addresses : []));
      if (addresses.length) return answer(null, addresses);
      const errors = results.flatMap((result) => ('error' in result ? [result.error] : []));
      const unanswered = errors.find((error) => NO_ANSWER.has(error.code ?? ''));
      if (unanswered || closed) return answer(unanswered ?? cancelled(), []);
      system();
    });
  };

  return {
    lookup: lookup as LookupFunction,
    close() {
      closed = true;
      resolver.cancel();
    },
  };
}

type QueryResult = { addresses: LookupAddress[] } | { error: NodeJS.ErrnoException };

/**
 * Once one family has addresses, the other gets this long to answer (RFC 8305's Resolution
 * Delay): a DNS server that drops AAAA queries must not hold a relay's IPv4 addresses back until
 * its timeout, past the pool's connect timeout.
 */
const RESOLUTION_DELAY_MS = 50;

/** The queries' results, in order, once all have settled or the resolution delay has passed after the first with addresses. */
function answered(queries: Array<Promise<QueryResult>>): Promise<QueryResult[]> {
  return new Promise((resolve) => {
    const results: Array<QueryResult | undefined> = queries.map(() => undefined);
    let left = queries.length;
    let delay: ReturnType<typeof setTimeout> | undefined;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(delay);
      resolve(results.filter((result): result is QueryResult => result !== undefined));
    };
    queries.forEach((settled, i) =>
      void settled.then((result) => {
        results[i] = result;
        if (--left === 0) finish();
        else if ('addresses' in result) delay ??= setTimeout(finish, RESOLUTION_DELAY_MS);
      }),
    );
  });
}

function query(resolver: dns.Resolver, hostname: string, family: 4 | 6): Promise<QueryResult> {
  return new Promise((resolve) => {
    const done = (error: NodeJS.ErrnoException | null, found: string[]) =>
      resolve(error ? { error } : found.length ? { addresses: found.map((address) => ({ address, family })) } : { error: failed('ENODATA', hostname, 'no address') });
    if (family === 4) resolver.resolve4(hostname, done);
    else resolver.resolve6(hostname, done);
  });
}

function failed(code: string, hostname: string, why: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code} ${hostname}: ${why}`), { code, hostname });
}

/**
 * `NOSTR_TUI_DNS_SERVERS`: comma-separated DNS servers (IP addresses, `:port` optional), or
 * `system`; empty or unset: the system's DNS servers. Anything else is bad input.
 */
export function dnsServersFromEnv(env: NodeJS.ProcessEnv): string[] {
  const servers = (env.NOSTR_TUI_DNS_SERVERS ?? '')
    .split(',')
    .map((server) => server.trim())
    .filter(Boolean);
  if (servers.length === 1 && servers[0] === 'system') return servers;
  try {
    // c-ares' own rule for a server, so what passes here is what the pool's resolver takes.
    if (servers.length) new dns.Resolver().setServers(servers);
  } catch {
    throw usageError(`NOSTR_TUI_DNS_SERVERS must list IP addresses (with an optional :port), or say \`system\`; it says ${JSON.stringify(env.NOSTR_TUI_DNS_SERVERS)}.`);
  }
  return servers;
}

// A relay's host name is asked of DNS directly (c-ares; src/net/lookup.ts), where a query can be
// cancelled, and only names DNS does not know go to the system's resolver (/etc/hosts). Against a
// real relay on 127.0.0.1 and a DNS server on 127.0.0.1 (test/helpers/dns-server.ts).
import type { LookupAddress } from 'node:dns';
import type dns from 'node:dns';
import { finalizeEvent, generateSecretKey } from 'nostr-tools/pure';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostResolver, dnsServersFromEnv } from '../../src/net/lookup.js';
import { createPool } from '../../src/net/pool.js';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';

type Lookup = typeof dns.lookup;

/** What a lookup answered with `all: true`, or its error's code. */
function lookUp(lookup: (...args: never[]) => void, hostname: string, family = 0): Promise<LookupAddress[] | string> {
  return new Promise((resolve) =>
    (lookup as unknown as (h: string, o: object, cb: (e: NodeJS.ErrnoException | null, a: LookupAddress[]) => void) => void)(hostname, { all: true, family }, (error, addresses) =>
      resolve(error ? (error.code ?? 'error') : addresses),
    ),
  );
}

/** The system's resolver, as a stand-in that says what it was asked (it answers 127.0.0.9, always as a list). */
function systemStandIn() {
  const asked: string[] = [];
  const lookup = ((hostname: string, options: { all?: boolean }, callback: (e: Error | null, a: LookupAddress[]) => void) => {
    asked.push(hostname);
    process.nextTick(() => (options.all ? callback(null, [{ address: '127.0.0.9', family: 4 }]) : callback(new Error('asked for one address'), [])));
  }) as unknown as Lookup;
  return { asked, lookup };
}

/** What a lookup answered without `all`: the address and its family. */
function lookUpOne(lookup: (...args: never[]) => void, hostname: string): Promise<[string, number | undefined] | string> {
  return new Promise((resolve) =>
    (lookup as unknown as (h: string, o: object, cb: (e: NodeJS.ErrnoException | null, a: string, f?: number) => void) => void)(hostname, {}, (error, address, family) =>
      resolve(error ? (error.code ?? 'error') : [address, family]),
    ),
  );
}

describe('relay host names', () => {
  let relay: TestRelay;
  let dnsServer: TestDnsServer;
  let silent: TestDnsServer;

  beforeAll(async () => {
    relay = await startRelay();
    dnsServer = await startDnsServer({
      'relay.nostr-tui.test': { A: ['127.0.0.1'] },
      'v6.nostr-tui.test': { AAAA: ['::1'] },
      'both.nostr-tui.test': { A: ['127.0.0.2'], AAAA: ['::1'] },
      'no-aaaa-answer.nostr-tui.test': { A: ['127.0.0.3'], AAAA: 'silent' },
      'late-v6.nostr-tui.test': { A: [], AAAA: ['::1'], aaaaAfterMs: 200 },
      'localhost.nostr-tui.test': { A: ['127.0.0.4'] },
    });
    silent = await startDnsServer('silent');
  });
  afterAll(async () => {
    await relay.stop();
    await dnsServer.stop();
    await silent.stop();
  });

  it('reaches a relay by a name its DNS server answers', async () => {
    const note = finalizeEvent({ kind: 1, created_at: Math.floor(Date.now() / 1000) - 5, tags: [], content: 'found by name' }, generateSecretKey());
    await relay.seed(note);
    const url = `ws://relay.nostr-tui.test:${relay.port}`;
    const pool = createPool({ relays: [{ url, read: true, write: true }], dnsServers: [dnsServer.server] });
    try {
      const result = await pool.query([{ ids: [note.id] }]);
      expect(result.events.map((event) => event.id)).toEqual([note.id]);
      expect(dnsServer.asked).toContainEqual({ name: 'relay.nostr-tui.test', type: 'A' });
    } finally {
      await pool.close();
    }
  });

  it('lists IPv4 first, then IPv6, and asks only the family requested', async () => {
    const system = systemStandIn();
    const { lookup, close } = hostResolver([dnsServer.server], system.lookup);
    try {
      expect(await lookUp(lookup, 'both.nostr-tui.test')).toEqual([
        { address: '127.0.0.2', family: 4 },
        { address: '::1', family: 6 },
      ]);
      expect(await lookUp(lookup, 'v6.nostr-tui.test')).toEqual([{ address: '::1', family: 6 }]);
      expect(await lookUp(lookup, 'both.nostr-tui.test', 6)).toEqual([{ address: '::1', family: 6 }]);
      // Asked for one address (no happy eyeballs), the first.
      expect(await lookUpOne(lookup, 'both.nostr-tui.test')).toEqual(['127.0.0.2', 4]);
      // A name that only begins with "localhost" is DNS's to answer.
      expect(await lookUp(lookup, 'localhost.nostr-tui.test')).toEqual([{ address: '127.0.0.4', family: 4 }]);
      // The delay starts from an answer with addresses, not from the other family's "no address".
      expect(await lookUp(lookup, 'late-v6.nostr-tui.test')).toEqual([{ address: '::1', family: 6 }]);
      expect(system.asked).toEqual([]);
    } finally {
      close();
    }
  });

  it('a server that never answers the AAAA query: the IPv4 addresses are not held back until its timeout', async () => {
    const system = systemStandIn();
    const { lookup, close } = hostResolver([dnsServer.server], system.lookup);
    try {
      const started = performance.now();
      expect(await lookUp(lookup, 'no-aaaa-answer.nostr-tui.test')).toEqual([{ address: '127.0.0.3', family: 4 }]);
      // c-ares would give up on the AAAA query after 2 + 4 s; the answer comes 50 ms after the A.
      expect(performance.now() - started).toBeLessThan(1_500);
      expect(system.asked).toEqual([]);
    } finally {
      close();
    }
  });

  it('asks the system for a name DNS does not know (an /etc/hosts name), and for localhost and .local names', async () => {
    const system = systemStandIn();
    const { lookup, close } = hostResolver([dnsServer.server], system.lookup);
    try {
      expect(await lookUp(lookup, 'only-in-hosts.nostr-tui.test')).toEqual([{ address: '127.0.0.9', family: 4 }]);
      expect(await lookUp(lookup, 'localhost')).toEqual([{ address: '127.0.0.9', family: 4 }]);
      expect(await lookUp(lookup, 'relay.localhost')).toEqual([{ address: '127.0.0.9', family: 4 }]);
      expect(await lookUp(lookup, 'printer.local')).toEqual([{ address: '127.0.0.9', family: 4 }]);
      // Asked for one address, the system's first is given.
      expect(await lookUpOne(lookup, 'localhost')).toEqual(['127.0.0.9', 4]);
      expect(system.asked).toEqual(['only-in-hosts.nostr-tui.test', 'localhost', 'relay.localhost', 'printer.local', 'localhost']);
      // Only the name DNS was asked about reached it.
      expect(dnsServer.asked.map((q) => q.name)).not.toContain('localhost');
    } finally {
      close();
    }
  });

  it('a DNS server that never answers: closing cancels the lookup at once, and the system is not asked', async () => {
    const system = systemStandIn();
    const { lookup, close } = hostResolver([silent.server], system.lookup);
    const pending = lookUp(lookup, 'relay.nostr-tui.test');
    await expect.poll(() => silent.asked.length).toBeGreaterThan(0);
    close();
    expect(await pending).toBe('ECANCELLED');
    expect(await lookUp(lookup, 'relay.nostr-tui.test')).toBe('ECANCELLED');
    expect(system.asked).toEqual([]);
  });

  it('a DNS server that never answers: its timeout fails the lookup, and the system (which would ask it too, uncancellably) is not asked', async () => {
    const system = systemStandIn();
    const { lookup, close } = hostResolver([silent.server], system.lookup, { timeout: 100, tries: 1 });
    try {
      expect(await lookUp(lookup, 'relay.nostr-tui.test')).toBe('ETIMEOUT');
      expect(await lookUpOne(lookup, 'relay.nostr-tui.test')).toBe('ETIMEOUT');
      expect(system.asked).toEqual([]);
    } finally {
      close();
    }
  });

  it('a pool closed while a relay\'s name is still being looked up ends its request with the pool', async () => {
    const pool = createPool({ relays: [{ url: `ws://relay.nostr-tui.test:${relay.port}`, read: true, write: true }], dnsServers: [silent.server] });
    const asked = silent.asked.length;
    const query = pool.query([{ kinds: [1], limit: 1 }]);
    await expect.poll(() => silent.asked.length).toBeGreaterThan(asked);
    await pool.close();
    const result = await query;
    expect(result.relays[0]?.eose).toBe(false);
    expect(result.events).toEqual([]);
  });

  it('`system` sends every name to the system\'s resolver; servers must be IP addresses', () => {
    const system = systemStandIn();
    expect(hostResolver(['system'], system.lookup).lookup).toBe(system.lookup);
    expect(dnsServersFromEnv({ NOSTR_TUI_DNS_SERVERS: ' 127.0.0.1:53, [::1]:5353 ,' })).toEqual(['127.0.0.1:53', '[::1]:5353']);
    expect(dnsServersFromEnv({})).toEqual([]);
    expect(() => dnsServersFromEnv({ NOSTR_TUI_DNS_SERVERS: 'dns.example.org' })).toThrow(/NOSTR_TUI_DNS_SERVERS must list IP addresses/);
    expect(dnsServersFromEnv({ NOSTR_TUI_DNS_SERVERS: 'system' })).toEqual(['system']);
  });
});

// NIP-05 against a local HTTP server: verified only when the server maps the
// address to the key; redirects, oversize answers, timeouts and errors fail;
// answers are remembered for a day; the base URL is honoured only in tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createNip05Resolver, nip05BaseFromEnv } from '../../src/client/nip05.js';
import { nip05Text, nip05Url, parseNip05, pubkeyInNostrJson, verifiedText } from '../../src/core/nip05.js';
import { startNip05Server, type Nip05Server } from '../helpers/nip05-server.js';
import { manualClock } from '../helpers/store.js';

let server: Nip05Server;
const alice = getPublicKey(generateSecretKey());
const mallory = getPublicKey(generateSecretKey());

beforeAll(async () => {
  server = await startNip05Server();
});
afterAll(async () => {
  await server?.stop();
});
beforeEach(() => {
  server.names = { alice, _: alice };
  server.fault = 'none';
  server.requests = [];
});

const resolver = (opts: { dataDir?: string; timeoutMs?: number; clock?: ReturnType<typeof manualClock> } = {}) =>
  createNip05Resolver({
    clock: opts.clock ?? manualClock(),
    env: { NODE_ENV: 'test', NOSTR_TUI_NIP05_BASE_URL: server.url },
    ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
    ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
  });

describe('NIP-05 addresses (pure)', () => {
  it('parses name@domain, lowercased, and refuses what is not one', () => {
    expect(parseNip05('Alice@Example.COM')).toEqual({ name: 'alice', domain: 'example.com' });
    // localhost is the one bare host: a server of the user's own, typed by them (README: NIP-05).
    expect(parseNip05('alice@localhost')).toEqual({ name: 'alice', domain: 'localhost' });
    for (const bad of ['alice', '@example.com', 'alice@', 'alice@myhost', 'al ice@example.com', 'alice@exa_mple.com', 'a@b@c.com']) {
      expect(parseNip05(bad)).toBeUndefined();
    }
    expect(nip05Text(parseNip05('_@example.com')!)).toBe('example.com');
    expect(verifiedText(parseNip05('alice@example.com')!)).toBe('✓ alice@example.com');
    expect(nip05Url(parseNip05('alice@example.com')!)).toBe('https://example.com/.well-known/nostr.json?name=alice');
  });

  it('reads the key from nostr.json only when it is 64 hex characters; a document that is not one is told apart', () => {
    expect(pubkeyInNostrJson(JSON.stringify({ names: { alice } }), 'alice')).toBe(alice);
    // Not listed, or listed as something else: a definite answer about the name.
    expect(pubkeyInNostrJson(JSON.stringify({ names: { alice: 'npub1xyz' } }), 'alice')).toBeNull();
    expect(pubkeyInNostrJson(JSON.stringify({ names: {} }), '__proto__')).toBeNull();
    // Not a nostr.json document: no answer at all.
    expect(pubkeyInNostrJson(JSON.stringify({ names: [alice] }), 'alice')).toBeUndefined();
    expect(pubkeyInNostrJson('not json', 'alice')).toBeUndefined();
    expect(pubkeyInNostrJson(`{"names": {"alice": "${alice}"`, 'alice')).toBeUndefined();
  });

  it('honours the base URL only when NODE_ENV is test', () => {
    expect(nip05BaseFromEnv({ NODE_ENV: 'test', NOSTR_TUI_NIP05_BASE_URL: 'http://127.0.0.1:1' })).toBe('http://127.0.0.1:1');
    expect(nip05BaseFromEnv({ NOSTR_TUI_NIP05_BASE_URL: 'http://127.0.0.1:1' })).toBeUndefined();
    expect(nip05BaseFromEnv({ NODE_ENV: 'production', NOSTR_TUI_NIP05_BASE_URL: 'http://127.0.0.1:1' })).toBeUndefined();
  });
});

describe('NIP-05 addresses in other people’s profiles', () => {
  it('are never checked on the user’s own network (a profile must not make the client send requests there)', async () => {
    const asked: string[] = [];
    const nip05 = createNip05Resolver({
      clock: manualClock(),
      env: {},
      fetch: (async (url: string | URL | Request) => {
        asked.push(String(url));
        throw new Error('no network in this test');
      }) as typeof fetch,
    });
    for (const address of ['x@192.168.1.1', 'x@10.0.0.2', 'x@127.0.0.1', 'x@printer.local', 'x@box.internal', 'x@169.254.169.254']) {
      expect(await nip05.verify(address, alice), address).toBe(false);
    }
    expect(asked).toEqual([]);
    // A public domain is asked (here the request fails: not verified).
    expect(await nip05.verify('alice@example.com', alice)).toBe(false);
    expect(asked).toEqual(['https://example.com/.well-known/nostr.json?name=alice']);
  });
});

describe('NIP-05 over HTTP (local server)', () => {
  it('verifies an address only when the server maps it to that key', async () => {
    const nip05 = resolver();
    expect(await nip05.verify('alice@example.com', alice)).toBe(true);
    expect(await nip05.verify('_@example.com', alice)).toBe(true);
    expect(await nip05.verify('alice@example.com', mallory)).toBe(false);
    expect(await nip05.verify('bob@example.com', alice)).toBe(false);
    expect(server.requests).toContain('/.well-known/nostr.json?name=alice');
    expect(await nip05.resolve('Alice@Example.com')).toBe(alice);
    await expect(nip05.resolve('bob@example.com')).rejects.toThrow('bob@example.com is not listed by example.com.');
  });

  it('fails on a redirect, an answer over 64 KB, a server error and a timeout', async () => {
    server.fault = 'redirect';
    await expect(resolver().resolve('alice@example.com')).rejects.toThrow(/redirect, which NIP-05 does not allow/);
    expect(server.requests).not.toContain('/elsewhere.json');
    server.fault = 'huge';
    await expect(resolver().resolve('alice@example.com')).rejects.toThrow(/larger than 64 KB/);
    expect(await resolver().verify('alice@example.com', alice)).toBe(false);
    server.fault = 'error';
    await expect(resolver().resolve('alice@example.com')).rejects.toThrow(/HTTP 500/);
    server.fault = 'hang';
    await expect(resolver({ timeoutMs: 200 }).resolve('alice@example.com')).rejects.toThrow(/no answer within/);
  });

  it('says why an address is not verified: the real reason, not "does not map it"', async () => {
    const reason = async (timeoutMs?: number) => {
      const check = await resolver(timeoutMs ? { timeoutMs } : {}).check('alice@example.com', alice);
      return check.verified ? 'verified' : check.reason;
    };
    expect(await reason()).toBe('verified');
    expect(await resolver().check('alice@example.com', mallory)).toEqual({ verified: false, reason: 'example.com does not map it to this key' });
    server.fault = 'redirect';
    expect(await reason()).toBe('could not look it up: the server answered with a redirect, which NIP-05 does not allow');
    server.fault = 'hang';
    expect(await reason(200)).toBe('could not look it up: no answer within 0 s');
    // Headers at once, then a body that never ends: too slow, not too large.
    server.fault = 'trickle';
    expect(await reason(300)).toBe('could not look it up: no answer within 0 s');
    server.fault = 'huge';
    expect(await reason()).toBe('could not look it up: the answer is larger than 64 KB');
    server.fault = 'html';
    expect(await reason()).toBe('could not look it up: the answer is not a nostr.json document (JSON with a "names" object)');
  });

  it('does not remember an answer that is not a nostr.json document (an error page with 200, JSON cut short)', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-nip05-'));
    const clock = manualClock(1_800_000_000_000);
    for (const fault of ['html', 'truncated'] as const) {
      server.fault = fault;
      await expect(resolver({ dataDir, clock }).resolve('alice@example.com')).rejects.toThrow(/not a nostr\.json document/);
      expect(await resolver({ dataDir, clock }).verify('alice@example.com', alice)).toBe(false);
    }
    // The next run, the server mended: asked again, and verified.
    server.fault = 'none';
    server.requests = [];
    expect(await resolver({ dataDir, clock }).verify('alice@example.com', alice)).toBe(true);
    expect(server.requests).toEqual(['/.well-known/nostr.json?name=alice']);
  });

  it('remembers answers for a day, across runs, but not failures', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-nip05-'));
    const clock = manualClock(1_800_000_000_000);
    expect(await resolver({ dataDir, clock }).verify('alice@example.com', alice)).toBe(true);
    expect(server.requests).toHaveLength(1);
    // A later run within the day: no request; the file is private.
    const again = resolver({ dataDir, clock });
    expect(again.known('alice@example.com', alice)).toBe(true);
    expect(await again.verify('alice@example.com', alice)).toBe(true);
    expect(server.requests).toHaveLength(1);
    expect(fs.statSync(path.join(dataDir, 'nip05-cache.json')).mode & 0o777).toBe(0o600);
    // A day later it is asked again, and the new answer counts.
    clock.advance(24 * 3600 * 1000);
    server.names = { alice: mallory };
    expect(await resolver({ dataDir, clock }).verify('alice@example.com', alice)).toBe(false);
    expect(server.requests).toHaveLength(2);
    // A failure is not remembered.
    const same = resolver({ dataDir, clock });
    server.fault = 'error';
    server.names = { carol: alice };
    expect(await same.verify('carol@example.com', alice)).toBe(false);
    server.fault = 'none';
    expect(await same.verify('carol@example.com', alice)).toBe(true);
  });
});

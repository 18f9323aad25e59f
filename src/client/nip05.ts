// NIP-05 over HTTP: which public key `name@domain` names, asked of
// `https://domain/.well-known/nostr.json?name=name`. NIP-05 forbids following
// redirects (a redirect is a failure), the answer is capped at 64 KB and the
// request at 5 s, and a definite answer (mapped to a key, or not) is
// remembered for a day, in memory and in the data directory, so a profile
// shown again costs nothing. Timeouts and network errors are not remembered
// as answers: the next look tries again.
//
// Tests point every domain at a local server: NOSTR_TUI_NIP05_BASE_URL
// (e.g. http://127.0.0.1:4321) is read only when NODE_ENV is `test`; a
// release build run by a user never honours it.
import fs from 'node:fs';
import path from 'node:path';
import type { Clock } from '../core/clock.js';
import { failure } from '../core/errors.js';
import { nip05Text, nip05Url, parseNip05, pubkeyInNostrJson, type Nip05Address } from '../core/nip05.js';
import { ensurePrivateDir, writePrivateFile } from '../store/safe-file.js';
import { isPrivateHost } from '../core/relay-list.js';
import { readCapped } from './capped-body.js';
import { dnsServersFromEnv } from '../net/lookup.js';
import { webClient } from '../net/web-fetch.js';
import { isHex64 } from '../core/event-shape.js';

export const NIP05_TIMEOUT_MS = 5_000;
export const NIP05_MAX_BYTES = 64 * 1024;
export const NIP05_CACHE_SEC = 24 * 3600;
const CACHE_FILE = 'nip05-cache.json';
const MOST_CACHED = 2_000;

/** What a look-up found: the key the domain maps the name to (null: the domain answered, without this name). */
export type Nip05Answer = { ok: true; pubkey: string | null } | { ok: false; reason: string };

export interface Nip05Resolver {
  /** The key `address` maps to; throws a one-line error for people when it cannot be known. */
  resolve(address: string): Promise<string>;
  /** True only when the domain's nostr.json maps `address` to `pubkey` now (or within the last day). */
  verify(address: string, pubkey: string): Promise<boolean>;
  /** What is known without asking (the cache), for a first frame. */
  known(address: string, pubkey: string): boolean | undefined;
}

export interface Nip05Options {
  clock: Clock;
  env: NodeJS.ProcessEnv;
  /** Where answers are remembered across runs; memory only without it. */
  dataDir?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** The test-only base URL; undefined outside tests whatever the environment says. */
export function nip05BaseFromEnv(env: NodeJS.ProcessEnv): string | undefined {
  if (env.NODE_ENV !== 'test') return undefined;
  const base = env.NOSTR_TUI_NIP05_BASE_URL;
  return base && /^https?:\/\/[^/?#]+\/?$/.test(base) ? base : undefined;
}

interface CacheEntry {
  pubkey: string | null;
  at: number;
}

export function createNip05Resolver(opts: Nip05Options): Nip05Resolver {
  const base = nip05BaseFromEnv(opts.env);
  // Without a client's, requests of their own: a lookup is cancelled with its request (src/net/web-fetch.ts).
  const doFetch = opts.fetch ?? webClient(dnsServersFromEnv(opts.env)).fetch;
  const memory = new Map<string, CacheEntry>(Object.entries(readCache(opts.dataDir)));
  const inflight = new Map<string, Promise<Nip05Answer>>();
  const now = () => Math.floor(opts.clock.now() / 1000);
  const fresh = (key: string): CacheEntry | undefined => {
    const entry = memory.get(key);
    return entry && now() - entry.at < NIP05_CACHE_SEC && entry.at <= now() + 60 ? entry : undefined;
  };

  const lookUp = (address: Nip05Address): Promise<Nip05Answer> => {
    const key = `${address.name}@${address.domain}`;
    const cached = fresh(key);
    if (cached) return Promise.resolve({ ok: true, pubkey: cached.pubkey });
    let pending = inflight.get(key);
    if (!pending) {
      pending = ask(doFetch, nip05Url(address, base), address.name, opts.timeoutMs ?? NIP05_TIMEOUT_MS).then((answer) => {
        inflight.delete(key);
        if (answer.ok) {
          memory.set(key, { pubkey: answer.pubkey, at: now() });
          writeCache(opts.dataDir, memory);
        }
        return answer;
      });
      inflight.set(key, pending);
    }
    return pending;
  };

  return {
    async resolve(text) {
      const address = parseNip05(text);
      if (!address) throw failure('not a NIP-05 address: give name@domain.');
      const answer = await lookUp(address);
      const shown = nip05Text(address);
      if (!answer.ok) throw failure(`could not look up ${shown}: ${answer.reason}.`);
      if (!answer.pubkey) throw failure(`${shown} is not listed by ${address.domain}.`);
      return answer.pubkey;
    },
    async verify(text, pubkey) {
      const address = parseNip05(text);
      if (!address) return false;
      // Checked on its own as a profile is shown: an address someone wrote must not make the client
      // send requests into the user's network (`x@192.168.1.1`, `x@printer.local`). One the user
      // types (`follow x@…`, resolve) is theirs to ask for.
      if (!base && isPrivateHost(address.domain)) return false;
      const answer = await lookUp(address);
      return answer.ok && answer.pubkey === pubkey;
    },
    known(text, pubkey) {
      const address = parseNip05(text);
      if (!address) return false;
      const cached = fresh(`${address.name}@${address.domain}`);
      return cached ? cached.pubkey === pubkey : undefined;
    },
  };
}

/** One GET: no redirects, a time limit, and at most NIP05_MAX_BYTES read. */
async function ask(doFetch: typeof fetch, url: string, name: string, timeoutMs: number): Promise<Nip05Answer> {
  let response: Response;
  try {
    response = await doFetch(url, { redirect: 'manual', signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    return { ok: false, reason: timedOut ? `no answer within ${Math.round(timeoutMs / 1000)} s` : 'the server could not be reached' };
  }
  if (response.status >= 300 && response.status < 400) {
    await response.body?.cancel().catch(() => {});
    return { ok: false, reason: 'the server answered with a redirect, which NIP-05 does not allow' };
  }
  // A missing name is a 404 on many servers: the domain answered, the name is not there.
  if (response.status === 404) {
    await response.body?.cancel().catch(() => {});
    return { ok: true, pubkey: null };
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => {});
    return { ok: false, reason: `the server answered HTTP ${response.status}` };
  }
  const body = await readNostrJson(response, timeoutMs);
  if (body === undefined) return { ok: false, reason: `the answer is larger than ${NIP05_MAX_BYTES / 1024} KB or was cut off` };
  return { ok: true, pubkey: pubkeyInNostrJson(body, name) ?? null };
}

/** The body as text, or undefined when it exceeds the cap (reading stops there) or breaks off. */
async function readNostrJson(response: Response, timeoutMs: number): Promise<string | undefined> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > NIP05_MAX_BYTES || !response.body) {
    await response.body?.cancel().catch(() => {});
    return response.body ? undefined : '';
  }
  const reader = response.body.getReader();
  const deadline = setTimeout(() => void reader.cancel().catch(() => {}), timeoutMs);
  try {
    return await readCapped(reader, NIP05_MAX_BYTES);
  } catch {
    return undefined;
  } finally {
    clearTimeout(deadline);
  }
}

function readCache(dataDir: string | undefined): Record<string, CacheEntry> {
  if (!dataDir) return {};
  try {
    const data = JSON.parse(fs.readFileSync(path.join(dataDir, CACHE_FILE), 'utf8')) as Record<string, CacheEntry>;
    const entries = Object.entries(data).filter(
      ([key, entry]) => parseNip05(key) && entry && typeof entry.at === 'number' && (entry.pubkey === null || isHex64(entry.pubkey)),
    );
    return Object.fromEntries(entries);
  } catch {
    return {}; // missing or damaged: addresses are asked again
  }
}

function writeCache(dataDir: string | undefined, memory: Map<string, CacheEntry>): void {
  if (!dataDir) return;
  try {
    // The newest answers are kept when there are too many.
    const entries = [...memory.entries()].sort((a, b) => b[1].at - a[1].at).slice(0, MOST_CACHED);
    ensurePrivateDir(dataDir);
    writePrivateFile(path.join(dataDir, CACHE_FILE), JSON.stringify(Object.fromEntries(entries)));
  } catch {
    // The cache saves a request; failing to write it loses nothing.
  }
}

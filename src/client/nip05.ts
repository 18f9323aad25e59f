// NIP-05 over HTTP: which public key `name@domain` names, asked of
// `https://domain/.well-known/nostr.json?name=name`. NIP-05 forbids following
// redirects (a redirect is a failure), the answer is capped at 64 KB and the
// request at 5 s, and a definite answer (mapped to a key, or not) is
// remembered for a day, in memory and in the data directory, so a profile
// shown again costs nothing. Timeouts, network errors and an answer that is
// not a nostr.json document (an error page served with 200) are not
// remembered as answers: the next look tries again.
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

/** Whether an address is someone's identity now, and if not, why (for people: `profile`, `search --people`). */
export type Nip05Check = { verified: true } | { verified: false; reason: string };

export interface Nip05Resolver {
  /** The key `address` maps to; throws a one-line error for people when it cannot be known. */
  resolve(address: string): Promise<string>;
  /** True only when the domain's nostr.json maps `address` to `pubkey` now (or within the last day). */
  verify(address: string, pubkey: string): Promise<boolean>;
  /** As verify, with the reason when it is not verified. */
  check(address: string, pubkey: string): Promise<Nip05Check>;
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

  const check = async (text: string, pubkey: string): Promise<Nip05Check> => {
    const address = parseNip05(text);
    if (!address) return { verified: false, reason: 'not a name@domain address' };
    // Checked on its own as a profile is shown: an address someone wrote must not make the client
    // send requests into the user's network (`x@192.168.1.1`, `x@printer.local`). One the user
    // types (`follow x@…`, resolve) is theirs to ask for.
    if (!base && isPrivateHost(address.domain)) return { verified: false, reason: `${address.domain} is on your own network, so it is not asked` };
    const answer = await lookUp(address);
    if (!answer.ok) return { verified: false, reason: `could not look it up: ${answer.reason}` };
    return answer.pubkey === pubkey ? { verified: true } : { verified: false, reason: `${address.domain} does not map it to this key` };
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
    check,
    async verify(text, pubkey) {
      return (await check(text, pubkey)).verified;
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
  // The whole exchange, headers and body, has `timeoutMs`.
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    response = await doFetch(url, { redirect: 'manual', signal, headers: { accept: 'application/json' } });
  } catch (error) {
    const timedOut = signal.aborted || (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'));
    return timedOut ? tooSlow(timeoutMs) : { ok: false, reason: 'the server could not be reached' };
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
  const body = await readNostrJson(response, signal, timeoutMs);
  if (!body.ok) return body;
  const pubkey = pubkeyInNostrJson(body.text, name);
  // An error page served with 200, or a document cut short, says nothing about the name: an
  // error, not remembered, so the next look asks again.
  if (pubkey === undefined) return { ok: false, reason: 'the answer is not a nostr.json document (JSON with a "names" object)' };
  return { ok: true, pubkey };
}

/**
 * The body as text; a failure says why: over the cap (reading stops there), too slow (`signal`,
 * the request's time limit, ran out: a body may trickle in), or broken off.
 */
async function readNostrJson(response: Response, signal: AbortSignal, timeoutMs: number): Promise<{ ok: true; text: string } | { ok: false; reason: string }> {
  const tooLarge = { ok: false, reason: `the answer is larger than ${NIP05_MAX_BYTES / 1024} KB` } as const;
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (!response.body) return { ok: true, text: '' };
  if (declared > NIP05_MAX_BYTES) {
    await response.body.cancel().catch(() => {});
    return tooLarge;
  }
  const reader = response.body.getReader();
  // A fetch that does not end the body with its signal is stopped here.
  const stop = () => void reader.cancel().catch(() => {});
  signal.addEventListener('abort', stop);
  try {
    const text = await readCapped(reader, NIP05_MAX_BYTES);
    if (signal.aborted) return tooSlow(timeoutMs);
    return text === undefined ? tooLarge : { ok: true, text };
  } catch {
    return signal.aborted ? tooSlow(timeoutMs) : { ok: false, reason: 'the answer was cut off' };
  } finally {
    signal.removeEventListener('abort', stop);
  }
}

const tooSlow = (timeoutMs: number) => ({ ok: false, reason: `no answer within ${Math.round(timeoutMs / 1000)} s` }) as const;

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

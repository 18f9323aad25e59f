// The services both faces (one-shot commands and the interactive UI) use:
// relays for this run, the pool, the signer and the local store, each opened
// only when first needed, so `key show` never opens a socket or a database.
import type { EventTemplate } from 'nostr-tools';
import type { Clock } from '../core/clock.js';
import { failure, noKeyYet } from '../core/errors.js';
import { containsSecret } from '../core/identifiers.js';
import { sanitizeLine } from '../core/sanitize.js';
import { createPool } from '../net/pool.js';
import type { RelayPool, RelaySpec } from '../net/types.js';
import { ConfigStore, relaysForRun } from '../store/config.js';
import { KeyStore, LocalSigner, storedPubkey } from '../store/keys.js';
import { cacheCapFromEnv, openStore, type LocalStore } from '../store/open.js';
import { PASSPHRASE_ENV, type PromptIO } from '../store/passphrase.js';
import { unlockSecret } from '../store/unlock.js';
import type { Paths } from '../store/paths.js';
import type { Signer } from '../core/signer.js';
import { cacheIngest } from './ingest.js';
import { flushOutbox } from './outbox-flush.js';
import { keepRetrying } from './outbox-retry.js';
import { safely } from '../core/safely.js';
import { writeUrls } from '../core/relay-spec.js';
import { indexProgressWriter } from './search-progress.js';
import { dnsServersFromEnv } from '../net/lookup.js';
import { webClient } from '../net/web-fetch.js';
import { StalledRelays } from './stalled-relays.js';
import { STALL_REMEMBERED_MS, StallMemory } from './stall-memory.js';

export interface ClientOptions {
  paths: Paths;
  env: NodeJS.ProcessEnv;
  clock: Clock;
  /** `--relay` URLs: replace the configured relays for this run. */
  relayOverride?: string[];
  WebSocket?: typeof WebSocket;
  /** Where a passphrase is asked (without echo) when the key is encrypted. */
  stdin?: PromptIO['stdin'];
  /**
   * Whether the terminal may be asked for a passphrase now (default: always). The interactive UI
   * asks before it draws, and never after: the keys typed then are the UI's, so a passphrase
   * typed at a prompt under it would be run as keys (`n`, then the rest typed into a note).
   */
  mayPrompt?(): boolean;
  /** Passphrase prompts and store warnings. */
  stderr?: NodeJS.WritableStream;
  /** Per-relay limits; the pool's defaults when left out. */
  eoseTimeoutMs?: number;
  publishTimeoutMs?: number;
  /**
   * When the pool is first used, send again what is pending in the outbox from
   * earlier runs, each entry to the relays it was meant for. Only commands that
   * write ask for it (default false): a read command never sends anything and
   * its exit never waits for a retry. `outbox flush` does it itself.
   * 'background' (the interactive UI, which writes too): retried the same way,
   * but quitting never waits for it; what is cut short stays pending.
   */
  retryOutbox?: boolean | 'background';
}

export interface Client {
  readonly paths: Paths;
  readonly clock: Clock;
  /** The environment this run was started with (settings such as NOSTR_TUI_MAX_RELAYS). */
  readonly env: NodeJS.ProcessEnv;
  /** `--relay` named the relays for this run: nothing else (outbox, inbox relays) is asked or told. */
  readonly pinnedRelays: boolean;
  /** The relays for this run: `--relay`, else the configured ones, else the defaults. */
  relays(): RelaySpec[];
  /** The configured relays were edited while running (the relays panel): read them again, and the pool uses them. No-op with `--relay`. */
  relaysChanged(): void;
  /** Created on first use. */
  pool(): RelayPool;
  /** The user's signer; asks for the passphrase once when the key is encrypted. Fails with no key or a read-only key. */
  signer(): Promise<Signer>;
  /**
   * The signer when it is at hand without asking anything (the key stored plain, already unlocked,
   * or NOSTR_TUI_PASSPHRASE set), else undefined: for reads the key only adds to (the private
   * items of the user's lists), which must never prompt.
   */
  signerAtHand(): Promise<Signer | undefined>;
  /** Hex public key, or undefined when no key is stored. */
  publicKey(): string | undefined;
  /** Opened on first use. */
  store(): LocalStore;
  /** For the web requests of this run (NIP-05, NIP-11): names looked up as relays' are, every request ended by close(). */
  readonly fetch: typeof fetch;
  /** Relays that stalled (no EOSE in time) during this run: reads do not wait for them again (src/client/stalled-relays.ts). */
  readonly stalled: StalledRelays;
  /** This run gave the relay a short wait, as it stalled on a recent run (src/client/stall-memory.ts). */
  gaveShortWait(url: string): boolean;
  close(): Promise<void>;
}

/** The local cache, when it can be opened (another instance may hold it): what only helps goes on without it. */
export function cacheOf(client: Pick<Client, 'store'>): ReturnType<Client['store']>['events'] | undefined {
  return safely(() => client.store().events, undefined);
}

/** The user's public key, for an edit of their own lists; without one, how to get one. */
export function ownKey(client: Pick<Client, 'publicKey'>): string {
  const pubkey = client.publicKey();
  if (!pubkey) throw noKeyYet();
  return pubkey;
}

export function createClient(opts: ClientOptions): Client {
  const config = new ConfigStore(opts.paths.configDir);
  const keys = new KeyStore(opts.paths.configDir);
  const stderr = opts.stderr ?? process.stderr;
  // Bad input is said before anything is asked of the network.
  const dnsServers = dnsServersFromEnv(opts.env);
  // A URL holding the user's secret, whoever named it (a relay list, a hint), is never connected
  // to or asked for; the key file is read only for a URL with 64 hex characters in a row.
  const secretInUrl = (url: string) => containsSecret(url, /[0-9a-f]{64}/i.test(url) ? storedPubkey(opts.paths.configDir) : undefined);
  const web = webClient(dnsServers, secretInUrl);
  let relays: RelaySpec[] | undefined;
  let pool: RelayPool | undefined;
  let store: LocalStore | undefined;
  let signer: Promise<Signer> | undefined;
  let unlocked: Signer | undefined;
  let retrying: Promise<unknown> | undefined;
  let retryingLive: { close(): void } | undefined;
  let stalls: StallMemory | undefined;
  let closed = false;
  /** Relays whose AUTH challenge was not answered because the key is locked (authHint). */
  const authDeclined = new Set<string>();
  const startedAt = opts.clock.now();
  // Every event any request receives is cached with its relays, here and nowhere else.
  const ingest = cacheIngest(() => client.store().events);

  const client: Client = {
    paths: opts.paths,
    clock: opts.clock,
    env: opts.env,
    pinnedRelays: (opts.relayOverride?.length ?? 0) > 0,
    relays() {
      // Only a --relay URL with 64 hex characters costs a key derivation here.
      relays ??= relaysForRun(config, opts.relayOverride, opts.relayOverride?.some((url) => /[0-9a-f]{64}/i.test(url)) ? storedPubkey(opts.paths.configDir) : undefined);
      return relays.map((relay) => ({ ...relay }));
    },
    relaysChanged() {
      if (client.pinnedRelays) return;
      relays = undefined;
      pool?.setRelays?.(client.relays());
    },
    pool() {
      if (pool) return pool;
      const late = closed;
      // After close the store is not opened again: a closed pool asks no relay anyway.
      stalls = new StallMemory(late ? new Map() : safely(() => client.store().relayStalls.load(), new Map()), () => opts.clock.now());
      pool = createPool({
        relays: client.relays(),
        clock: opts.clock,
        ingest,
        waits: stalls,
        ...(opts.WebSocket ? { WebSocket: opts.WebSocket } : {}),
        dnsServers,
        secretInUrl,
        ...(opts.eoseTimeoutMs === undefined ? {} : { eoseTimeoutMs: opts.eoseTimeoutMs }),
        ...(opts.publishTimeoutMs === undefined ? {} : { publishTimeoutMs: opts.publishTimeoutMs }),
        // NIP-42 AUTH signs with the key when it is at hand without asking (plain, unlocked, or
        // NOSTR_TUI_PASSPHRASE), reads included: a relay must not be able to make a command ask
        // for the passphrase, and a locked key is only told of (authHint) when a relay refused.
        onAuthRequested: async (url) => {
          if (await client.signerAtHand()) return true;
          if (keys.load()?.secret?.type === 'encrypted') authDeclined.add(url);
          return false;
        },
        signer: {
          getPublicKey: async () => (await keyForAuth()).getPublicKey(),
          signEvent: async (template: EventTemplate) => (await keyForAuth()).signEvent(template),
        },
      });
      // Asked for after close (a lookup the UI started as it quit): a closed pool, whose requests end
      // at once, rather than new connections to the relays that would keep the process running.
      if (late) {
        void pool.close();
        return pool;
      }
      if (opts.retryOutbox) retrying = retryPending(pool);
      // The UI runs for hours: what it could not send is sent when it can (outbox-retry.ts).
      if (opts.retryOutbox === 'background') {
        retryingLive = keepRetrying({ outbox: () => client.store().outbox, pool, writeRelays: () => writeUrls(client.relays()), clock: opts.clock });
      }
      return pool;
    },
    signer() {
      signer ??= unlock().then((s) => (unlocked = s));
      // A failed unlock (wrong passphrase) may be retried by the caller.
      signer.catch(() => (signer = undefined));
      return signer;
    },
    async signerAtHand() {
      if (unlocked) return unlocked;
      try {
        const secret = keys.load()?.secret;
        if (!secret || (secret.type !== 'plain' && !opts.env[PASSPHRASE_ENV])) return undefined;
        return await client.signer();
      } catch {
        return undefined;
      }
    },
    publicKey() {
      return keys.load()?.pubkey;
    },
    store() {
      if (store) return store;
      const maxBytes = cacheCapFromEnv(opts.env);
      store = openStore(opts.paths.dataDir, {
        clock: opts.clock,
        ...(maxBytes === undefined ? {} : { maxBytes }),
        ...(client.publicKey() ? { ownPubkey: client.publicKey()! } : {}),
        onWarning: (message) => stderr.write(`nostr-tui: warning: ${sanitizeLine(message)}\n`),
        onIndexProgress: indexProgressWriter(stderr),
      });
      return store;
    },
    fetch: web.fetch,
    stalled: new StalledRelays(),
    gaveShortWait: (url) => stalls?.gaveShortWait(url) ?? false,
    async close() {
      web.close();
      // Let the retry of earlier outbox entries finish (bounded by the publish timeout), unless it runs in the background.
      if (opts.retryOutbox !== 'background') await retrying;
      retryingLive?.close();
      if (!closed) authHint();
      closed = true;
      // The pool before the store: nothing may arrive for a store that is already closed. It is kept,
      // closed: a request made after this ends at once instead of opening a new pool.
      await pool?.close();
      ingest.flush();
      // Best effort, like the cache: a store another process holds only costs the next run a wait.
      if (stalls?.unsaved().size) safely(() => client.store().relayStalls.save(stalls!.unsaved(), opts.clock.now() - STALL_REMEMBERED_MS), undefined);
      store?.close();
      store = undefined;
    },
  };

  /** Pending outbox entries from earlier runs go out once this run connects; failures stay pending. */
  function retryPending(connected: RelayPool): Promise<unknown> | undefined {
    try {
      const outbox = client.store().outbox;
      if (outbox.pending().length === 0) return undefined;
      const relays = writeUrls(client.relays());
      return flushOutbox(outbox, connected, { relays, savedBefore: startedAt, stopAtFirstFailure: true, backoffAt: opts.clock.now() }).catch(() => undefined);
    } catch {
      return undefined;
    }
  }

  async function keyForAuth(): Promise<Signer> {
    const at = await client.signerAtHand();
    if (!at) throw new Error('no key at hand to authenticate with');
    return at;
  }

  /** A relay refused a request until we authenticate, and the key is encrypted with no passphrase given: how to answer it. */
  function authHint(): void {
    const refused = (pool?.status() ?? []).filter((s) => authDeclined.has(s.url) && s.error?.startsWith('auth-required:'));
    for (const { url } of refused) {
      stderr.write(`nostr-tui: ${sanitizeLine(url)} wants you to authenticate (NIP-42) and your key is encrypted: set NOSTR_TUI_PASSPHRASE to let commands answer it.\n`);
    }
  }

  async function unlock(): Promise<Signer> {
    const key = keys.load();
    if (!key) throw noKeyYet();
    if (!key.secret) {
      throw failure('read-only: only a public key is stored, and this needs a secret key to sign. Run `nostr-tui key import` with your nsec.');
    }
    if (key.secret.type === 'plain') return new LocalSigner(key.secret.secretKey);
    if (opts.mayPrompt?.() === false && !opts.env[PASSPHRASE_ENV]) {
      throw failure('your key is encrypted and was not unlocked when nostr-tui started; quit and start it again to type the passphrase.');
    }
    return new LocalSigner(await unlockSecret({ env: opts.env, stdin: opts.stdin ?? process.stdin, stderr }, key.secret.ncryptsec, 'Passphrase for your key: '));
  }

  return client;
}

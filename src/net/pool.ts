// The relay pool: every read relay asked, every event verified once, merged by
// id; every write relay told, one result each. Built on nostr-tools'
// AbstractRelay (src/net/relay.ts) with a hardened message path.
import type { Event, Filter } from 'nostr-tools';
import WS from 'ws';
import { systemClock, systemTimers, type Cancel, type Clock, type Timers } from '../core/clock.js';
import { defaultLimits, type RelayMessageLimits } from '../core/relay-message.js';
import { FUTURE_SKEW_SEC } from '../core/timeline.js';
import type { Signer } from '../store/types.js';
import { defaultBackoff, type BackoffOptions } from './backoff.js';
import { Connection } from './connection.js';
import type { RelaySub } from './relay.js';
import type {
  PublishOptions,
  PublishResult,
  QueryOptions,
  QueryResult,
  RelayOutcome,
  RelayPool,
  RelaySpec,
  RelayStatus,
  SubscribeHandlers,
  Subscription,
} from './types.js';
import { VerifiedEvents } from './verified-events.js';
import { sharedVerifier, type SignatureVerifier } from './verify.js';

export interface PoolOptions {
  relays: RelaySpec[];
  /** Defaults to the `ws` package. */
  WebSocket?: typeof WebSocket;
  clock?: Clock;
  /** EOSE, publish and reconnect timeouts; tests pass manual ones. */
  timers?: Timers;
  /** Signs NIP-42 AUTH events, only for relays in `relays`. */
  signer?: Signer;
  eoseTimeoutMs?: number;
  publishTimeoutMs?: number;
  /** Asked before answering a relay's AUTH challenge; false declines. */
  onAuthRequested?: (url: string) => boolean | Promise<boolean>;
  verifier?: SignatureVerifier;
  backoff?: Partial<BackoffOptions>;
  limits?: Partial<RelayMessageLimits>;
}

export const DEFAULT_EOSE_TIMEOUT_MS = 5_000;
export const DEFAULT_PUBLISH_TIMEOUT_MS = 8_000;
/** Larger frames close the connection (ws); between 512 KiB and this they are dropped and counted. */
const MAX_FRAME_BYTES = 16 * 1024 * 1024;

export interface StreamOptions extends QueryOptions {
  /** Keep the REQ open after EOSE, reconnect and resubscribe (default true for subscribe). */
  stream?: boolean;
}

export function createPool(opts: PoolOptions): RelayPool & { readonly verifierName: string } {
  return new Pool(opts);
}

/** One REQ of a pool subscription on one relay. */
interface Part {
  conn: Connection;
  sub: RelaySub;
  /** The filters as asked; resubscriptions narrow `since` from these. */
  filters: Filter[];
  outcome: RelayOutcome;
  settled: boolean;
  /** Not to be resubscribed after a reconnect (one-shot query, CLOSED by the relay, closed by us). */
  dead: boolean;
  /** Closed by the caller. */
  cancelled: boolean;
  authRetried: boolean;
  cancelTimer: Cancel | undefined;
  reqAt: number;
  /** Called once, when the part settles (EOSE, timeout, failure, CLOSED). */
  onsettle(timedOut: boolean): void;
}

let serial = 0;

class Pool implements RelayPool {
  private readonly connections = new Map<string, Connection>();
  private readonly listeners = new Set<(status: RelayStatus[]) => void>();
  private readonly parts = new Map<Connection, Set<Part>>();
  private readonly clock: Clock;
  private readonly timers: Timers;
  private readonly verified: VerifiedEvents;
  private readonly eoseTimeoutMs: number;
  private readonly publishTimeoutMs: number;
  private readonly WebSocket: typeof WebSocket;
  private readonly backoff: BackoffOptions;
  private readonly limits: RelayMessageLimits;
  private cancelStatusTimer: Cancel | undefined;
  private closed = false;

  constructor(private readonly opts: PoolOptions) {
    this.clock = opts.clock ?? systemClock;
    this.timers = opts.timers ?? systemTimers;
    this.verified = new VerifiedEvents(opts.verifier ?? sharedVerifier());
    this.eoseTimeoutMs = opts.eoseTimeoutMs ?? DEFAULT_EOSE_TIMEOUT_MS;
    this.publishTimeoutMs = opts.publishTimeoutMs ?? DEFAULT_PUBLISH_TIMEOUT_MS;
    this.WebSocket = guardedWebSocket(opts.WebSocket);
    this.backoff = { ...defaultBackoff, ...opts.backoff };
    this.limits = { ...defaultLimits, ...opts.limits };
    for (const spec of opts.relays) this.connection(spec.url, true);
  }

  get verifierName(): string {
    return this.verified.verifierName;
  }

  private connection(url: string, inList = false): Connection {
    let conn = this.connections.get(url);
    if (conn) return conn;
    conn = new Connection(url, inList, {
      clock: this.clock,
      timers: this.timers,
      WebSocket: this.WebSocket,
      ping: !this.opts.WebSocket,
      verified: this.verified,
      limits: this.limits,
      backoff: this.backoff,
      ...(this.opts.signer ? { signer: this.opts.signer } : {}),
      ...(this.opts.onAuthRequested ? { onAuthRequested: this.opts.onAuthRequested } : {}),
      authTimeoutMs: this.publishTimeoutMs,
      onchange: () => this.statusChanged(),
    });
    const parts = new Set<Part>();
    this.parts.set(conn, parts);
    const c = conn;
    conn.wanted = () => [...parts].some((part) => !part.dead);
    conn.onlost = (reason) => {
      for (const part of parts) if (!part.settled) this.settlePart(part, { error: reason });
    };
    conn.onreopen = () => {
      for (const part of parts) if (!part.dead) this.resubscribe(c, part);
    };
    this.connections.set(url, conn);
    return conn;
  }

  private readUrls(): string[] {
    return this.opts.relays.filter((r) => r.read).map((r) => r.url);
  }

  private writeUrls(): string[] {
    return this.opts.relays.filter((r) => r.write).map((r) => r.url);
  }

  query(filters: Filter[], opts: QueryOptions = {}): Promise<QueryResult> {
    return new Promise((resolve) => {
      const events: Event[] = [];
      const sub = this.open(
        filters,
        {
          onevent: (event) => events.push(event),
          onsettled: (relays) => {
            queueMicrotask(() => sub.close());
            resolve({ events, relays });
          },
        },
        { ...opts, stream: false },
      );
    });
  }

  subscribe(filters: Filter[], handlers: SubscribeHandlers, opts: StreamOptions = {}): Subscription {
    return this.open(filters, handlers, { stream: true, ...opts });
  }

  private open(filters: Filter[], handlers: SubscribeHandlers, opts: StreamOptions): Subscription {
    const urls = [...new Set(opts.relays ?? this.readUrls())];
    const eoseTimeoutMs = opts.eoseTimeoutMs ?? this.eoseTimeoutMs;
    const delivered = new Set<string>();
    const id = `nt${++serial}`;
    const parts: Part[] = [];
    let closed = false;
    let settledReported = false;

    const reportSettled = () => {
      if (settledReported || closed || !parts.every((p) => p.settled)) return;
      settledReported = true;
      handlers.onsettled?.(parts.map((p) => ({ ...p.outcome })));
    };

    const close = () => {
      if (closed) return;
      closed = true;
      for (const part of parts) {
        part.dead = true;
        part.cancelled = true;
        part.cancelTimer?.();
        part.conn.relay.unreq(id);
        this.parts.get(part.conn)?.delete(part);
      }
    };

    for (const url of urls) {
      const conn = this.connection(url);
      const part: Part = {
        conn,
        filters,
        outcome: { url, eose: false, timedOut: false, events: 0 },
        settled: false,
        dead: !opts.stream,
        cancelled: false,
        authRetried: false,
        cancelTimer: undefined,
        reqAt: 0,
        sub: undefined as unknown as RelaySub,
        onsettle: (timedOut) => {
          if (timedOut || part.outcome.eose) handlers.oneose?.(url, timedOut);
          reportSettled();
        },
      };
      part.sub = {
        id,
        filters,
        delivered,
        onevent: (event) => {
          part.outcome.events++;
          handlers.onevent(event, url);
        },
        onseen: (eventId) => {
          part.outcome.events++;
          handlers.onseen?.(eventId, url);
        },
        // The relay answered in time when its EOSE arrived, even if our checks of
        // the events before it are still running: the timeout measures the relay, not us.
        oneoseArrived: () => {
          part.cancelTimer?.();
          part.cancelTimer = undefined;
          if (!part.settled) conn.status.rttMs = this.clock.now() - part.reqAt;
        },
        oneose: () => {
          if (part.settled) return;
          if (conn.status.state === 'connected') conn.setState('eose');
          this.settlePart(part, { eose: true });
        },
        onclosed: (reason) => this.relayClosed(part, reason, handlers),
      };
      parts.push(part);
      this.parts.get(conn)!.add(part);
      part.cancelTimer = this.timers.after(eoseTimeoutMs, () => this.settlePart(part, { timedOut: true }));
      conn.open(eoseTimeoutMs).then(
        () => {
          if (closed) return;
          part.reqAt = this.clock.now();
          if (!conn.relay.req(part.sub)) this.settlePart(part, { error: 'connection closed' });
        },
        (error: Error) => {
          this.settlePart(part, { error: error.message });
          if (!part.dead) conn.scheduleReconnect();
        },
      );
    }
    opts.signal?.addEventListener('abort', () => {
      for (const part of parts) this.settlePart(part, { timedOut: true });
    });
    queueMicrotask(reportSettled);
    return { close };
  }

  private settlePart(part: Part, how: { eose?: boolean; timedOut?: boolean; error?: string }): void {
    if (part.settled) return;
    part.settled = true;
    part.cancelTimer?.();
    part.cancelTimer = undefined;
    if (how.eose) part.outcome.eose = true;
    if (how.timedOut) part.outcome.timedOut = true;
    if (how.error !== undefined) part.outcome.error = how.error;
    part.onsettle(how.timedOut === true);
  }

  /** CLOSED (NIP-01): the relay ended the REQ. "auth-required:" (NIP-42) gets one retry after AUTH. */
  private relayClosed(part: Part, reason: string, handlers: SubscribeHandlers): void {
    const conn = part.conn;
    if (reason.startsWith('auth-required:') && !part.authRetried) {
      part.authRetried = true;
      void conn.authenticate().then((ok) => {
        if (ok && !this.closed && !part.cancelled && conn.relay.req(part.sub)) return;
        this.endPart(part, reason, handlers);
      });
      return;
    }
    this.endPart(part, reason, handlers);
  }

  private endPart(part: Part, reason: string, handlers: SubscribeHandlers): void {
    part.dead = true;
    part.conn.status.error = reason;
    this.statusChanged();
    this.settlePart(part, { error: `closed by relay: ${reason}` });
    handlers.onclosed?.(part.conn.url, reason);
  }

  /** After a reconnect: the same REQ again, from the newest event this relay delivered (NIP-01 `since`). */
  private resubscribe(conn: Connection, part: Part): void {
    // Never past now + skew, whatever recorded `newest` (issue #16 item 3).
    const cap = Math.floor(this.clock.now() / 1000) + FUTURE_SKEW_SEC;
    const newest = part.sub.newest === undefined ? undefined : Math.min(part.sub.newest, cap);
    part.sub.filters =
      newest === undefined ? part.filters : part.filters.map((f) => ({ ...f, since: Math.max(f.since ?? 0, newest) }));
    part.reqAt = this.clock.now();
    conn.relay.req(part.sub);
  }

  async publish(event: Event, opts: PublishOptions = {}): Promise<PublishResult[]> {
    const urls = [...new Set(opts.relays ?? this.writeUrls())];
    const timeoutMs = opts.timeoutMs ?? this.publishTimeoutMs;
    return Promise.all(urls.map((url) => this.publishTo(this.connection(url), event, timeoutMs)));
  }

  /** One relay, one result; every failure is a result, never a throw. */
  private publishTo(conn: Connection, event: Event, timeoutMs: number): Promise<PublishResult> {
    const url = conn.url;
    return new Promise((resolve) => {
      let connected = false;
      let done = false;
      const finish = (result: PublishResult) => {
        if (done) return;
        done = true;
        cancelTimer();
        resolve(result);
      };
      const cancelTimer = this.timers.after(timeoutMs, () =>
        finish(
          connected
            ? { url, ok: false, outcome: 'timeout', message: `no answer within ${timeoutMs} ms` }
            : { url, ok: false, outcome: 'unreachable', message: `could not connect within ${timeoutMs} ms` },
        ),
      );
      conn
        .open(timeoutMs)
        .then(async () => {
          connected = true;
          const sentAt = this.clock.now();
          let result = await conn.relay.sendForOk('EVENT', event);
          // NIP-42: a relay may refuse until we authenticate; then one retry.
          if (!result.ok && result.message.startsWith('auth-required:') && (await conn.authenticate())) {
            result = await conn.relay.sendForOk('EVENT', event);
          }
          conn.status.rttMs = this.clock.now() - sentAt;
          this.statusChanged();
          finish(
            result.ok
              ? { url, ok: true, outcome: 'accepted', message: result.message }
              : { url, ok: false, outcome: 'rejected', message: result.message },
          );
        })
        .catch((error: unknown) =>
          finish({ url, ok: false, outcome: 'unreachable', message: error instanceof Error ? error.message : String(error) }),
        );
    });
  }

  status(): RelayStatus[] {
    return [...this.connections.values()].map((c) => ({
      ...c.status,
      counts: { ...c.status.counts },
    }));
  }

  onStatus(listener: (status: RelayStatus[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Status listeners hear at most every 50 ms: counters change with every message. */
  private statusChanged(): void {
    if (this.cancelStatusTimer || this.listeners.size === 0) return;
    this.cancelStatusTimer = this.timers.after(
      50,
      () => {
        this.cancelStatusTimer = undefined;
        const snapshot = this.status();
        for (const listener of this.listeners) listener(snapshot);
      },
      { weak: true },
    );
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.cancelStatusTimer?.();
    for (const [conn, parts] of this.parts) {
      for (const part of parts) {
        part.dead = true;
        this.settlePart(part, { error: 'pool closed' });
      }
      conn.close();
    }
    const snapshot = this.status();
    for (const listener of this.listeners) listener(snapshot);
  }
}

/**
 * The socket class AbstractRelay constructs. An `error` with no listener is
 * thrown by Node's EventEmitter, and AbstractRelay removes its handler when it
 * closes a socket, so each socket keeps one no-op listener of its own.
 */
function guardedWebSocket(Impl?: typeof WebSocket): typeof WebSocket {
  if (!Impl) {
    return class extends WS {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols, { maxPayload: MAX_FRAME_BYTES });
        this.on('error', () => {});
      }
    } as unknown as typeof WebSocket;
  }
  const Base = Impl as unknown as new (url: string | URL, protocols?: string | string[]) => { on?(e: string, f: () => void): void };
  return class extends Base {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      this.on?.('error', () => {});
    }
  } as unknown as typeof WebSocket;
}
